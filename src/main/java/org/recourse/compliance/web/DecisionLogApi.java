package org.recourse.compliance.web;

import org.jspecify.annotations.Nullable;
import org.recourse.compliance.DecisionLog;
import org.recourse.compliance.DecisionLogViews.DenialSummary;
import org.recourse.compliance.DecisionLogViews.LogPage;
import org.recourse.compliance.DecisionLogViews.LogRequest;
import org.recourse.registry.SignedInUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The decision log for institution systems and regulators' exports: the filters of the log page, each checked
 * (a malformed one is a 400 naming the field); {@code cursor} continues after the previous page's {@code next}.
 */
@RestController
class DecisionLogApi {

    private final DecisionLog log;

    DecisionLogApi(DecisionLog log) {
        this.log = log;
    }

    @GetMapping("/api/v1/compliance/decisions")
    LogPage decisions(@RequestParam(required = false) @Nullable String rule,
            @RequestParam(required = false) @Nullable String outcome,
            @RequestParam(required = false) @Nullable String agencyId,
            @RequestParam(required = false) @Nullable String collectorId,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(defaultValue = "50") int size,
            @AuthenticationPrincipal SignedInUser user) {
        return log.page(user, new LogRequest(rule, outcome, agencyId, collectorId, from, to, cursor), size);
    }

    /** Denials by rule and by agency over {@code from}–{@code to} (whole days; 30 days up to today by default). */
    @GetMapping("/api/v1/compliance/denials")
    DenialSummary denials(@RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to, @AuthenticationPrincipal SignedInUser user) {
        return log.summary(user, new LogRequest(null, null, null, null, from, to, null));
    }
}
