package org.recourse.registry.web;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.registry.OrganisationStatus;
import org.recourse.registry.RegistrationDesk;
import org.recourse.registry.RegistryProblem;
import org.recourse.registry.SignedInUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The platform operator's review of registrations: the queue, one registration, approve or reject. */
@Controller
class RegistrationReviewPages {

    private final RegistrationDesk desk;

    RegistrationReviewPages(RegistrationDesk desk) {
        this.desk = desk;
    }

    @GetMapping("/platform/registrations")
    String list(@RequestParam(defaultValue = "PENDING") OrganisationStatus status, Model model) {
        model.addAttribute("status", status);
        model.addAttribute("statuses", OrganisationStatus.values());
        model.addAttribute("registrations", desk.list(status));
        return "registry/registrations";
    }

    @GetMapping("/platform/registrations/{id}")
    String detail(@PathVariable UUID id, Model model) {
        model.addAttribute("registration", desk.find(id));
        return "registry/registration";
    }

    /** An htmx fragment with the contact in full, swapped in place of the masked one; audited. */
    @PostMapping("/platform/registrations/{id}/contact/reveal")
    String revealContact(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser operator, Model model) {
        model.addAttribute("contact", desk.revealContact(id, operator));
        return "registry/registration :: contact";
    }

    @PostMapping("/platform/registrations/{id}/approve")
    String approve(@PathVariable UUID id, @RequestParam(required = false) @Nullable String reason,
                   @AuthenticationPrincipal SignedInUser operator, Model model, RedirectAttributes redirect) {
        return decide(id, model, redirect, "registration.approved_notice",
                () -> desk.approve(id, operator, reason));
    }

    @PostMapping("/platform/registrations/{id}/reject")
    String reject(@PathVariable UUID id, @RequestParam(required = false) @Nullable String reason,
                  @AuthenticationPrincipal SignedInUser operator, Model model, RedirectAttributes redirect) {
        return decide(id, model, redirect, "registration.rejected_notice",
                () -> desk.reject(id, operator, reason));
    }

    private String decide(UUID id, Model model, RedirectAttributes redirect, String notice, Runnable decision) {
        try {
            decision.run();
        } catch (RegistryProblem problem) {
            if (problem.fieldErrors().isEmpty()) {
                throw problem;
            }
            FormErrors.show(model, problem);
            return detail(id, model);
        }
        redirect.addFlashAttribute("notice", notice);
        return "redirect:/platform/registrations";
    }
}
