package org.recourse.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.FieldChecks;
import org.recourse.shared.TimeOrderedIds;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * API keys for systems: issued by an organisation's administrator to one of its users, shown once, kept
 * only as a SHA-256 hash (the key is 256 random bits, so a plain hash is enough; a slow hash would undo
 * the point of keys), revoked at will. A key acts as its user and stops working when the user is disabled
 * or locked, or the organisation is no longer approved.
 */
@Service
public class ApiKeys {

    /** What every key starts with, so that a leaked one is recognisable (secret scanners look for prefixes). */
    public static final String PREFIX = "rk_";
    private static final int HINT_LENGTH = PREFIX.length() + 6;
    /** How long a key's user is remembered: the longest another instance may still honour a stopped key. */
    static final Duration REMEMBERED = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final SecureRandom random = new SecureRandom();
    private final TimeOrderedIds ids = new TimeOrderedIds();
    private final RecentKeys recent = new RecentKeys(REMEMBERED.toNanos(), 10_000);

    ApiKeys(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    /** A key just issued: {@code key} is shown this once and never again. */
    public record IssuedKey(UUID id, String name, String key, String hint, UUID userId, Instant createdAt) {
    }

    /** A key as lists show it. */
    public record KeyView(UUID id, String name, String hint, UUID userId, String username, Instant createdAt,
            @Nullable Instant revokedAt) {
    }

    @Transactional
    @PreAuthorize("hasAnyRole('PLATFORM_ADMIN', 'INSTITUTION_ADMIN', 'AGENCY_ADMIN')")
    public IssuedKey issue(SignedInUser admin, @Nullable UUID userId, @Nullable String name) {
        FieldChecks checks = new FieldChecks();
        String label = checks.text("name", name, 1, 100);
        UUID holder = userId == null ? admin.userId() : userId;
        boolean colleague = jdbc.sql("select exists (select 1 from registry.user_account where id = :id and organisation_id = :organisation)")
                .param("id", holder).param("organisation", admin.organisationId()).query(Boolean.class).single();
        checks.check("userId", colleague, "api_key.user_unknown");
        if (checks.hasErrors()) {
            throw RegistryProblem.invalid(checks.errors());
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant at = clock.instant();
        UUID id = ids.next(at.toEpochMilli());
        String hint = key.substring(0, HINT_LENGTH);
        jdbc.sql("""
                insert into registry.api_key (id, organisation_id, user_id, name, key_hash, hint, created_by, created_at)
                values (:id, :organisation, :user, :name, :hash, :hint, :by, :at)
                """).param("id", id).param("organisation", admin.organisationId()).param("user", holder)
                .param("name", label).param("hash", hash(key)).param("hint", hint).param("by", admin.userId())
                .param("at", Organisations.timestamp(at)).update();
        events.publishEvent(new RegistryEvent.ApiKeyIssued(admin.actor(), id, holder, label));
        return new IssuedKey(id, label, key, hint, holder, at);
    }

    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('PLATFORM_ADMIN', 'INSTITUTION_ADMIN', 'AGENCY_ADMIN')")
    public List<KeyView> list(SignedInUser admin) {
        return jdbc.sql("""
                select k.id, k.name, k.hint, k.user_id, u.username, k.created_at, k.revoked_at
                  from registry.api_key k join registry.user_account u on u.id = k.user_id
                 where k.organisation_id = :organisation order by k.created_at, k.id
                """).param("organisation", admin.organisationId())
                .query((row, n) -> new KeyView(row.getObject("id", UUID.class), row.getString("name"), row.getString("hint"),
                        row.getObject("user_id", UUID.class), row.getString("username"),
                        row.getTimestamp("created_at").toInstant(), Organisations.instant(row, "revoked_at")))
                .list();
    }

    @Transactional
    @PreAuthorize("hasAnyRole('PLATFORM_ADMIN', 'INSTITUTION_ADMIN', 'AGENCY_ADMIN')")
    public void revoke(SignedInUser admin, UUID key) {
        int revoked = jdbc.sql("""
                update registry.api_key set revoked_at = :at, revoked_by = :by
                 where id = :id and organisation_id = :organisation and revoked_at is null
                """).param("at", Organisations.timestamp(clock.instant())).param("by", admin.userId()).param("id", key)
                .param("organisation", admin.organisationId()).update();
        if (revoked == 0) {
            throw RegistryProblem.apiKeyNotFound();
        }
        events.publishEvent(new RegistryEvent.ApiKeyRevoked(admin.actor(), key));
    }

    /**
     * The user a presented key acts as, if the key is live and its user and organisation may act. One indexed
     * read outside any transaction (a single statement needs none, and its commit was a round trip of its own),
     * remembered for {@link #REMEMBERED} so that a dialer's stream of requests does not read it every time.
     */
    public Optional<SignedInUser> authenticate(String presented) {
        if (!presented.startsWith(PREFIX) || presented.length() > 100) {
            return Optional.empty();
        }
        byte[] hash = hash(presented);
        return recent.get(HexFormat.of().formatHex(hash), () -> lookUp(hash));
    }

    private Optional<SignedInUser> lookUp(byte[] hash) {
        Instant now = clock.instant();
        return jdbc.sql("""
                select u.id, u.username, u.role, u.enabled, u.locked_until,
                       o.id as organisation_id, o.name, o.kind, o.status, o.decision_reason
                  from registry.api_key k
                  join registry.user_account u on u.id = k.user_id
                  join registry.organisation o on o.id = u.organisation_id
                 where k.key_hash = :hash and k.revoked_at is null
                """).param("hash", hash)
                .query((row, n) -> new SignedInUser(row.getObject("id", UUID.class), row.getString("username"), null,
                        Role.valueOf(row.getString("role")), row.getObject("organisation_id", UUID.class),
                        row.getString("name"), OrganisationKind.valueOf(row.getString("kind")),
                        OrganisationStatus.valueOf(row.getString("status")), row.getString("decision_reason"),
                        row.getBoolean("enabled"), Organisations.instant(row, "locked_until"), now))
                .optional()
                .filter(user -> user.isEnabled() && user.isAccountNonLocked()
                        && user.organisationStatus() == OrganisationStatus.APPROVED);
    }

    /**
     * Whatever may stop a key — its revocation, its user disabled or locked out by failed sign-ins, an
     * organisation's status changed — empties the remembered keys once it has committed. On other instances
     * of the platform the change applies within {@link #REMEMBERED}.
     */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void forgetKeys(RegistryEvent event) {
        if (!(event instanceof RegistryEvent.SignedIn || event instanceof RegistryEvent.ApiKeyIssued
                || event instanceof RegistryEvent.PersonalDataRevealed)) {
            recent.forgetAll();
        }
    }

    private static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
