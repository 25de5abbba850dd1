package org.recourse.cases;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.ContactChannel;
import org.recourse.cases.CaseViews.CaseDetail;
import org.recourse.cases.CaseViews.CaseFilter;
import org.recourse.cases.CaseViews.CasePage;
import org.recourse.cases.CaseViews.CaseSort;
import org.recourse.registry.OrganisationKind;
import org.recourse.registry.Role;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.FieldChecks;
import org.recourse.shared.Problem.FieldError;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What institution users do with their cases: list and read them (personal data masked), reveal a borrower
 * (a permission, audited), move a case along its lifecycle, set and lift holds, and tune how delinquency is
 * counted. Every call is confined to the caller's own institution. An agency's people list and read the cases
 * placed with their agency, and only while placed (see {@link CaseReach}); everything else stays the
 * institution's.
 */
@Service
@PreAuthorize("hasAnyRole('INSTITUTION_ADMIN', 'INSTITUTION_OPERATOR')")
public class CaseDesk {

    public static final int MAX_PAGE = 200;
    private static final int MAX_REASON = 500;
    private static final String READERS = "hasAnyRole('INSTITUTION_ADMIN', 'INSTITUTION_OPERATOR', 'AGENCY_ADMIN', "
            + "'COLLECTOR')";

    private final CaseQueries queries;
    private final CaseWork work;
    private final SettingsStore settings;
    private final ContactPoints contactPoints;
    private final CaseReach reach;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CaseDesk(CaseQueries queries, CaseWork work, SettingsStore settings, ContactPoints contactPoints, CaseReach reach,
            ApplicationEventPublisher events, Clock clock) {
        this.queries = queries;
        this.work = work;
        this.settings = settings;
        this.contactPoints = contactPoints;
        this.reach = reach;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    @PreAuthorize(READERS)
    public CasePage list(SignedInUser user, CaseFilter filter, CaseSort sort, @Nullable String cursor, int size) {
        return list(user, null, filter, sort, cursor, null, size);
    }

    /**
     * A page by cursor (keyset: as fast on the ten-thousandth page as on the first) or, for callers that
     * count pages, by number from 0 (an offset: fine for the first pages, slower deep down). An agency reads
     * the cases of one institution at a time: {@code institution} names it (else the first by name).
     */
    @Transactional(readOnly = true)
    @PreAuthorize(READERS)
    public CasePage list(SignedInUser user, @Nullable UUID institution, CaseFilter filter, CaseSort sort,
            @Nullable String cursor, @Nullable Integer page, int size) {
        int limit = Math.max(1, Math.min(size, MAX_PAGE));
        CaseReach.Reader reader = reach.forList(user, institution).orElse(null);
        if (reader == null) {
            // No institution places cases with this agency: nothing to read, and no one's calendar to date it by.
            return new CasePage(List.of(), page, limit, null, today(DelinquencySettings.DEFAULT_ZONE), null);
        }
        DelinquencySettings delinquency = settings.of(reader.institution());
        LocalDate today = today(delinquency.zone());
        List<CaseQueries.CaseRow> rows = new ArrayList<>(
                queries.list(reader.institution(), reader.placedWith(reach.placed()), today, delinquency.bands(),
                        filter, sort, cursor, cursor == null && page != null ? (long) Math.max(0, page) * limit : 0,
                        limit + 1));
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            next = CaseQueries.cursorAfter(rows.get(limit - 1), sort);
        }
        return new CasePage(CaseQueries.summaries(rows, today, delinquency.bands(), queries::maskedName),
                cursor == null && page != null ? Math.max(0, page) : null, limit, next, today,
                reader.agency() == null ? null : reader.institution());
    }

    /** The institutions whose placed cases an agency's user may list, by name; none for an institution's staff. */
    @Transactional(readOnly = true)
    @PreAuthorize(READERS)
    public List<CaseViews.PlacingInstitution> placingInstitutions(SignedInUser user) {
        return reach.institutions(user);
    }

