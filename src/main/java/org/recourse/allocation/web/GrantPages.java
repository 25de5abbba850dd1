package org.recourse.allocation.web;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.allocation.AssignmentDesk;
import org.recourse.allocation.GrantCases;
import org.recourse.allocation.GrantDesk;
import org.recourse.registry.SignedInUser;
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
 * Grants on a page, for an agency's administrator: cover for a colleague (every case assigned to them now, granted
 * to another collector) or grant named cases, with a reason and an optional last day; the agency's grants with their
 * status, each live one with a revoke button.
 */
@Controller
class GrantPages {

    private final GrantDesk desk;
    private final AssignmentDesk assignments;

    GrantPages(GrantDesk desk, AssignmentDesk assignments) {
        this.desk = desk;
        this.assignments = assignments;
    }

    @GetMapping("/placements/grants")
    String page(@AuthenticationPrincipal SignedInUser admin, Model model) {
        model.addAttribute("collectors", assignments.collectors(admin));
        model.addAttribute("grants", desk.list(admin, null, null));
        return "allocation/grants";
    }

    @PostMapping("/placements/grants")
    String grant(@RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String collectorId,
            @RequestParam(required = false) @Nullable String caseIds,
            @RequestParam(required = false) @Nullable String reason,
            @RequestParam(required = false) @Nullable String until, @AuthenticationPrincipal SignedInUser admin,
            RedirectAttributes redirect) {
        try {
            List<UUID> cases = new ArrayList<>();
            if (caseIds != null) {
                for (String id : caseIds.split("[,，;；\\s]+")) {
                    UUID parsed = uuid(id);
                    if (parsed != null) {
                        cases.add(parsed);
                    } else if (!id.isBlank()) {
                        throw GrantPageProblem.caseNotFound();
                    }
                }
            }
            UUID colleague = uuid(from);
            if (cases.isEmpty() && colleague != null) {
                cases.addAll(desk.assignedTo(admin, colleague));
            }
            desk.grant(admin, new GrantCases(uuid(collectorId), cases, reason, until));
            redirect.addFlashAttribute("notice", "grant.granted_notice");
        } catch (Problem problem) {
            redirect.addFlashAttribute("problemKey", key(problem));
        }
        return "redirect:/placements/grants";
    }

    @PostMapping("/placements/grants/{id}/revoke")
    String revoke(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser admin, RedirectAttributes redirect) {
        try {
            desk.revoke(admin, id);
            redirect.addFlashAttribute("notice", "grant.revoked_notice");
        } catch (Problem problem) {
            redirect.addFlashAttribute("problemKey", key(problem));
        }
        return "redirect:/placements/grants";
    }

    /** A case id on the form that is not an id at all: as not found as an unknown one. */
    private static final class GrantPageProblem extends Problem {

        private GrantPageProblem() {
            super(Kind.NOT_FOUND, "grant.case_not_found", List.of());
        }

        static GrantPageProblem caseNotFound() {
            return new GrantPageProblem();
        }
    }

    private static @Nullable UUID uuid(@Nullable String value) {
        try {
            return value == null || value.isBlank() ? null : UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String key(Problem problem) {
        if ("validation_failed".equals(problem.code()) && !problem.fieldErrors().isEmpty()) {
            return "grant.field." + problem.fieldErrors().get(0).field() + "." + problem.fieldErrors().get(0).code();
        }
        return problem.code();
    }
}
