package org.recourse.registry.web;

import org.recourse.registry.RegisterOrganisation;
import org.recourse.registry.RegistrationDesk;
import org.recourse.registry.RegistryProblem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

/** The public registration form for institutions and agencies. */
@Controller
class RegistrationPages {

    private final RegistrationDesk desk;

    RegistrationPages(RegistrationDesk desk) {
        this.desk = desk;
    }

    @GetMapping("/register")
    String form(Model model) {
        model.addAttribute("form", new RegisterOrganisation("INSTITUTION", null, null, null, null, null, null, null));
        return "registry/register";
    }

    @PostMapping("/register")
    String register(@ModelAttribute("form") RegisterOrganisation form, Model model) {
        try {
            desk.register(form);
            return "redirect:/register/submitted";
        } catch (RegistryProblem problem) {
            // Re-rendered with 200, so htmx swaps it in; nothing was stored.
            FormErrors.show(model, problem);
            return "registry/register";
        }
    }

    @GetMapping("/register/submitted")
    String submitted() {
        return "registry/submitted";
    }
}
