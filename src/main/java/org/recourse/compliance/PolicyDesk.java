package org.recourse.compliance;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.compliance.PolicyPack.Sourced;
import org.recourse.compliance.PolicyView.NotEnforcedView;
import org.recourse.compliance.PolicyView.ParameterView;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.FieldChecks;
import org.recourse.shared.Problem.FieldError;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/**
 * The policy an institution's contacts are judged by: read by its people, tightened by its administrators,
 * never loosened below its pack (a looser value is refused, naming the parameter).
 */
@Service
public class PolicyDesk {

    private static final int MAX_REASON = 500;

    private final PolicyPacks packs;
    private final PolicyStore store;
    private final MessageSource messages;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PolicyDesk(PolicyPacks packs, PolicyStore store, MessageSource messages, ApplicationEventPublisher events,
            Clock clock) {
        this.packs = packs;
        this.store = store;
        this.messages = messages;
        this.events = events;
        this.clock = clock;
    }

    /** Every pack shipped, as the platform reads them. */
    public List<PolicyView> packs(Locale locale) {
        return packs.all().stream().map(pack -> view(new Policy(pack, 0, Map.of()), null, locale)).toList();
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('INSTITUTION_ADMIN', 'INSTITUTION_OPERATOR', 'COMPLIANCE_OFFICER')")
    public PolicyView policy(SignedInUser user, Locale locale) {
        UUID institution = user.organisationId();
        return view(store.policyOf(institution), store.latest(institution).orElse(null), locale);
    }

    /**
     * Replaces the institution's overrides with {@code overrides} (parameter key to value; an empty map
     * returns to the pack's values). Every value must be at least as strict as the pack's.
     */
    @Transactional
    @PreAuthorize("hasRole('INSTITUTION_ADMIN')")
    public PolicyView change(SignedInUser user, @Nullable Map<String, JsonNode> overrides, @Nullable String reason,
            Locale locale) {
        return apply(user, overrides, reason, locale);
    }

    /**
     * As {@link #change}, with the values as a person typed them into the policy form (parameter key to text);
     * a blank value keeps the pack's. Each text is read in its parameter's shape; unknown keys are refused.
     */
    @Transactional
    @PreAuthorize("hasRole('INSTITUTION_ADMIN')")
    public PolicyView changeAsTyped(SignedInUser user, Map<String, String> typed, @Nullable String reason,
            Locale locale) {
        Map<String, JsonNode> overrides = new LinkedHashMap<>();
        typed.forEach((key, text) -> {
            if (!text.isBlank()) {
                overrides.put(key, PolicyParameter.byKey(key).map(parameter -> parameter.fromText(text))
                        .orElse(StringNode.valueOf(text)));
            }
        });
        return apply(user, overrides, reason, locale);
    }

    private PolicyView apply(SignedInUser user, @Nullable Map<String, JsonNode> overrides, @Nullable String reason,
            Locale locale) {
        UUID institution = user.organisationId();
        Policy current = store.policyOf(institution);
        FieldChecks checks = new FieldChecks();
        String why = checks.text("reason", reason, 1, MAX_REASON);
        checks.check("overrides", overrides != null, "required");
        Map<PolicyParameter, Object> accepted = new EnumMap<>(PolicyParameter.class);
        List<FieldError> refused = new ArrayList<>();
        List<String> looser = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : overrides == null ? Map.<String, JsonNode>of().entrySet() : overrides.entrySet()) {
            String field = "overrides." + entry.getKey();
            Optional<PolicyParameter> parameter = PolicyParameter.byKey(entry.getKey());
            Optional<Sourced> base = parameter.flatMap(current.pack()::parameter);
            Optional<Object> value = parameter.flatMap(known -> known.read(entry.getValue()));
            if (parameter.isEmpty()) {
                refused.add(new FieldError(field, "compliance.parameter_unknown"));
            } else if (base.isEmpty()) {
                refused.add(new FieldError(field, "compliance.parameter_not_in_pack"));
            } else if (value.isEmpty()) {
                refused.add(new FieldError(field, "compliance.parameter_invalid"));
            } else if (!parameter.get().atLeastAsStrict(value.get(), base.get().value())) {
                refused.add(new FieldError(field, "compliance.parameter_looser"));
                looser.add(entry.getKey());
            } else {
                accepted.put(parameter.get(), value.get());
            }
        }
        if (checks.hasErrors()) {
            throw ComplianceProblem.invalid(checks.errors());
        }
        if (!refused.isEmpty()) {
            throw looser.isEmpty() ? ComplianceProblem.policyRefused(refused)
                    : ComplianceProblem.policyLooser(refused, String.join(", ", looser));
        }
        int version = current.overlayVersion() + 1;
        String pack = current.pack().id();
        if (!store.save(institution, version, pack, accepted, why, user.userId(), clock.instant())) {
            throw ComplianceProblem.overlayChangedMeanwhile();
        }
        events.publishEvent(new ComplianceEvent.PolicyChanged(institution, pack, version, summary(accepted), why,
                user.actor()));
        return view(store.policyOf(institution), store.latest(institution).orElse(null), locale);
    }

    private static String summary(Map<PolicyParameter, Object> overrides) {
        List<String> parts = new ArrayList<>();
        overrides.forEach((parameter, value) -> parts.add(parameter.key() + "=" + PolicyParameter.display(value)));
        return String.join("; ", parts);
    }

    private PolicyView view(Policy policy, PolicyStore.@Nullable Overlay overlay, Locale locale) {
        PolicyPack pack = policy.pack();
        List<ParameterView> parameters = new ArrayList<>();
        pack.parameters().forEach((parameter, sourced) -> {
            Object own = policy.overrides().get(parameter);
            parameters.add(new ParameterView(parameter.key(),
                    messages.getMessage("compliance.parameter." + parameter.key(), null, parameter.key(), locale),
                    PolicyParameter.display(sourced.value()), own == null ? null : PolicyParameter.display(own),
                    PolicyParameter.display(own == null ? sourced.value() : own), sourced.source(), sourced.verification()));
        });
        List<NotEnforcedView> notEnforced = new ArrayList<>();
        pack.notEnforced().forEach((key, value) -> notEnforced.add(
                new NotEnforcedView(key, value.value(), value.source(), value.verification(), value.why())));
        return new PolicyView(pack.id(), pack.version(), pack.jurisdiction(), pack.rulePrefix(),
                pack.zones().stream().map(Object::toString).toList(), pack.note(), policy.overlayVersion(),
                overlay == null ? null : overlay.changedAt(), overlay == null ? null : overlay.reason(), parameters,
                notEnforced);
    }
}