    /** The bucket names the list offers: the bands of the institution whose cases the user reads. */
    @Transactional(readOnly = true)
    @PreAuthorize(READERS)
    public List<String> bucketNames(SignedInUser user, @Nullable UUID institution) {
        return reach.forList(user, institution).map(reader -> settings.of(reader.institution()).bands().names())
                .orElseGet(() -> BucketBands.standard().names());
    }

    @Transactional(readOnly = true)
    @PreAuthorize(READERS)
    public CaseDetail detail(SignedInUser user, UUID caseId) {
        return detail(user, caseId, false);
    }

    /** The borrower and contact points in full; only institution administrators may, and each time is audited. */
    @Transactional
    @PreAuthorize("hasRole('INSTITUTION_ADMIN')")
    public CaseDetail reveal(SignedInUser user, UUID caseId) {
        CaseDetail detail = detail(user, caseId, true);
        events.publishEvent(new CaseEvent.BorrowerRevealed(user.organisationId(), caseId, user.actor()));
        return detail;
    }

    private CaseDetail detail(SignedInUser user, UUID caseId, boolean reveal) {
        CaseReach.Reader reader = reach.forCase(user, caseId).orElseThrow(CaseProblem::caseNotFound);
        UUID institution = reader.institution();
        DelinquencySettings delinquency = settings.of(institution);
        LocalDate today = today(delinquency.zone());
        if (!reader.readableOn(today)) {
            throw CaseProblem.caseNotFound();
        }
        CaseQueries.CaseRow row = queries.one(institution, caseId, today).orElseThrow(CaseProblem::caseNotFound);
        long dpd = row.dpd(today);
        List<CaseViews.ContactPoint> points = contactPoints.of(row.borrowerId(), row.contactsEnc(), row.relation(),
                reveal);
        // The mobile is required at intake, so it is always there, and always the first point.
        String mobile = points.get(0).value();
        return new CaseDetail(row.id(), row.accountRef(), row.product(), row.status(), dpd,
                delinquency.bands().bucketOf(dpd), row.outstanding(), row.loan(), queries.borrower(row, mobile, reveal),
                points,
                queries.holds(institution, caseId, today), queries.statusHistory(institution, caseId),
                queries.bucketHistory(institution, caseId), row.province(), row.city(), today);
    }

    @Transactional
    public CaseDetail changeStatus(SignedInUser user, UUID caseId, @Nullable CaseStatus to, @Nullable String reason) {
        String why = reason(reason);
        if (to == null) {
            throw CaseProblem.invalid(List.of(new FieldError("status", "required")));
        }
        UUID institution = user.organisationId();
        DelinquencySettings delinquency = settings.of(institution);
        LocalDate today = today(delinquency.zone());
        CaseQueries.CaseRow row = queries.one(institution, caseId, today).orElseThrow(CaseProblem::caseNotFound);
        if (!row.status().canMoveTo(to)) {
            throw CaseProblem.transitionForbidden(row.status(), to);
        }
        String bucket = delinquency.bands().bucketOf(row.dpd(today));
        if (!work.changeStatus(institution, caseId, row.status(), to, bucket, today, why, user.userId(),
                clock.instant())) {
            throw CaseProblem.changedMeanwhile();
        }
        events.publishEvent(new CaseEvent.StatusChanged(institution, caseId, row.status(), to, why, user.actor()));
        return detail(user, caseId, false);
    }

    @Transactional
    public UUID setHold(SignedInUser user, UUID caseId, @Nullable HoldKind kind, @Nullable String reason,
            @Nullable LocalDate startsOn, @Nullable LocalDate endsOn) {
        return setHold(user, caseId, kind, null, reason, startsOn, endsOn);
    }

