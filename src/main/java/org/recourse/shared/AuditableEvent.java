package org.recourse.shared;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A domain event that belongs in the audit trail. Modules publish their events as records implementing
 * this; the {@code audit} module appends each one in the publishing transaction, so a change and its
 * audit row commit together or not at all. Details never hold personal data.
 */
public interface AuditableEvent {

    /** Stable action name, e.g. {@code registration.approved}. */
    String action();

    /** The organisation (tenant) the event concerns, when there is one. */
    @Nullable UUID organisationId();

    /** Who did it; null for the platform itself or an anonymous caller. */
    @Nullable Actor actor();

    /** What it was done to, e.g. {@code organisation/4f1c…}. */
    String subject();

    /** Extra facts for a reader of the trail (reason, role …); no personal data. */
    Map<String, String> details();

    /** A signed-in user acting on the platform. */
    record Actor(UUID userId, String username, UUID organisationId) {
    }
}
