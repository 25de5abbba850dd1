package org.recourse.allocation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.cases.CaseProfiles;
import org.recourse.registry.Contract;
import org.recourse.registry.ContractId;
import org.recourse.registry.Contracts;
import org.recourse.registry.OrganisationId;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.ContactChannel;
import org.recourse.shared.FieldChecks;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where an institution places its cases with agencies and takes them back: its administrator places chosen
 * cases under a contract in force and recalls a case's placement with a reason; its staff record when the
 * borrower was told of the entrustment. Every call is confined to the caller's institution; another's case or
 * placement is not found.
 */
@Service
@PreAuthorize("hasRole('INSTITUTION_ADMIN')")
public class PlacementDesk {

    /** Most cases one request may place: the batch is one statement, and its answer lists every case. */
    public static final int MAX_CASES = 5_000;
    private static final int MAX_REASON = 500;

    private final Placing placing;
    private final PlacementStore store;
    private final PlacementRegister register;
    private final Contracts contracts;
    private final CaseProfiles profiles;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PlacementDesk(Placing placing, PlacementStore store, PlacementRegister register, Contracts contracts,
            CaseProfiles profiles, ApplicationEventPublisher events, Clock clock) {
        this.placing = placing;
        this.store = store;
        this.register = register;
        this.contracts = contracts;
        this.profiles = profiles;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Places the chosen cases under the named contract, or under the one contract in force with the named
     * agency. A contract that is not the institution's is not found; one not in force today refuses the whole
     * request; each case that cannot be placed is refused with its reason, and the others are placed.
     */
    @Transactional
    public PlacementOutcome place(SignedInUser admin, PlaceCases request) {
        FieldChecks checks = new FieldChecks();
        checks.check("contractId", request.contractId() != null || request.agencyId() != null, "required");
        List<UUID> caseIds = request.caseIds() == null ? List.of()
                : List.copyOf(new LinkedHashSet<>(request.caseIds().stream().filter(Objects::nonNull).toList()));
        checks.check("caseIds", !caseIds.isEmpty(), "required");
        checks.check("caseIds", caseIds.size() <= MAX_CASES, "too_many");
        if (checks.hasErrors()) {
            throw PlacementProblem.refused(checks.errors());
        }
        UUID institution = admin.organisationId();
        Instant now = clock.instant();
        LocalDate today = profiles.today(institution, now);
        Contract contract = contractFor(institution, request, today);
        PlacementOutcome outcome = placing.place(contract, caseIds, today, admin.userId(), now);
        events.publishEvent(new PlacementEvent.CasesPlaced(institution, outcome.contractId(), outcome.agencyId(),
                outcome.placed().size(), outcome.refused().size(), admin.actor()));
        return outcome;
    }

    /** Takes the case back from the agency it is placed with; the placement stays on record, recalled. */
    @Transactional
    public PlacementView recall(SignedInUser admin, UUID caseId, @Nullable String reason) {
        FieldChecks checks = new FieldChecks();
        String why = checks.text("reason", reason, 1, MAX_REASON);
        if (checks.hasErrors()) {
            throw PlacementProblem.refused(checks.errors());
        }
        UUID institution = admin.organisationId();
        Instant now = clock.instant();
        PlacementStore.Ended ended = store.recall(institution, caseId, why, admin.userId(), now)
                .orElseThrow(() -> profiles.of(institution, List.of(caseId), profiles.today(institution, now)).isEmpty()
                        ? PlacementProblem.caseNotFound() : PlacementProblem.notPlaced());
        events.publishEvent(new PlacementEvent.Recalled(institution, ended.placementId(), caseId, ended.agency(), why,
                admin.actor()));
        return register.find(admin, ended.placementId());
    }

    /**
     * Records when and how the borrower was told of the entrustment (CN.OUTSOURCING_NOTICE); from that moment the
     * agency's contacts pass the rule. Once only; not in the future.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('INSTITUTION_ADMIN', 'INSTITUTION_OPERATOR')")
    public PlacementView markNoticeSent(SignedInUser user, UUID placement, @Nullable Instant sentAt,
            @Nullable ContactChannel channel) {
        FieldChecks checks = new FieldChecks();
        checks.check("sentAt", sentAt != null, "required");
        checks.check("channel", channel != null, "required");
        if (checks.hasErrors()) {
            throw PlacementProblem.refused(checks.errors());
        }
        Instant now = clock.instant();
        checks.check("sentAt", !sentAt.isAfter(now), "placement.notice_in_future");
        if (checks.hasErrors()) {
            throw PlacementProblem.refused(checks.errors());
        }
        // The update is the check: it finds only this institution's placement with its notice still pending.
        UUID caseId = store.markNoticeSent(user.organisationId(), placement, sentAt, channel, user.userId(), now)
                .orElseThrow(() -> {
                    register.find(user, placement); // not found (404) unless it exists
                    return PlacementProblem.noticeAlreadySent();
                });
        events.publishEvent(new PlacementEvent.NoticeSent(user.organisationId(), placement, caseId, channel,
                sentAt, user.actor()));
        return register.find(user, placement);
    }

    /** The zone the institution's staff enter times in (the notice's moment on the page). */
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('INSTITUTION_ADMIN', 'INSTITUTION_OPERATOR')")
    public ZoneId zoneOf(SignedInUser user) {
        return profiles.zoneOf(user.organisationId());
    }

    private Contract contractFor(UUID institution, PlaceCases request, LocalDate today) {
        if (request.contractId() != null) {
            Contract contract = contracts.find(new ContractId(request.contractId()))
                    .filter(found -> found.institution().value().equals(institution))
                    .orElseThrow(PlacementProblem::contractNotFound);
            if (request.agencyId() != null && !contract.agency().value().equals(request.agencyId())) {
                throw PlacementProblem.agencyMismatch();
            }
            if (!contract.inForceOn(today)) {
                throw PlacementProblem.contractNotActive();
            }
            return contract;
        }
        List<Contract> inForce = contracts.activeFor(new OrganisationId(institution)).stream()
                .filter(contract -> contract.agency().value().equals(request.agencyId()))
                .filter(contract -> contract.inForceOn(today))
                .toList();
        if (inForce.isEmpty()) {
            throw PlacementProblem.contractNotActive();
        }
        if (inForce.size() > 1) {
            throw PlacementProblem.contractAmbiguous();
        }
        return inForce.get(0);
    }
}
