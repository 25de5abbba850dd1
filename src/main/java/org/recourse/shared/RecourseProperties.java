package org.recourse.shared;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The platform's own settings (prefix {@code recourse}); the README's configuration table lists them.
 *
 * @param dataDir       where the embedded database and generated keys are kept
 * @param testMode      exposes the settable platform clock; never on in production
 * @param adminPassword password for the platform administrator created on first start; generated if blank
 * @param demo          on the first start, load a demo institution, agency and accounts (RECOURSE_DEMO=false: not)
 * @param demoPassword  password of the demo organisations' administrators; generated and printed once if blank
 */
@ConfigurationProperties("recourse")
public record RecourseProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("false") boolean testMode,
        @Nullable String adminPassword,
        @DefaultValue("true") boolean demo,
        @Nullable String demoPassword,
        @DefaultValue Db db,
        @DefaultValue Security security) {

    /** An external PostgreSQL when {@code url} is set; the embedded one otherwise. */
    public record Db(@Nullable String url, @Nullable String user, @Nullable String password,
                     @DefaultValue("false") boolean ephemeral) {

        public boolean external() {
            return url != null && !url.isBlank();
        }
    }

    /** Sign-in protection: after this many failures in a row the account is locked for {@code lockout}. */
    public record Security(@DefaultValue("5") int maxFailedSignIns, @DefaultValue("15m") Duration lockout) {
    }
}
