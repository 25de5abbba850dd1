package org.recourse.shell.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Where people land after signing in: what they can do, by role. */
@Controller
class HomePage {

    @GetMapping("/")
    String home() {
        return "shell/home";
    }
}
