package org.recourse.strategy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.cases.CaseProfiles;
import org.recourse.compliance.ContactHistory;
import org.recourse.compliance.PolicyDesk;
import org.recourse.compliance.PolicyView;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.FieldChecks;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where an institution keeps its strategies: its administrator saves versions (each checked by
 * {@link StrategyRules} against the institution's bands, templates and compliance policy) and activates one from a
 * day; its people read them and their champion/challenger results. Every call is confined to the caller's
 * institution; another's strategy is not found.
 */
@Service
public class StrategyDesk {

    private final StrategyStore store;
    private final TemplateStore templates;
    private final CaseProfiles cases;
    private final PolicyDesk policies;
    private final ContactHistory contacts;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    StrategyDesk(StrategyStore store, TemplateStore templates, CaseProfiles cases, PolicyDesk policies,
            ContactHistory contacts, JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.templates = templates;
        this.cases = cases;
        this.policies = policies;
        this.contacts = contacts;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** Creates a strategy with its first version. */
    @Transactional
    @PreAuthorize("hasRole('INSTITUTION_ADMIN')")
    public StrategyView.Saved create(SignedInUser admin, StrategyDefinition definition) {
        check(admin, definition);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        store.insertStrategy(id, admin.organisationId(), now, admin.userId());
        store.insertVersion(admin.organisationId(), id, 1, definition, now, admin.userId());
        events.publishEvent(new StrategyEvent.VersionSaved(admin.organisationId(), id, 1, definition.name().strip(),
                definition.segments().size(), admin.actor()));
        return new StrategyView.Saved(id, 1);
    }

    /** Saves a new version of the institution's strategy; earlier versions stay as they were. */
    @Transactional
    @PreAuthorize("hasRole('INSTITUTION_ADMIN')")
    public StrategyView.Saved revise(SignedInUser admin, UUID id, StrategyDefinition definition) {
        store.find(admin.organisationId(), id).orElseThrow(StrategyProblem::notFound);
        check(admin, definition);
        int version = store.latestVersion(id) + 1;
        if (!store.insertVersion(admin.organisationId(), id, version, definition, clock.instant(), admin.userId())) {
            throw StrategyProblem.changedMeanwhile();
        }
        events.publishEvent(new StrategyEvent.VersionSaved(admin.organisationId(), id, version,
                definition.name().strip(), definition.segments().size(), admin.actor()));
        return new StrategyView.Saved(id, version);
    }

    /**
     * Activates a version (the latest when none is named) from a day that is not past in the institution's calendar.
     * From that day the institution's strategy is this version, until a later activation's day comes; an activation
     * made later wins over an earlier one for the days both cover.
     */
    @Transactional
    @PreAuthorize("hasRole('INSTITUTION_ADMIN')")
    public StrategyView.Detail activate(SignedInUser admin, UUID id, @Nullable String from, @Nullable Integer version) {
        UUID institution = admin.organisationId();
        store.find(institution, id).orElseThrow(StrategyProblem::notFound);
        FieldChecks checks = new FieldChecks();
        LocalDate day = checks.optionalDate("from", from);
        checks.check("from", from != null && !from.isBlank(), "required");
        int latest = store.latestVersion(id);
        int chosen = version == null ? latest : version;
        checks.check("version", chosen >= 1 && chosen <= latest, "strategy.version_unknown");
        if (checks.hasErrors()) {
            throw StrategyProblem.refused(checks.errors());
        }
        Instant now = clock.instant();
        LocalDate today = cases.today(institution, now);
        checks.check("from", !day.isBefore(today), "strategy.activation_in_past");
        if (checks.hasErrors()) {
            throw StrategyProblem.refused(checks.errors());
        }
        store.activate(institution, id, chosen, day, now, admin.userId());
        events.publishEvent(new StrategyEvent.Activated(institution, id, chosen, day, admin.actor()));
        return detail(institution, id);
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('INSTITUTION_ADMIN', 'INSTITUTION_OPERATOR', 'COMPLIANCE_OFFICER')")
    public List<StrategyView.Summary> list(SignedInUser user) {
        UUID institution = user.organisationId();
        LocalDate today = cases.today(institution, clock.instant());
        return store.summaries(institution, store.inForce(institution, today).orElse(null), today);
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('INSTITUTION_ADMIN', 'INSTITUTION_OPERATOR', 'COMPLIANCE_OFFICER')")
    public StrategyView.Detail find(SignedInUser user, UUID id) {
        return detail(user.organisationId(), id);
    }

    /** The champion/challenger comparison of the strategy's segments and variants, over all its versions. */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('INSTITUTION_ADMIN', 'INSTITUTION_OPERATOR', 'COMPLIANCE_OFFICER')")
    public StrategyView.Results results(SignedInUser user, UUID id) {
        UUID institution = user.organisationId();
        StrategyView.Detail detail = detail(institution, id);
        LocalDate today = cases.today(institution, clock.instant());
        List<StrategyView.Group> groups = jdbc.sql(SegmentSql.RESULTS.formatted(cases.casesSql(institution),
                        contacts.outboundAttemptsSql()))
                .param("institution", institution).param("strategy", id).param("today", today)
                .query((row, n) -> {
                    long count = row.getLong("cases");
                    BigDecimal entry = row.getBigDecimal("entry");
                    BigDecimal recovered = row.getBigDecimal("recovered");
                    long contacted = row.getLong("contacts");
                    return new StrategyView.Group(row.getString("segment_name"), row.getString("variant_name"), count,
                            entry.setScale(2, RoundingMode.HALF_UP), recovered.setScale(2, RoundingMode.HALF_UP),
                            entry.signum() == 0 ? BigDecimal.ZERO.setScale(4)
                                    : recovered.divide(entry, 4, RoundingMode.HALF_UP),
                            row.getLong("with_recovery"), contacted,
                            count == 0 ? BigDecimal.ZERO.setScale(2)
                                    : BigDecimal.valueOf(contacted).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP));
                })
                .list();
        return new StrategyView.Results(id, detail.name(), groups);
    }

    private StrategyView.Detail detail(UUID institution, UUID id) {
        StrategyStore.Header header = store.find(institution, id).orElseThrow(StrategyProblem::notFound);
        List<StrategyView.Version> versions = store.versions(id);
        LocalDate today = cases.today(institution, clock.instant());
        Optional<StrategyStore.InForce> inForce = store.inForce(institution, today);
        Integer active = inForce.filter(force -> force.strategy().equals(id)).map(StrategyStore.InForce::version)
                .orElse(null);
        StrategyView.Version latest = versions.get(versions.size() - 1);
        return new StrategyView.Detail(id, latest.name(), latest.version(), header.createdAt(), active, today, versions,
                store.activations(id));
    }

    /** Runs every check; the templates are the institution's, the caps its policy's as in force now. */
    private void check(SignedInUser admin, StrategyDefinition definition) {
        UUID institution = admin.organisationId();
        Map<UUID, MessageTemplate> known = templates.of(institution, StrategyRules.templateIds(definition));
        FieldChecks checks = new StrategyRules(cases.bandsOf(institution), known, caps(admin)).check(definition);
        if (checks.hasErrors()) {
            throw StrategyProblem.refused(checks.errors());
        }
    }

    /**
     * What the institution's policy lets reach a borrower a day, for the actions the strategy plans: SMS by the SMS
     * cap, calls by the lower of the call-attempt and conversation caps, field visits by the visit cap. E-mail,
     * letters and the non-contact actions have no daily cap in the packs.
     */
    private StrategyRules.DailyCaps caps(SignedInUser admin) {
        PolicyView policy = policies.policy(admin, Locale.ROOT);
        Map<Action, Integer> caps = new EnumMap<>(Action.class);
        for (PolicyView.ParameterView parameter : policy.parameters()) {
            if (!(parameter.value() instanceof Integer cap)) {
                continue;
            }
            switch (parameter.key()) {
                case "frequency.smsPerBorrowerPerDay" -> caps.merge(Action.SMS, cap, Math::min);
                case "frequency.callAttemptsPerBorrowerPerDay", "frequency.conversationsPerBorrowerPerDay" ->
                        caps.merge(Action.VOICE, cap, Math::min);
                case "frequency.visitsPerBorrowerPerDay" -> caps.merge(Action.FIELD_VISIT, cap, Math::min);
                default -> {
                }
            }
        }
        return new StrategyRules.DailyCaps(caps);
    }
}
