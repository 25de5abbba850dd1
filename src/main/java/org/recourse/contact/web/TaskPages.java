package org.recourse.contact.web;

import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.contact.PathAdjustmentDesk;
import org.recourse.contact.TaskDesk;
import org.recourse.contact.TaskViews.TaskFilter;
import org.recourse.registry.OrganisationKind;
import org.recourse.registry.Role;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.Problem;
import org.recourse.strategy.PathAdjustments.Adjust;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * "今日任务 / Today's tasks": a collector's own tasks with a button that asks the compliance engine for the decision
 * and shows ALLOW or DENY with every rule's reason; for a dispatcher (the agency's administrator, the institution's
 * people) the counts per holder and channel above the same list, filtered by collector or queue. And the path
 * adjustment form of the case page, and the page of a case's adjustments.
 */
@Controller
class TaskPages {

    private final TaskDesk tasks;
    private final PathAdjustmentDesk adjustments;

    TaskPages(TaskDesk tasks, PathAdjustmentDesk adjustments) {
        this.tasks = tasks;
        this.adjustments = adjustments;
    }

    @GetMapping("/tasks")
    String list(@RequestParam(required = false) @Nullable String date,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String channel,
            @RequestParam(required = false) @Nullable String collectorId,
            @RequestParam(required = false) @Nullable String holder,
            @RequestParam(required = false) @Nullable String cursor, @AuthenticationPrincipal SignedInUser user,
            Model model) {
        TaskFilter filter = new TaskFilter(blank(date), blank(status), blank(channel), blank(collectorId), blank(holder));
        boolean dispatcher = user.organisationKind() == OrganisationKind.INSTITUTION || user.role() == Role.AGENCY_ADMIN;
        try {
            var page = tasks.list(user, filter, blank(cursor), 50);
            model.addAttribute("page", page);
            if (dispatcher) {
                model.addAttribute("counts", tasks.counts(user, page.date().toString()));
            }
        } catch (Problem problem) {
            model.addAttribute("problemKey", key(problem));
            model.addAttribute("page", tasks.list(user, TaskFilter.none(), null, 50));
        }
        model.addAttribute("filter", filter);
        model.addAttribute("dispatcher", dispatcher);
        return "contact/tasks";
    }

    @PostMapping("/tasks/{id}/decision")
    String decide(@PathVariable UUID id, @RequestParam(required = false) @Nullable String callerNumber,
            @RequestParam(required = false) @Nullable String date, @AuthenticationPrincipal SignedInUser user,
            Locale locale, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("decided", tasks.decide(user, id, blank(callerNumber), locale));
        } catch (Problem problem) {
            redirect.addFlashAttribute("problemKey", key(problem));
        }
        return "redirect:" + UriComponentsBuilder.fromPath("/tasks").queryParamIfPresent("date",
                java.util.Optional.ofNullable(blank(date))).build().encode().toUriString();
    }

    /** The form of the case page: redirects back to the case with what came of it. */
    @PostMapping("/cases/{id}/path-adjustments")
    String adjust(@PathVariable UUID id, @RequestParam(required = false) @Nullable String kind,
            @RequestParam(required = false) @Nullable String stepDayOffset,
            @RequestParam(required = false) @Nullable String days,
            @RequestParam(required = false) @Nullable String reason, @AuthenticationPrincipal SignedInUser user,
            RedirectAttributes redirect) {
        try {
            adjustments.adjust(user, id, new Adjust(blank(kind), integer(stepDayOffset), integer(days), reason));
            redirect.addFlashAttribute("pathNotice", "path_adjustment.saved");
        } catch (Problem problem) {
            redirect.addFlashAttribute("pathProblem", key(problem));
        }
        return "redirect:/cases/" + id + "/path-adjustments";
    }

    @GetMapping("/cases/{id}/path-adjustments")
    String history(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user, Model model) {
        model.addAttribute("caseId", id);
        model.addAttribute("adjustments", adjustments.history(user, id));
        model.addAttribute("mayAdjust", user.role() == Role.COLLECTOR || user.role() == Role.INSTITUTION_ADMIN
                || user.role() == Role.INSTITUTION_OPERATOR);
        return "contact/path";
    }

    private static @Nullable Integer integer(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static @Nullable String blank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String key(Problem problem) {
        if ("validation_failed".equals(problem.code()) && !problem.fieldErrors().isEmpty()) {
            return "field." + problem.fieldErrors().get(0).code();
        }
        return problem.code();
    }
}
