package org.recourse.cases.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.cases.BucketBands;
import org.recourse.cases.CaseDesk;
import org.recourse.cases.CaseStatus;
import org.recourse.cases.CaseViews.CaseDetail;
import org.recourse.cases.CaseViews.CaseFilter;
import org.recourse.cases.CaseViews.CasePage;
import org.recourse.cases.CaseViews.CaseSort;
import org.recourse.cases.CaseViews.Portfolio;
import org.recourse.cases.DelinquencySettings;
import org.recourse.cases.HoldKind;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.ContactChannel;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Cases over HTTP for institution systems, and for agencies the cases placed with them; personal data masked
 * unless revealed (institution administrators only, and then audited).
 */
@RestController
@RequestMapping("/api/v1/cases")
class CaseApi {

    private final CaseDesk desk;

    CaseApi(CaseDesk desk) {
        this.desk = desk;
    }

    /**
     * Filters as in the case list; {@code cursor} continues after the previous page ({@code next}), or
     * {@code page} (from 0) counts pages for callers that want numbers. An agency reads the cases one institution
     * placed with it: {@code institutionId} chooses which (else the first by name); an institution's own staff
     * always read their own, whatever it says.
     */
    @GetMapping
    CasePage list(@RequestParam(required = false) @Nullable String bucket,
            @RequestParam(required = false) @Nullable CaseStatus status,
            @RequestParam(required = false) @Nullable Integer minDpd,
            @RequestParam(required = false) @Nullable Integer maxDpd,
            @RequestParam(required = false) @Nullable BigDecimal minOutstanding,
            @RequestParam(required = false) @Nullable BigDecimal maxOutstanding,
            @RequestParam(required = false) @Nullable HoldKind hold,
            @RequestParam(required = false) @Nullable String product,
            @RequestParam(required = false) @Nullable String province,
            @RequestParam(required = false) @Nullable String city,
            @RequestParam(defaultValue = "DPD_DESC") CaseSort sort,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable Integer page,
            @RequestParam(defaultValue = "50") int size,
            @RequestParam(required = false) @Nullable UUID institutionId,
            @AuthenticationPrincipal SignedInUser user) {
        return desk.list(user, institutionId, new CaseFilter(bucket, status, minDpd, maxDpd, minOutstanding,
                maxOutstanding, hold, product, province, city), sort, cursor, page, size);
    }

    @GetMapping("/{id}")
    CaseDetail detail(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user) {
        return desk.detail(user, id);
    }

    /** The borrower and contact points in full (institution administrators; audited). */
    @PostMapping("/{id}/reveal")
    CaseDetail reveal(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user) {
        return desk.reveal(user, id);
    }

    record StatusChange(@Nullable CaseStatus status, @Nullable String reason) {
    }

    @PostMapping("/{id}/status")
    CaseDetail changeStatus(@PathVariable UUID id, @RequestBody StatusChange change,
            @AuthenticationPrincipal SignedInUser user) {
        return desk.changeStatus(user, id, change.status(), change.reason());
    }

    record NewHold(@Nullable HoldKind kind, @Nullable ContactChannel channel, @Nullable String reason,
            @Nullable LocalDate startsOn, @Nullable LocalDate endsOn) {
    }

    @PostMapping("/{id}/holds")
    ResponseEntity<Map<String, UUID>> setHold(@PathVariable UUID id, @RequestBody NewHold hold,
            @AuthenticationPrincipal SignedInUser user) {
        UUID created = desk.setHold(user, id, hold.kind(), hold.channel(), hold.reason(), hold.startsOn(),
                hold.endsOn());
        return ResponseEntity.created(URI.create("/api/v1/cases/" + id + "/holds/" + created)).body(Map.of("id", created));
    }

    record Lift(@Nullable String reason) {
    }

    /** Lifts a hold; the reason comes in the body or, for clients that send no body with DELETE, as a parameter. */
    @DeleteMapping("/{id}/holds/{hold}")
    ResponseEntity<Void> liftHold(@PathVariable UUID id, @PathVariable UUID hold,
            @RequestBody(required = false) @Nullable Lift lift,
            @RequestParam(required = false) @Nullable String reason, @AuthenticationPrincipal SignedInUser user) {
        desk.liftHold(user, id, hold, lift != null && lift.reason() != null ? lift.reason() : reason);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/portfolio")
    Portfolio portfolio(@AuthenticationPrincipal SignedInUser user) {
        return desk.portfolio(user);
    }

    record Settings(@Nullable String zone, @Nullable List<BucketBands.Band> bands) {
    }

    @GetMapping("/settings")
    Settings settings(@AuthenticationPrincipal SignedInUser user) {
        DelinquencySettings settings = desk.settings(user);
        return new Settings(settings.zone().getId(), settings.bands().bands());
    }

    @PutMapping("/settings")
    Settings changeSettings(@RequestBody Settings settings, @AuthenticationPrincipal SignedInUser user) {
        DelinquencySettings changed = desk.changeSettings(user, settings.zone(), settings.bands());
        return new Settings(changed.zone().getId(), changed.bands().bands());
    }
}
