package org.recourse.shell.web;

import org.jspecify.annotations.Nullable;
import org.recourse.registry.SignedInUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page the signed-in user, which the layout uses for the navigation by role. */
@ControllerAdvice(annotations = Controller.class)
class PageModel {

    @ModelAttribute("me")
    @Nullable SignedInUser me(@AuthenticationPrincipal @Nullable SignedInUser user) {
        return user;
    }
}
