package org.recourse.contact.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.contact.PathAdjustmentDesk;
import org.recourse.contact.TaskDesk;
import org.recourse.contact.TaskViews.Counts;
import org.recourse.contact.TaskViews.Decided;
import org.recourse.contact.TaskViews.Task;
import org.recourse.contact.TaskViews.TaskFilter;
import org.recourse.contact.TaskViews.TaskPage;
import org.recourse.registry.SignedInUser;
import org.recourse.strategy.PathAdjustments.Adjust;
import org.recourse.strategy.PathAdjustments.Adjustment;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Contact tasks over HTTP: the list (a collector's own, a dispatcher's by collector or queue), the dispatcher's
 * counts, the decision that executes a task; and the adjustments of a case's path.
 */
@RestController
@RequestMapping("/api/v1")
class TaskApi {

    private final TaskDesk tasks;
    private final PathAdjustmentDesk adjustments;

    TaskApi(TaskDesk tasks, PathAdjustmentDesk adjustments) {
        this.tasks = tasks;
        this.adjustments = adjustments;
    }

    @GetMapping("/tasks")
    TaskPage list(@RequestParam(required = false) @Nullable String date,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String channel,
            @RequestParam(required = false) @Nullable String collectorId,
            @RequestParam(required = false) @Nullable String holder,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "50") int size, @AuthenticationPrincipal SignedInUser user) {
        return tasks.list(user, new TaskFilter(date, status, channel, collectorId, holder), cursor, size);
    }

    @GetMapping("/tasks/counts")
    Counts counts(@RequestParam(required = false) @Nullable String date, @AuthenticationPrincipal SignedInUser user) {
        return tasks.counts(user, date);
    }

    @GetMapping("/tasks/{id}")
    Task task(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user) {
        return tasks.task(user, id);
    }

    record DecisionAsked(@Nullable String callerNumber) {
    }

    /** 201 with the task and the decision (ALLOW or DENY, every rule's reason). */
    @PostMapping("/tasks/{id}/decision")
    ResponseEntity<Decided> decide(@PathVariable UUID id, @RequestBody(required = false) @Nullable DecisionAsked body,
            @AuthenticationPrincipal SignedInUser user, Locale locale) {
        Decided decided = tasks.decide(user, id, body == null ? null : body.callerNumber(), locale);
        return ResponseEntity.created(URI.create("/api/v1/compliance/decisions/" + decided.decision().decisionId()))
                .body(decided);
    }

    record Close(@Nullable String outcome, @Nullable String note) {
    }

    /** Closes a queue task (internal queue, legal review) with an outcome; contact tasks end only by an attempt. */
    @PostMapping("/tasks/{id}/close")
    Task close(@PathVariable UUID id, @RequestBody Close body, @AuthenticationPrincipal SignedInUser user) {
        return tasks.close(user, id, body.outcome(), body.note());
    }

    @PostMapping("/cases/{id}/path-adjustments")
    ResponseEntity<Adjustment> adjust(@PathVariable UUID id, @RequestBody Adjust request,
            @AuthenticationPrincipal SignedInUser user) {
        Adjustment adjustment = adjustments.adjust(user, id, request);
        return ResponseEntity.created(URI.create("/api/v1/cases/" + id + "/path-adjustments")).body(adjustment);
    }

    @GetMapping("/cases/{id}/path-adjustments")
    List<Adjustment> history(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user) {
        return adjustments.history(user, id);
    }
}
