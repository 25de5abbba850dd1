package org.recourse.compliance;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param reservation how long an ALLOW may be acted on, holding its slot of a capped channel meanwhile (a
 *        collector dials within seconds; five minutes covers a queue without starving others)
 */
@ConfigurationProperties("recourse.compliance")
public record ComplianceProperties(Duration reservation) {

    public ComplianceProperties {
        if (reservation == null) {
            reservation = Duration.ofMinutes(5);
        }
        if (reservation.isNegative() || reservation.isZero() || reservation.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("recourse.compliance.reservation must be between 1 second and 1 hour");
        }
    }
}
