package org.recourse.strategy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.recourse.compliance.screening.ScreeningFinding;

/**
 * An approved message template: screening found nothing that blocks it ({@code screeningOutcome} is ALLOW, or
 * REVIEW with the findings a person should read), under the term list of {@code termsVersion}.
 */
public record MessageTemplate(UUID id, String name, TemplateChannel channel, String recipient, String text,
        String screeningOutcome, List<ScreeningFinding> findings, String termsVersion, Instant createdAt) {
}
