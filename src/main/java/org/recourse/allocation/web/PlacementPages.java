package org.recourse.allocation.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.allocation.AllocationRules;
import org.recourse.allocation.AssignmentDesk;
import org.recourse.allocation.PlaceCases;
import org.recourse.allocation.PlacementDesk;
import org.recourse.allocation.PlacementRegister;
import org.recourse.allocation.PlacementRule;
import org.recourse.allocation.PlacementStatus;
import org.recourse.registry.ContractDesk;
import org.recourse.registry.ContractDetail;
import org.recourse.registry.OrganisationKind;
import org.recourse.registry.Role;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.ContactChannel;
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
 * Placements on a page: the institution's list (filters agency and status) with the notice to record and the
 * recall of each live placement, and the result of placing cases ticked on the case list; an agency's
 * administrator sees the placements made with the agency (its placed cases are its case list), with the collector
 * of each and the form to assign or reassign it (see {@link AssignmentPages} for assignment in bulk).
 */
@Controller
class PlacementPages {

    static final int PAGE_SIZE = 50;

    private final PlacementDesk desk;
    private final PlacementRegister register;
    private final ContractDesk contracts;
    private final AssignmentDesk assignments;
    private final AllocationRules rules;

    PlacementPages(PlacementDesk desk, PlacementRegister register, ContractDesk contracts,
            AssignmentDesk assignments, AllocationRules rules) {
        this.desk = desk;
        this.register = register;
        this.contracts = contracts;
        this.assignments = assignments;
        this.rules = rules;
    }

    @GetMapping("/placements")
    String list(@RequestParam(required = false) @Nullable String agency,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String cursor, @AuthenticationPrincipal SignedInUser user,
            Model model) {
        boolean institution = user.organisationKind() == OrganisationKind.INSTITUTION;
        UUID agencyId = uuid(agency);
        PlacementStatus chosen = status(status);
        model.addAttribute("institutionSide", institution);
        model.addAttribute("agencies", institution ? agencies(user) : Map.of());
        model.addAttribute("agency", agencyId);
        model.addAttribute("status", chosen);
        model.addAttribute("statuses", PlacementStatus.values());
        model.addAttribute("channels", ContactChannel.values());
        model.addAttribute("mayRecall", user.role() == Role.INSTITUTION_ADMIN);
        model.addAttribute("mayRecordNotice", institution);
        boolean mayAssign = user.role() == Role.AGENCY_ADMIN;
        model.addAttribute("mayAssign", mayAssign);
        model.addAttribute("collectors", mayAssign ? assignments.collectors(user) : List.of());
        if (user.role() == Role.INSTITUTION_ADMIN) {
            model.addAttribute("placementRule", rules.placementRule(user));
            model.addAttribute("placementRules", PlacementRule.values());
        }
        if (mayAssign) {
            model.addAttribute("standingRule", rules.standingRule(user));
        }
        model.addAttribute("paged", cursor != null && !cursor.isBlank());
        model.addAttribute("firstUrl", link(agencyId, chosen, null));
        try {
            var page = register.list(user, agencyId, chosen, null, cursor, PAGE_SIZE);
            model.addAttribute("page", page);
            model.addAttribute("nextUrl", page.next() == null ? null : link(agencyId, chosen, page.next()));
        } catch (Problem problem) {
            model.addAttribute("problemKey", key(problem));
        }
        return "allocation/placements";
    }

    /** The cases ticked on the case list, placed under the contract chosen there; the outcome shows here. */
    @PostMapping("/placements")
    String place(@RequestParam(required = false) @Nullable UUID contractId,
            @RequestParam(required = false) @Nullable List<UUID> caseIds, @AuthenticationPrincipal SignedInUser admin,
            RedirectAttributes redirect) {
        if (caseIds == null || caseIds.isEmpty()) {
            redirect.addFlashAttribute("problemKey", "placement.place.none_chosen");
            return "redirect:/placements";
        }
        try {
            redirect.addFlashAttribute("outcome", desk.place(admin, new PlaceCases(contractId, null, caseIds)));
        } catch (Problem problem) {
            redirect.addFlashAttribute("problemKey", key(problem));
        }
        return "redirect:/placements?status=LIVE";
    }

    @PostMapping("/placements/cases/{caseId}/recall")
    String recall(@PathVariable UUID caseId, @RequestParam(required = false) @Nullable String reason,
            @AuthenticationPrincipal SignedInUser admin, RedirectAttributes redirect) {
        try {
            desk.recall(admin, caseId, reason);
            redirect.addFlashAttribute("notice", "placement.recalled_notice");
        } catch (Problem problem) {
            redirect.addFlashAttribute("problemKey", key(problem));
        }
        return "redirect:/placements";
    }

