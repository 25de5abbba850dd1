package org.recourse.compliance.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.compliance.ComplianceDesk;
import org.recourse.compliance.ComplianceDesk.AttemptRequest;
import org.recourse.compliance.ComplianceDesk.AttemptView;
import org.recourse.compliance.ComplianceDesk.DecisionRequest;
import org.recourse.compliance.DecisionView;
import org.recourse.compliance.OutboundNumbers;
import org.recourse.compliance.OutboundNumbers.OutboundNumber;
import org.recourse.compliance.PolicyDesk;
import org.recourse.compliance.PolicyView;
import org.recourse.registry.SignedInUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The compliance engine over HTTP: a decision before every outbound contact, the attempt after it, the
 * policy in force and the numbers contacts go out from. Messages follow {@code Accept-Language}.
 */
@RestController
class ComplianceApi {

    private final ComplianceDesk desk;
    private final PolicyDesk policies;
    private final OutboundNumbers numbers;

    ComplianceApi(ComplianceDesk desk, PolicyDesk policies, OutboundNumbers numbers) {
        this.desk = desk;
        this.policies = policies;
        this.numbers = numbers;
    }

    /**
     * A decision. A JSON request taking a JSON answer — every real one — is answered by {@link DecisionEndpoint} before
     * it reaches Spring MVC (the platform's busiest request, without the dispatch); this mapping answers the others
     * as every endpoint does (a body that is not JSON 415, an answer the caller cannot take 406) and describes the
     * endpoint in the API description. Both call the same desk.
     */
    @PostMapping("/api/v1/compliance/decisions")
    ResponseEntity<DecisionView> decide(@RequestBody DecisionRequest request,
            @AuthenticationPrincipal SignedInUser user, Locale locale) {
        DecisionView decision = desk.decide(user, request, locale);
        return ResponseEntity.created(URI.create("/api/v1/compliance/decisions/" + decision.decisionId()))
                .body(decision);
    }

    @GetMapping("/api/v1/compliance/decisions/{id}")
    DecisionView decision(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user, Locale locale) {
        return desk.explain(user, id, locale);
    }

    @PostMapping("/api/v1/contact-attempts")
    ResponseEntity<AttemptView> attempt(@RequestBody AttemptRequest request, @AuthenticationPrincipal SignedInUser user) {
        AttemptView attempt = desk.record(user, request);
        return ResponseEntity.created(URI.create("/api/v1/contact-attempts/" + attempt.attemptId())).body(attempt);
    }

    @GetMapping("/api/v1/compliance/policy")
    PolicyView policy(@AuthenticationPrincipal SignedInUser user, Locale locale) {
        return policies.policy(user, locale);
    }

    /** The institution's stricter values: {@code {"overrides": {"frequency.smsPerBorrowerPerDay": 2}, "reason": "…"}}. */
    record PolicyChange(@Nullable Map<String, JsonNode> overrides, @Nullable String reason) {
    }

    @PutMapping("/api/v1/compliance/policy")
    PolicyView changePolicy(@RequestBody PolicyChange change, @AuthenticationPrincipal SignedInUser user,
            Locale locale) {
        return policies.change(user, change.overrides(), change.reason(), locale);
    }

    @GetMapping("/api/v1/compliance/packs")
    List<PolicyView> packs(Locale locale) {
        return policies.packs(locale);
    }

    record NewNumber(@Nullable String number, @Nullable String label) {
    }

    @PostMapping("/api/v1/compliance/outbound-numbers")
    ResponseEntity<OutboundNumber> register(@RequestBody NewNumber number, @AuthenticationPrincipal SignedInUser user) {
        OutboundNumber registered = numbers.register(user, number.number(), number.label());
        return ResponseEntity.created(URI.create("/api/v1/compliance/outbound-numbers/" + registered.id()))
                .body(registered);
    }

    @GetMapping("/api/v1/compliance/outbound-numbers")
    List<OutboundNumber> numbers(@AuthenticationPrincipal SignedInUser user) {
        return numbers.list(user);
    }

    @DeleteMapping("/api/v1/compliance/outbound-numbers/{id}")
    ResponseEntity<Void> remove(@PathVariable UUID id, @AuthenticationPrincipal SignedInUser user) {
        numbers.remove(user, id);
        return ResponseEntity.noContent().build();
    }
}
