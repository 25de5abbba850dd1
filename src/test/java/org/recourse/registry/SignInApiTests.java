package org.recourse.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.recourse.registry.RegistryApiFixtures.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Why a sign-in over HTTP Basic is refused, and the lock-out after repeated wrong passwords. */
@RecourseTest
class SignInApiTests {

    private static final String ME = "/api/v1/me";
    private static final String WRONG_PASSWORD = "Wrong-Passphrase-2026";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private RegistryApiFixtures api;

    @BeforeEach
    void setUp() {
        api = new RegistryApiFixtures(port);
    }

    @Test
    void refusesTheAdministratorOfAPendingOrganisationSayingWhy() {
        Registration registration = api.register("INSTITUTION");

        Response response = api.get(ME, registration.admin());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo("signin.organisation_pending");
        assertThat(response.json().path("detail").asString()).isNotBlank();
    }

    @Test
    void tellsThePendingStatusOnlyToSomeoneWhoKnowsThePassword() {
        Registration registration = api.register("AGENCY");

        Response response = api.get(ME, registration.admin().withPassword(WRONG_PASSWORD));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("unauthenticated");
    }

    @Test
    void locksAUserOutAfterFiveWrongPasswordsInARowUntilFifteenMinutesHavePassed() {
        Login admin = api.registerApproved("AGENCY").admin();

        failSignIn(admin, 4);
        assertThat(lockedUntil(admin)).isNull();
        failSignIn(admin, 1);
        Instant lockedAt = api.clock();

        assertThat(lockedUntil(admin)).isNotNull();
        Response refused = api.get(ME, admin);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("signin.locked");
        assertThat(refused.json().path("detail").asString()).isNotBlank();
        try {
            api.setClock(lockedAt.plus(Duration.ofMinutes(14)));
            assertThat(api.get(ME, admin).code()).isEqualTo("signin.locked");

            api.setClock(lockedAt.plus(Duration.ofMinutes(16)));
            Response afterLockOut = api.get(ME, admin);
            assertThat(afterLockOut.status()).as(afterLockOut.raw()).isEqualTo(200);
        } finally {
            api.releaseClock();
        }
    }

    @Test
    void startsCountingAgainAfterASuccessfulSignIn() {
        Login admin = api.registerApproved("INSTITUTION").admin();

        failSignIn(admin, 4);
        assertThat(api.get(ME, admin).status()).isEqualTo(200);
        failSignIn(admin, 4);

        assertThat(lockedUntil(admin)).isNull();
        assertThat(api.get(ME, admin).status()).isEqualTo(200);
    }

    @Test
    void liftsTheLockOutWhenTheAdministratorResetsThePassword() {
        Registration institution = api.registerApproved("INSTITUTION");
        User operator = api.createUser(institution.admin(), "INSTITUTION_OPERATOR");
        failSignIn(operator.login(), 5);
        assertThat(api.get(ME, operator.login()).code()).isEqualTo("signin.locked");

        Response reset = api.post("/api/v1/users/" + operator.id() + "/password",
                Map.of("password", "Fresh-Passphrase-2026"), institution.admin());

        assertThat(reset.status()).as(reset.raw()).isEqualTo(204);
        assertThat(lockedUntil(operator.login())).isNull();
        assertThat(api.get(ME, operator.login().withPassword("Fresh-Passphrase-2026")).status()).isEqualTo(200);
        assertThat(api.get(ME, operator.login()).code()).isEqualTo("unauthenticated");
    }

    @Test
    void answersRepeatedFailuresOfAnUnknownUsernameAsUnauthenticated() {
        Login nobody = new Login(RegistryApiFixtures.unique("nobody"), WRONG_PASSWORD);
        long unknownFailures = unknownUserFailures();

        for (int attempt = 1; attempt <= 6; attempt++) {
            Response response = api.get(ME, nobody);
            assertThat(response.status()).as("attempt %d: %s", attempt, response.raw()).isEqualTo(401);
            assertThat(response.code()).isEqualTo("unauthenticated");
        }

        assertThat(unknownUserFailures()).isEqualTo(unknownFailures + 6);
    }

    private void failSignIn(Login login, int times) {
        for (int attempt = 1; attempt <= times; attempt++) {
            Response response = api.get(ME, login.withPassword(WRONG_PASSWORD));
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.code()).isEqualTo("unauthenticated");
        }
    }

    private Instant lockedUntil(Login login) {
        return jdbc.sql("select locked_until from registry.user_account where username = :username")
                .param("username", login.username())
                .query((row, n) -> {
                    OffsetDateTime lockedUntil = row.getObject("locked_until", OffsetDateTime.class);
                    return lockedUntil == null ? null : lockedUntil.toInstant();
                })
                .list().get(0);
    }

    private long unknownUserFailures() {
        return jdbc.sql("select count(*) from audit.audit_event where action = 'signin.failed' and subject = 'user/unknown'")
                .query(Long.class).single();
    }
}
