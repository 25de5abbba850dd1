package org.recourse.cases.web;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.recourse.cases.CaseDesk;
import org.recourse.cases.CaseStatus;
import org.recourse.cases.CaseViews.CaseDetail;
import org.recourse.cases.HoldKind;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.FieldChecks;
import org.recourse.shared.Problem;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One case: what is owed and since when, its holds and histories, the borrower masked (in full on request, for
 * those allowed, audited), and the forms that move it along its lifecycle and stop or resume collection.
 */
@Controller
class CasePages {

    private final CaseDesk desk;

    CasePages(CaseDesk desk) {
        this.desk = desk;
    }

    @GetMapping("/cases/{id}")
    String detail(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user, Model model) {
        return show(desk.detail(user, id), user, model);
    }

    /** An htmx fragment with the borrower and contact points in full, swapped in place of the masked ones. */
    @PostMapping(path = "/cases/{id}/reveal", headers = "HX-Request=true")
    String revealInPlace(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user, Model model) {
        model.addAttribute("c", desk.reveal(user, id));
        model.addAttribute("mayReveal", true);
        model.addAttribute("mayChange", true);
        model.addAttribute("revealed", true);
        return "cases/case :: personal";
    }

    /** The same without htmx (scripts off): the whole case page, with the borrower in full. */
    @PostMapping("/cases/{id}/reveal")
    String reveal(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user, Model model) {
        String view = show(desk.reveal(user, id), user, model);
        model.addAttribute("revealed", true);
        return view;
    }

    @PostMapping("/cases/{id}/status")
    String changeStatus(@PathVariable UUID id, @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String reason, @AuthenticationPrincipal SignedInUser user,
            Model model, RedirectAttributes redirect) {
        FieldChecks checks = new FieldChecks();
        CaseStatus to = choice(checks, "status", status, CaseStatus.class);
        model.addAttribute("entered", entered("status", status, "reason", reason));
        return act(id, user, model, redirect, "status", checks, "case.status_changed_notice",
                () -> desk.changeStatus(user, id, to, reason));
    }

    @PostMapping("/cases/{id}/holds")
    String setHold(@PathVariable UUID id, @RequestParam(required = false) @Nullable String kind,
            @RequestParam(required = false) @Nullable String reason,
            @RequestParam(required = false) @Nullable String startsOn,
            @RequestParam(required = false) @Nullable String endsOn, @AuthenticationPrincipal SignedInUser user,
            Model model, RedirectAttributes redirect) {
        FieldChecks checks = new FieldChecks();
        HoldKind holdKind = choice(checks, "kind", kind, HoldKind.class);
        LocalDate start = checks.optionalDate("startsOn", startsOn);
        LocalDate end = checks.optionalDate("endsOn", endsOn);
        model.addAttribute("entered", entered("kind", kind, "reason", reason, "startsOn", startsOn, "endsOn", endsOn));
        return act(id, user, model, redirect, "hold", checks, "case.hold_set_notice",
                () -> desk.setHold(user, id, holdKind, reason, start, end));
    }

    @PostMapping("/cases/{id}/holds/{hold}/lift")
    String liftHold(@PathVariable UUID id, @PathVariable UUID hold,
            @RequestParam(required = false) @Nullable String reason, @AuthenticationPrincipal SignedInUser user,
            Model model, RedirectAttributes redirect) {
        return act(id, user, model, redirect, "lift-" + hold, new FieldChecks(), "case.hold_lifted_notice", () -> {
            desk.liftHold(user, id, hold, reason);
            return null;
        });
    }

    /**
     * Runs the desk's action; on success back to the case with a notice, otherwise the case again with the
     * problem on the form that caused it. A case that is not there (or another institution's) stays a 404 page.
     */
    private String act(UUID id, SignedInUser user, Model model, RedirectAttributes redirect, String form,
            FieldChecks checks, String notice, Supplier<@Nullable Object> action) {
        try {
            if (checks.hasErrors()) {
                PageForms.show(model, form, checks.errors());
                return detail(id, user, model);
            }
            action.get();
        } catch (Problem problem) {
            if (problem.kind() == Problem.Kind.NOT_FOUND && problem.fieldErrors().isEmpty()
                    && "case.not_found".equals(problem.code())) {
                throw problem;
            }
            PageForms.show(model, form, problem);
            return detail(id, user, model);
        }
        redirect.addFlashAttribute("notice", notice);
        return "redirect:/cases/" + id;
    }

    private String show(CaseDetail detail, SignedInUser user, Model model) {
        model.addAttribute("c", detail);
        model.addAttribute("nextStatuses", Arrays.stream(CaseStatus.values()).filter(detail.status()::canMoveTo)
                .toList());
        model.addAttribute("holdKinds", HoldKind.values());
        model.addAttribute("mayReveal", CaseDesk.mayReveal(user));
        // An agency reads a placed case; its lifecycle and holds stay the institution's, so no forms for them.
        model.addAttribute("mayChange", CaseDesk.mayChange(user));
        model.addAttribute("revealed", false);
        return "cases/case";
    }

    /** What the person typed, shown again in the form when it is refused (only on the page, never in a redirect). */
    private static Map<String, String> entered(@Nullable String... namesAndValues) {
        Map<String, String> entered = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            entered.put(namesAndValues[i], value == null ? "" : value);
        }
        return entered;
    }

    private static <E extends Enum<E>> @Nullable E choice(FieldChecks checks, String field, @Nullable String value,
            Class<E> type) {
        if (value == null || value.isBlank()) {
            return null; // the desk says it is required
        }
        try {
            return Enum.valueOf(type, value.strip());
        } catch (IllegalArgumentException e) {
            checks.reject(field, "invalid");
            return null;
        }
    }
}
