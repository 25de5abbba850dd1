package org.recourse.registry.web;

import java.time.Clock;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.registry.NewUser;
import org.recourse.registry.RegistryProblem;
import org.recourse.registry.SignedInUser;
import org.recourse.registry.UserAdministration;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** An administrator's pages for their own organisation's users. */
@Controller
class UserPages {

    private final UserAdministration administration;
    private final Clock clock;

    UserPages(UserAdministration administration, Clock clock) {
        this.administration = administration;
        this.clock = clock;
    }

    @GetMapping("/organisation/users")
    String list(@AuthenticationPrincipal SignedInUser admin, Model model) {
        model.addAttribute("users", administration.list(admin));
        model.addAttribute("now", clock.instant());
        return "registry/users";
    }

    @GetMapping("/organisation/users/new")
    String form(@AuthenticationPrincipal SignedInUser admin, Model model) {
        model.addAttribute("form", new NewUser(null, null, null, null));
        model.addAttribute("roles", admin.organisationKind().assignableRoles());
        return "registry/user-new";
    }

    @PostMapping("/organisation/users")
    String create(@ModelAttribute("form") NewUser form, @AuthenticationPrincipal SignedInUser admin, Model model,
                  RedirectAttributes redirect) {
        try {
            administration.create(admin, form);
        } catch (RegistryProblem problem) {
            FormErrors.show(model, problem);
            model.addAttribute("roles", admin.organisationKind().assignableRoles());
            return "registry/user-new";
        }
        redirect.addFlashAttribute("notice", "user.created_notice");
        return "redirect:/organisation/users";
    }

    @PostMapping("/organisation/users/{id}/disable")
    String disable(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser admin, RedirectAttributes redirect) {
        administration.disable(admin, id);
        redirect.addFlashAttribute("notice", "user.disabled_notice");
        return "redirect:/organisation/users";
    }

    @PostMapping("/organisation/users/{id}/enable")
    String enable(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser admin, RedirectAttributes redirect) {
        administration.enable(admin, id);
        redirect.addFlashAttribute("notice", "user.enabled_notice");
        return "redirect:/organisation/users";
    }

    @GetMapping("/organisation/users/{id}/password")
    String passwordForm(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser admin, Model model) {
        model.addAttribute("user", administration.find(admin, id));
        return "registry/user-password";
    }

    @PostMapping("/organisation/users/{id}/password")
    String resetPassword(@PathVariable UUID id, @RequestParam(required = false) @Nullable String password,
                         @AuthenticationPrincipal SignedInUser admin, Model model, RedirectAttributes redirect) {
        try {
            administration.resetPassword(admin, id, password);
        } catch (RegistryProblem problem) {
            if (problem.fieldErrors().isEmpty()) {
                throw problem;
            }
            FormErrors.show(model, problem);
            return passwordForm(id, admin, model);
        }
        redirect.addFlashAttribute("notice", "user.password_reset_notice");
        return "redirect:/organisation/users";
    }
}
