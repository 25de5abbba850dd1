package org.recourse.registry.web;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.registry.RegistryApiFixtures;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages keep tenants apart as the API does: an institution's administrator sees and changes only
 * their own organisation's users, whatever ids they put into a URL, and never the operator's pages.
 */
@RecourseTest
class UserPagesTenancyTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private RegistryApiFixtures api;
    private Registration institutionA;
    private User userOfB;

    @BeforeEach
    void twoApprovedInstitutions() {
        api = new RegistryApiFixtures(port);
        institutionA = api.registerApproved("INSTITUTION");
        Registration institutionB = api.registerApproved("INSTITUTION");
        userOfB = api.createUser(institutionB.admin(), "INSTITUTION_OPERATOR");
    }

    @Test
    void listsOnlyTheOwnOrganisationsUsers() throws Exception {
        PageSession a = PageSession.signedIn(port, institutionA.admin().username(), institutionA.admin().password());

        String page = a.get("/organisation/users").body();

        assertThat(page).contains(institutionA.admin().username()).doesNotContain(userOfB.login().username());
    }

    @Test
    void anotherTenantsUserIsNotFoundAndStaysUnchanged() throws Exception {
        PageSession a = PageSession.signedIn(port, institutionA.admin().username(), institutionA.admin().password());
        String hashBefore = passwordHash(userOfB.id());

        assertThat(a.get("/organisation/users/" + userOfB.id() + "/password").statusCode()).isEqualTo(404);
        assertThat(a.post("/organisation/users/" + userOfB.id() + "/disable", Map.of()).statusCode()).isEqualTo(404);
        assertThat(a.post("/organisation/users/" + userOfB.id() + "/password",
                Map.of("password", "Taken-Over-Pass-2026")).statusCode()).isEqualTo(404);

        assertThat(enabled(userOfB.id())).isTrue();
        assertThat(passwordHash(userOfB.id())).isEqualTo(hashBefore);
    }

    @Test
    void anInstitutionAdministratorCannotOpenTheOperatorsPages() throws Exception {
        PageSession a = PageSession.signedIn(port, institutionA.admin().username(), institutionA.admin().password());

        assertThat(a.get("/platform/registrations").statusCode()).isEqualTo(403);
        assertThat(a.post("/platform/registrations/" + institutionA.id() + "/reject",
                Map.of("reason", "hostile takeover")).statusCode()).isEqualTo(403);
    }

    @Test
    void aFormPostWithoutTheCsrfTokenIsRefused() throws Exception {
        PageSession a = PageSession.signedIn(port, institutionA.admin().username(), institutionA.admin().password());
        User own = api.createUser(institutionA.admin(), "COMPLIANCE_OFFICER");

        assertThat(a.postRaw("/organisation/users/" + own.id() + "/disable", Map.of()).statusCode()).isEqualTo(403);
        assertThat(enabled(own.id())).isTrue();
    }

    @Test
    void aCollectorHasNoUserPages() throws Exception {
        Registration agency = api.registerApproved("AGENCY");
        User collector = api.createUser(agency.admin(), "COLLECTOR");
        PageSession session = PageSession.signedIn(port, collector.login().username(), collector.login().password());

        assertThat(session.get("/organisation/users").statusCode()).isEqualTo(403);
    }

    @Test
    void disablingAUserEndsTheSessionTheyAlreadyHave() throws Exception {
        User operator = api.createUser(institutionA.admin(), "INSTITUTION_OPERATOR");
        PageSession operatorSession = PageSession.signedIn(port, operator.login().username(), operator.login().password());
        assertThat(operatorSession.get("/").statusCode()).isEqualTo(200);

        PageSession admin = PageSession.signedIn(port, institutionA.admin().username(), institutionA.admin().password());
        admin.get("/organisation/users");
        assertThat(admin.post("/organisation/users/" + operator.id() + "/disable", Map.of()).statusCode()).isEqualTo(302);

        var afterwards = operatorSession.get("/");
        assertThat(afterwards.statusCode()).isEqualTo(302);
        assertThat(afterwards.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).contains("/login"));
    }

    private boolean enabled(UUID user) {
        return jdbc.sql("select enabled from registry.user_account where id = :id").param("id", user)
                .query(Boolean.class).single();
    }

    private String passwordHash(UUID user) {
        return jdbc.sql("select password_hash from registry.user_account where id = :id").param("id", user)
                .query(String.class).single();
    }
}
