package org.recourse.compliance;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.recourse.cases.CaseProfiles;
import org.recourse.compliance.Entrustments.Holding;
import org.recourse.registry.Directory;
import org.recourse.registry.OrganisationKind;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.FieldChecks;
import org.recourse.shared.PersonalDataCipher;
import org.recourse.shared.TimeOrderedIds;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The complaint register (投诉登记): what an institution, or its compliance officer, receives about one of its cases
 * — from the borrower, the regulator's hotline 12378, the police … — recorded with its source, category and the
 * moment it was received. Each complaint is attributed to the agency whose placement of the case was live at that
 * moment (asked of {@link Entrustments}, which allocation provides), or to the institution itself; allocation weighs
 * agencies by their complaints ({@link ContactHistory#complaintsByAgencySql()}). The summary may hold personal data:
 * it is encrypted before it is stored and never logged nor put in the audit trail; it is answered with its numbers
 * masked, and as recorded only by {@link #reveal}, which is audited.
 */
@Service
@PreAuthorize("hasAnyRole('INSTITUTION_ADMIN', 'INSTITUTION_OPERATOR', 'COMPLIANCE_OFFICER')")
public class ComplaintDesk {

    public static final Set<String> SOURCES = Set.of("BORROWER", "REGULATOR_HOTLINE", "REGULATOR", "POLICE",
            "THIRD_PARTY", "OTHER");
    public static final Set<String> CATEGORIES = Set.of("HARASSMENT", "THIRD_PARTY_DISCLOSURE", "THREAT_OR_ABUSE",
            "EXCESSIVE_CONTACT", "QUIET_HOURS", "FALSE_IDENTITY", "DEBT_DISPUTE", "PRIVACY", "OTHER");
    private static final int MAX_SUMMARY = 2_000;
    private static final int MAX_LIST = 500;

    private final JdbcClient jdbc;
    private final CaseProfiles profiles;
    private final Entrustments entrustments;
    private final Directory directory;
    private final PersonalDataCipher cipher;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TimeOrderedIds ids = new TimeOrderedIds();

    ComplaintDesk(JdbcClient jdbc, CaseProfiles profiles, Entrustments entrustments, Directory directory,
            PersonalDataCipher cipher, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.entrustments = entrustments;
        this.directory = directory;
        this.cipher = cipher;
        this.events = events;
        this.clock = clock;
    }

    /** Records the complaint against the institution's case; answers it with the agency it was attributed to. */
    @Transactional
    public ComplaintView record(SignedInUser user, RecordComplaint request) {
        FieldChecks checks = new FieldChecks();
        checks.check("caseId", request.caseId() != null, "required");
        checks.check("source", request.source() != null && SOURCES.contains(request.source()),
                request.source() == null ? "required" : "complaint.source_unknown");
        checks.check("category", request.category() != null && CATEGORIES.contains(request.category()),
                request.category() == null ? "required" : "complaint.category_unknown");
        Instant now = clock.instant();
        Instant received = null;
        if (request.receivedAt() == null || request.receivedAt().isBlank()) {
            checks.reject("receivedAt", "required");
        } else {
            try {
                received = Instant.parse(request.receivedAt().strip());
                checks.check("receivedAt", !received.isAfter(now), "complaint.received_in_future");
            } catch (DateTimeParseException e) {
                checks.reject("receivedAt", "format");
            }
        }
        String summary = checks.text("summary", request.summary(), 1, MAX_SUMMARY);
        if (checks.hasErrors()) {
            throw ComplianceProblem.complaintRefused(checks.errors());
        }
        UUID institution = institutionOf(user).orElseThrow(ComplianceProblem::complaintCaseNotFound);
        UUID caseId = request.caseId();
        if (profiles.of(institution, List.of(caseId), profiles.today(institution, now)).isEmpty()) {
            throw ComplianceProblem.complaintCaseNotFound();
        }
        Optional<Holding> holding = entrustments.heldAt(institution, caseId, received);
        UUID id = ids.sequence(now.toEpochMilli()).next();
        jdbc.sql("""
                insert into compliance.complaint (id, institution_id, account_id, agency_id, placement_id, source,
                    category, received_at, summary, recorded_at, recorded_by)
                values (:id, :institution, :case, :agency, :placement, :source, :category, :received, :summary, :now, :by)
                """).param("id", id).param("institution", institution).param("case", caseId)
                .param("agency", holding.map(Holding::agency).orElse(null))
                .param("placement", holding.map(Holding::placement).orElse(null))
                .param("source", request.source()).param("category", request.category())
                .param("received", Timestamp.from(received)).param("summary", cipher.encrypt(summary))
                .param("now", Timestamp.from(now)).param("by", user.userId()).update();
        events.publishEvent(new ComplianceEvent.ComplaintRecorded(institution, id, caseId,
                holding.map(Holding::agency).orElse(null), request.source(), request.category(), user.actor()));
        return query(institution, id, null, null, false).get(0);
    }

    /**
     * The institution's complaints, newest received first (at most {@value #MAX_LIST}), by case or agency; their
     * summaries with the numbers masked ({@link ComplaintSummaries}).
     */
    @Transactional(readOnly = true)
    public List<ComplaintView> list(SignedInUser user, @Nullable UUID caseId, @Nullable UUID agencyId) {
        return institutionOf(user).map(institution -> query(institution, null, caseId, agencyId, false))
                .orElse(List.of());
    }

    /**
     * One of the institution's complaints with its summary as recorded — personal data revealed, so audited, and only
     * for those who handle complaints in full: the institution's administrators and compliance officers.
     */
    @Transactional
    @PreAuthorize("hasAnyRole('INSTITUTION_ADMIN', 'COMPLIANCE_OFFICER')")
    public ComplaintView reveal(SignedInUser user, UUID id) {
        UUID institution = institutionOf(user).orElseThrow(ComplianceProblem::complaintNotFound);
        List<ComplaintView> found = query(institution, id, null, null, true);
        if (found.isEmpty()) {
            throw ComplianceProblem.complaintNotFound();
        }
        events.publishEvent(new ComplianceEvent.ComplaintRevealed(institution, id, found.get(0).caseId(), user.actor()));
        return found.get(0);
    }

    /** Complaints are an institution's register: its staff and its compliance officers keep it. */
    private static Optional<UUID> institutionOf(SignedInUser user) {
        return user.organisationKind() == OrganisationKind.INSTITUTION ? Optional.of(user.organisationId())
                : Optional.empty();
    }

    private List<ComplaintView> query(UUID institution, @Nullable UUID id, @Nullable UUID caseId,
            @Nullable UUID agencyId, boolean reveal) {
        StringBuilder sql = new StringBuilder("""
                select id, account_id, agency_id, source, category, received_at, summary, recorded_at, recorded_by
                  from compliance.complaint where institution_id = :institution""");
        Map<String, Object> params = new HashMap<>();
        params.put("institution", institution);
        if (id != null) {
            sql.append(" and id = :id");
            params.put("id", id);
        }
        if (caseId != null) {
            sql.append(" and account_id = :case");
            params.put("case", caseId);
        }
        if (agencyId != null) {
            sql.append(" and agency_id = :agency");
            params.put("agency", agencyId);
        }
        sql.append(" order by received_at desc, id desc limit ").append(MAX_LIST);
        record Row(UUID id, UUID caseId, @Nullable UUID agency, String source, String category, Instant receivedAt,
                String summary, Instant recordedAt, UUID recordedBy) {
        }
        List<Row> rows = jdbc.sql(sql.toString()).params(params).query((row, n) -> new Row(
                row.getObject("id", UUID.class), row.getObject("account_id", UUID.class),
                row.getObject("agency_id", UUID.class), row.getString("source"), row.getString("category"),
                row.getTimestamp("received_at").toInstant(), row.getString("summary"),
                row.getTimestamp("recorded_at").toInstant(), row.getObject("recorded_by", UUID.class))).list();
        Set<UUID> agencies = rows.stream().map(Row::agency).filter(a -> a != null).collect(Collectors.toSet());
        Map<UUID, String> names = agencies.isEmpty() ? Map.of() : directory.organisationNames(agencies);
        return rows.stream().map(row -> new ComplaintView(row.id(), row.caseId(), row.agency(),
                row.agency() == null ? null : names.get(row.agency()), row.source(), row.category(), row.receivedAt(),
                reveal ? cipher.decrypt(row.summary()) : ComplaintSummaries.masked(cipher.decrypt(row.summary())),
                row.recordedAt(), row.recordedBy())).toList();
    }
}