    /** The institution's rule of the nightly placement. */
    @PostMapping("/placements/rule")
    String setRule(@RequestParam(required = false) @Nullable String rule, @AuthenticationPrincipal SignedInUser admin,
            RedirectAttributes redirect) {
        try {
            rules.setPlacementRule(admin, rule);
            redirect.addFlashAttribute("notice", "placement.rule.saved");
        } catch (Problem problem) {
            redirect.addFlashAttribute("problemKey", key(problem));
        }
        return "redirect:/placements";
    }

    /** The agency's standing rule for the cases placed with it at night. */
    @PostMapping("/placements/standing-rule")
    String setStandingRule(@RequestParam(required = false) @Nullable String mode,
            @RequestParam(required = false) @Nullable Boolean sameBorrower,
            @RequestParam(required = false) @Nullable Boolean keepPrevious,
            @RequestParam(required = false) @Nullable String maxOpenPerCollector,
            @AuthenticationPrincipal SignedInUser admin, RedirectAttributes redirect) {
        try {
            Integer max;
            try {
                max = maxOpenPerCollector == null || maxOpenPerCollector.isBlank() ? null
                        : Integer.valueOf(maxOpenPerCollector.strip());
            } catch (NumberFormatException e) {
                throw new PageProblem("field.format");
            }
            rules.setStandingRule(admin, new AllocationRules.SetStandingRule(mode, sameBorrower, keepPrevious, max));
            redirect.addFlashAttribute("notice", "assignment.standing.saved");
        } catch (Problem problem) {
            redirect.addFlashAttribute("problemKey", key(problem));
        }
        return "redirect:/placements";
    }

    /** The moment is typed in the institution's own zone (a date and a time, to the minute). */
    @PostMapping("/placements/{id}/notice")
    String noticeSent(@PathVariable UUID id, @RequestParam(required = false) @Nullable String sentAt,
            @RequestParam(required = false) @Nullable String channel, @AuthenticationPrincipal SignedInUser user,
            RedirectAttributes redirect) {
        try {
            desk.markNoticeSent(user, id, moment(sentAt, user), channel(channel));
            redirect.addFlashAttribute("notice", "placement.notice_sent_notice");
        } catch (Problem problem) {
            redirect.addFlashAttribute("problemKey", key(problem));
        }
        return "redirect:/placements";
    }

    /** The agencies the institution has contracts with, by name, for the filter. */
    private Map<UUID, String> agencies(SignedInUser user) {
        Map<UUID, String> agencies = new LinkedHashMap<>();
        contracts.list(user, null).stream()
                .sorted(java.util.Comparator.comparing(ContractDetail::agencyName))
                .forEach(detail -> agencies.putIfAbsent(detail.contract().agency().value(), detail.agencyName()));
        return agencies;
    }

    private @Nullable Instant moment(@Nullable String value, SignedInUser user) {
        if (value == null || value.isBlank()) {
            return null; // the desk says it is required
        }
        try {
            return LocalDateTime.parse(value.strip()).atZone(desk.zoneOf(user)).toInstant();
        } catch (DateTimeParseException e) {
            throw new PageProblem("field.format");
        }
    }

    private static @Nullable ContactChannel channel(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ContactChannel.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw new PageProblem("field.invalid");
        }
    }

    /** The message of a refusal: the problem's own, or for a malformed form the first field's. */
    private static String key(Problem problem) {
        if ("validation_failed".equals(problem.code()) && !problem.fieldErrors().isEmpty()) {
            return "field." + problem.fieldErrors().get(0).code();
        }
        return problem.code();
    }

    private static @Nullable UUID uuid(@Nullable String value) {
        try {
            return value == null || value.isBlank() ? null : UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static @Nullable PlacementStatus status(@Nullable String value) {
        try {
            return value == null || value.isBlank() ? null : PlacementStatus.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String link(@Nullable UUID agency, @Nullable PlacementStatus status, @Nullable String cursor) {
        StringBuilder link = new StringBuilder("/placements");
        String separator = "?";
        if (agency != null) {
            link.append(separator).append("agency=").append(agency);
            separator = "&";
        }
        if (status != null) {
            link.append(separator).append("status=").append(status);
            separator = "&";
        }
        if (cursor != null) {
            link.append(separator).append("cursor=").append(cursor);
        }
        return link.toString();
    }

    /** A form value the page could not read; shown with the message of its code. */
    private static final class PageProblem extends Problem {
        PageProblem(String key) {
            super(Kind.INVALID, "validation_failed", List.of(new FieldError("form", key.substring("field.".length()))));
        }
    }
}
