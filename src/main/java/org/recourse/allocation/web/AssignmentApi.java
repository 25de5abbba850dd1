package org.recourse.allocation.web;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.allocation.AllocationRules;
import org.recourse.allocation.AssignCases;
import org.recourse.allocation.AssignmentDesk;
import org.recourse.allocation.AssignmentOutcome;
import org.recourse.allocation.StandingRule;
import org.recourse.registry.SignedInUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Assignment to collectors over HTTP, for an agency's administrator: in bulk (with {@code "preview": true} the plan
 * only), and one case at a time.
 */
@RestController
@RequestMapping("/api/v1")
class AssignmentApi {

    private final AssignmentDesk desk;
    private final AllocationRules rules;

    AssignmentApi(AssignmentDesk desk, AllocationRules rules) {
        this.desk = desk;
        this.rules = rules;
    }

    /** How the agency's cases placed at night reach its collectors (default: they stay unassigned). */
    @GetMapping("/placements/assignments/standing-rule")
    StandingRule standingRule(@AuthenticationPrincipal SignedInUser admin) {
        return rules.standingRule(admin);
    }

    @PutMapping("/placements/assignments/standing-rule")
    StandingRule setStandingRule(@RequestBody AllocationRules.SetStandingRule request,
            @AuthenticationPrincipal SignedInUser admin) {
        return rules.setStandingRule(admin, request);
    }

    @PostMapping("/placements/assignments")
    AssignmentOutcome assign(@RequestBody AssignCases request, @AuthenticationPrincipal SignedInUser admin) {
        return desk.assign(admin, request);
    }

    record AssignOne(@Nullable UUID collectorId, @Nullable String reason) {
    }

    /** Gives the case (its id, as everywhere under /cases) to a collector; moving it needs a reason. */
    @PostMapping("/cases/{id}/assignment")
    AssignmentOutcome assignOne(@PathVariable UUID id, @RequestBody AssignOne request,
            @AuthenticationPrincipal SignedInUser admin) {
        return desk.assignOne(admin, id, request.collectorId(), request.reason());
    }
}