    /** A hold; a cease-contact hold may stop one channel only ({@code channel}), any other kind stops all. */
    @Transactional
    public UUID setHold(SignedInUser user, UUID caseId, @Nullable HoldKind kind, @Nullable ContactChannel channel,
            @Nullable String reason, @Nullable LocalDate startsOn, @Nullable LocalDate endsOn) {
        UUID institution = user.organisationId();
        LocalDate today = today(settings.of(institution).zone());
        FieldChecks checks = new FieldChecks();
        checks.check("kind", kind != null, "required");
        String why = checks.text("reason", reason, 1, MAX_REASON);
        // A hold may be backdated to the day it really began, but not set ahead of time.
        LocalDate start = startsOn == null ? today : startsOn;
        checks.check("startsOn", !start.isAfter(today), "case.hold_starts_in_future");
        checks.check("endsOn", endsOn == null || !endsOn.isBefore(start), "case.hold_ends_before_start");
        checks.check("channel", channel == null || kind == HoldKind.CEASE_CONTACT, "case.hold_channel_only_for_cease");
        if (checks.hasErrors()) {
            throw CaseProblem.invalid(checks.errors());
        }
        queries.one(institution, caseId, today).orElseThrow(CaseProblem::caseNotFound);
        UUID hold = work.setHold(institution, caseId, kind, channel, why, start, endsOn, user.userId(), clock.instant());
        events.publishEvent(new CaseEvent.HoldSet(institution, caseId, hold, kind, why, user.actor()));
        return hold;
    }

    @Transactional
    public void liftHold(SignedInUser user, UUID caseId, UUID hold, @Nullable String reason) {
        String why = reason(reason);
        UUID institution = user.organisationId();
        if (!work.liftHold(institution, caseId, hold, why, user.userId(), clock.instant())) {
            throw work.holdExists(institution, caseId, hold) ? CaseProblem.holdAlreadyLifted()
                    : CaseProblem.holdNotFound();
        }
        events.publishEvent(new CaseEvent.HoldLifted(institution, caseId, hold, why, user.actor()));
    }

    @Transactional(readOnly = true)
    public CaseViews.Portfolio portfolio(SignedInUser user) {
        CaseViews.Portfolio portfolio = queries.portfolio(user.organisationId());
        List<String> order = settings.of(user.organisationId()).bands().names();
        List<CaseViews.BucketTotal> buckets = new ArrayList<>(portfolio.buckets());
        buckets.sort(Comparator.comparingInt(total -> position(order, total.bucket())));
        return new CaseViews.Portfolio(portfolio.businessDate(), buckets, portfolio.rolls());
    }

    @Transactional(readOnly = true)
    public DelinquencySettings settings(SignedInUser user) {
        return settings.of(user.organisationId());
    }

    @Transactional
    @PreAuthorize("hasRole('INSTITUTION_ADMIN')")
    public DelinquencySettings changeSettings(SignedInUser user, @Nullable String zone,
            @Nullable List<BucketBands.Band> bands) {
        ZoneId zoneId;
        try {
            zoneId = zone == null ? DelinquencySettings.DEFAULT_ZONE : ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            throw CaseProblem.invalid(List.of(new FieldError("zone", "case.zone_unknown")));
        }
        BucketBands checked;
        try {
            checked = bands == null ? BucketBands.standard() : new BucketBands(bands);
        } catch (BucketBands.InvalidBands e) {
            throw CaseProblem.invalidBands(e.fields());
        }
        DelinquencySettings changed = new DelinquencySettings(zoneId, checked);
        settings.save(user.organisationId(), changed, user.userId(), clock.instant());
        events.publishEvent(new CaseEvent.SettingsChanged(user.organisationId(), zoneId.getId(),
                String.join(",", checked.names()), user.actor()));
        return changed;
    }

    /** Whether the user may see personal data in full (the reveal permission). */
    public static boolean mayReveal(SignedInUser user) {
        return user.role() == Role.INSTITUTION_ADMIN;
    }

    /** Whether the user moves cases along their lifecycle and sets holds: the institution's staff, not agencies. */
    public static boolean mayChange(SignedInUser user) {
        return user.organisationKind() == OrganisationKind.INSTITUTION;
    }

    private LocalDate today(ZoneId zone) {
        return clock.instant().atZone(zone).toLocalDate();
    }

    private static int position(List<String> order, String bucket) {
        int position = order.indexOf(bucket);
        return position < 0 ? order.size() : position;
    }

    private static String reason(@Nullable String reason) {
        FieldChecks checks = new FieldChecks();
        String why = checks.text("reason", reason, 1, MAX_REASON);
        if (checks.hasErrors()) {
            throw CaseProblem.invalid(checks.errors());
        }
        return why;
    }
}
