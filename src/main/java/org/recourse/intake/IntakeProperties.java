package org.recourse.intake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Intake limits and the demo data (prefix {@code recourse.intake}).
 *
 * @param maxFileSize     largest file accepted (default 200 MB); the multipart limit follows it
 * @param maxExpandedSize largest total an XLSX may expand to when unzipped (zip-bomb guard)
 * @param maxApiAccounts  most accounts one {@code POST /api/v1/intake/accounts} may carry
 * @param storedErrorRows most rejected rows whose errors are kept for the report; counts stay exact beyond it
 */
@ConfigurationProperties("recourse.intake")
public record IntakeProperties(
        @DefaultValue("200MB") DataSize maxFileSize,
        @DefaultValue("2GB") DataSize maxExpandedSize,
        @DefaultValue("10000") int maxApiAccounts,
        @DefaultValue("200000") int storedErrorRows) {
}
