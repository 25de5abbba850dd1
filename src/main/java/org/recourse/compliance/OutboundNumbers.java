package org.recourse.compliance;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.recourse.registry.SignedInUser;
import org.recourse.shared.FieldChecks;
import org.recourse.shared.Masking;
import org.recourse.shared.PersonalDataCipher;
import org.recourse.shared.PhoneNumber;
import org.recourse.shared.TimeOrderedIds;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The numbers an organisation calls and texts from (CN.OUTBOUND_NUMBER, COMPLIANCE.md CN-20: no private
 * phones). Administrators register them; a decision about a call or a text asks which number it goes out
 * from, and only a registered one passes. Numbers are kept like personal data (a collector's own mobile
 * could be entered), found again by keyed hash.
 */
@Service
public class OutboundNumbers {

    private static final Pattern SERVICE_NUMBER = Pattern.compile("(?:400|800)\\d{7}|95\\d{3,4}|106\\d{5,17}");

    private final JdbcClient jdbc;
    private final PersonalDataCipher cipher;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TimeOrderedIds ids = new TimeOrderedIds();

    OutboundNumbers(JdbcClient jdbc, PersonalDataCipher cipher, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.events = events;
        this.clock = clock;
    }

    /** A registered number, masked. */
    public record OutboundNumber(UUID id, String number, String label, Instant registeredAt) {
    }

    @Transactional
    @PreAuthorize("hasAnyRole('INSTITUTION_ADMIN', 'AGENCY_ADMIN')")
    public OutboundNumber register(SignedInUser user, @Nullable String number, @Nullable String label) {
        FieldChecks checks = new FieldChecks();
        String normalised = normalise(number);
        checks.check("number", normalised != null, number == null || number.isBlank() ? "required" : "phone.format");
        String name = checks.text("label", label, 1, 100);
        if (checks.hasErrors() || normalised == null) {
            throw ComplianceProblem.invalid(checks.errors());
        }
        Instant at = clock.instant();
        UUID id = ids.next(at.toEpochMilli());
        try {
            jdbc.sql("""
                    insert into compliance.outbound_number (id, organisation_id, number_hash, number_enc, label,
                        registered_by, registered_at)
                    values (:id, :organisation, :hash, :enc, :label, :user, :at)
                    """).param("id", id).param("organisation", user.organisationId())
                    .param("hash", cipher.blindIndexBytes(normalised)).param("enc", cipher.encrypt(normalised))
                    .param("label", name).param("user", user.userId()).param("at", at.atOffset(ZoneOffset.UTC)).update();
        } catch (DuplicateKeyException e) {
            throw ComplianceProblem.numberTaken();
        }
        events.publishEvent(new ComplianceEvent.OutboundNumberRegistered(user.organisationId(), id, name, user.actor()));
        return new OutboundNumber(id, Masking.phone(normalised), name, at);
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('INSTITUTION_ADMIN', 'INSTITUTION_OPERATOR', 'AGENCY_ADMIN', 'COLLECTOR', 'COMPLIANCE_OFFICER')")
    public List<OutboundNumber> list(SignedInUser user) {
        return jdbc.sql("""
                select id, number_enc, label, registered_at from compliance.outbound_number
                 where organisation_id = :organisation order by registered_at, id
                """).param("organisation", user.organisationId())
                .query((row, n) -> new OutboundNumber(row.getObject("id", UUID.class),
                        Masking.phone(cipher.decrypt(row.getString("number_enc"))), row.getString("label"),
                        row.getTimestamp("registered_at").toInstant()))
                .list();
    }

    @Transactional
    @PreAuthorize("hasAnyRole('INSTITUTION_ADMIN', 'AGENCY_ADMIN')")
    public void remove(SignedInUser user, UUID number) {
        int removed = jdbc.sql("delete from compliance.outbound_number where organisation_id = :organisation and id = :id")
                .param("organisation", user.organisationId()).param("id", number).update();
        if (removed == 0) {
            throw ComplianceProblem.numberNotFound();
        }
        events.publishEvent(new ComplianceEvent.OutboundNumberRemoved(user.organisationId(), number, user.actor()));
    }

    /** The keyed hash a number is found by; null when it is no number at all (then it is not registered). */
    byte @Nullable [] hashOf(String number) {
        String normalised = normalise(number);
        return normalised == null ? null : cipher.blindIndexBytes(normalised);
    }

    /**
     * A mobile, a fixed line, or a service number institutions call and text from: 400/800 numbers, 95xxx
     * short codes, 106… SMS gateway numbers.
     */
    static @Nullable String normalise(@Nullable String number) {
        String phone = PhoneNumber.contactPhoneOrNull(number);
        if (phone != null || number == null) {
            return phone;
        }
        String digits = number.strip().replace("-", "").replace(" ", "");
        return SERVICE_NUMBER.matcher(digits).matches() ? digits : null;
    }
}
