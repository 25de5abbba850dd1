package org.recourse.allocation.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.allocation.AllocationRules;
import org.recourse.allocation.PlaceCases;
import org.recourse.allocation.PlacementDesk;
import org.recourse.allocation.PlacementOutcome;
import org.recourse.allocation.PlacementRegister;
import org.recourse.allocation.PlacementStatus;
import org.recourse.allocation.PlacementView;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.ContactChannel;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Placements over HTTP: the institution places chosen cases, records the borrower's notice and recalls a case;
 * both parties list the placements they are party to.
 */
@RestController
@RequestMapping("/api/v1")
class PlacementApi {

    private final PlacementDesk desk;
    private final PlacementRegister register;
    private final AllocationRules rules;
    private final MessageSource messages;

    PlacementApi(PlacementDesk desk, PlacementRegister register, AllocationRules rules, MessageSource messages) {
        this.desk = desk;
        this.register = register;
        this.rules = rules;
        this.messages = messages;
    }

    record SetRule(@Nullable String rule) {
    }

    /** The institution's rule of the nightly placement, its agencies' records and weights, its last nights. */
    @GetMapping("/placements/rule")
    AllocationRules.PlacementRuleView rule(@AuthenticationPrincipal SignedInUser admin) {
        return rules.placementRule(admin);
    }

    @PutMapping("/placements/rule")
    AllocationRules.PlacementRuleView setRule(@RequestBody SetRule request, @AuthenticationPrincipal SignedInUser admin) {
        return rules.setPlacementRule(admin, request.rule());
    }

    /** What was placed, and each refused case with its code and, in the caller's language, why. */
    record Outcome(UUID contractId, UUID agencyId, LocalDate placedUntil, List<PlacementOutcome.Placed> placed,
            List<Refused> refused) {
    }

    record Refused(UUID caseId, @Nullable String accountRef, String code, String message) {
    }

    @PostMapping("/placements")
    Outcome place(@RequestBody PlaceCases request, @AuthenticationPrincipal SignedInUser admin, Locale locale) {
        PlacementOutcome outcome = desk.place(admin, request);
        return new Outcome(outcome.contractId(), outcome.agencyId(), outcome.placedUntil(), outcome.placed(),
                outcome.refused().stream().map(refused -> new Refused(refused.caseId(), refused.accountRef(),
                        refused.code(), messages.getMessage(refused.code(), null, refused.code(), locale))).toList());
    }

    @GetMapping("/placements")
    PlacementView.Page list(@RequestParam(required = false) @Nullable UUID agencyId,
            @RequestParam(required = false) @Nullable PlacementStatus status,
            @RequestParam(required = false) @Nullable UUID caseId,
            @RequestParam(required = false) @Nullable UUID collectorId,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "50") int size,
            @AuthenticationPrincipal SignedInUser user) {
        return register.list(user, agencyId, status, caseId, collectorId, cursor, size);
    }

    @GetMapping("/placements/{id}")
    PlacementView find(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user) {
        return register.find(user, id);
    }

    record Notice(@Nullable Instant sentAt, @Nullable ContactChannel channel) {
    }

    @PostMapping("/placements/{id}/notice")
    PlacementView noticeSent(@PathVariable UUID id, @RequestBody Notice notice,
            @AuthenticationPrincipal SignedInUser user) {
        return desk.markNoticeSent(user, id, notice.sentAt(), notice.channel());
    }

    record Recall(@Nullable String reason) {
    }

    /** Recalls the case's live placement (the case's id, as everywhere under /cases). */
    @PostMapping("/cases/{id}/recall")
    PlacementView recall(@PathVariable UUID id, @RequestBody(required = false) @Nullable Recall recall,
            @AuthenticationPrincipal SignedInUser admin) {
        return desk.recall(admin, id, recall == null ? null : recall.reason());
    }
}
