package org.recourse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.registry.RegistryApiFixtures;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The audit trail records who did what to which organisation, and cannot be changed afterwards. */
@RecourseTest
class AuditTrailTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private RegistryApiFixtures api;

    @BeforeEach
    void setUp() {
        api = new RegistryApiFixtures(port);
    }

    /** One line of {@code audit.audit_event}, as the tests read it. */
    record Line(long id, String action, String actorUsername, UUID actorOrgId, String subject, String details) {
    }

    @Test
    void recordsRegistrationApprovalAndUserCreationWithTheirActors() {
        Registration agency = api.registerApproved("AGENCY");
        User collector = api.createUser(agency.admin(), "COLLECTOR");

        UUID adminId = jdbc.sql("select id from registry.user_account where username = :username")
                .param("username", agency.admin().username()).query(UUID.class).single();

        List<Line> lines = lines(agency.id());

        assertThat(lines).extracting(Line::action, Line::actorUsername, Line::subject).containsExactly(
                tuple("registration.submitted", null, "organisation/" + agency.id()),
                tuple("user.created", null, "user/" + adminId),
                tuple("registration.approved", "admin", "organisation/" + agency.id()),
                tuple("user.created", agency.admin().username(), "user/" + collector.id()));
        assertThat(lines.get(1).details()).contains("AGENCY_ADMIN");
        assertThat(lines.get(2).actorOrgId()).isEqualTo(platformId());
        assertThat(lines.get(3).actorOrgId()).isEqualTo(agency.id());
        assertThat(lines.get(3).details()).contains("COLLECTOR");
    }

    @Test
    void recordsARejectionWithItsReason() {
        Registration registration = api.register("INSTITUTION");

        api.post("/api/v1/registrations/" + registration.id() + "/reject", Map.of("reason", "材料不全"),
                RegistryApiFixtures.PLATFORM_ADMIN);

        Line rejection = lines(registration.id()).get(2);
        assertThat(rejection.action()).isEqualTo("registration.rejected");
        assertThat(rejection.actorUsername()).isEqualTo("admin");
        assertThat(rejection.details()).contains("材料不全");
    }

    @Test
    void recordsEveryChangeAnAdministratorMakesToAUser() {
        Registration institution = api.registerApproved("INSTITUTION");
        Login admin = institution.admin();
        User operator = api.createUser(admin, "INSTITUTION_OPERATOR");
        String user = "/api/v1/users/" + operator.id();

        api.post(user + "/disable", Map.of(), admin);
        api.post(user + "/enable", Map.of(), admin);
        api.post(user + "/password", Map.of("password", "Another-Passphrase-2026"), admin);

        assertThat(lines(institution.id()))
                .filteredOn(line -> line.subject().equals("user/" + operator.id()))
                .extracting(Line::action, Line::actorUsername)
                .containsExactly(
                        tuple("user.created", admin.username()),
                        tuple("user.disabled", admin.username()),
                        tuple("user.enabled", admin.username()),
                        tuple("user.password_reset", admin.username()));
    }

    @Test
    void recordsFailedSignInsAndTheLockOut() {
        Registration agency = api.registerApproved("AGENCY");
        Login wrong = agency.admin().withPassword("Wrong-Passphrase-2026");
        UUID adminId = jdbc.sql("select id from registry.user_account where username = :username")
                .param("username", agency.admin().username()).query(UUID.class).single();

        for (int attempt = 1; attempt <= 5; attempt++) {
            api.get("/api/v1/me", wrong);
        }
        api.get("/api/v1/me", agency.admin());

        assertThat(lines(agency.id()))
                .filteredOn(line -> line.subject().equals("user/" + adminId) && line.action().startsWith("signin."))
                .extracting(Line::action, Line::details)
                .containsExactly(
                        tuple("signin.failed", "{\"reason\": \"bad_credentials\"}"),
                        tuple("signin.failed", "{\"reason\": \"bad_credentials\"}"),
                        tuple("signin.failed", "{\"reason\": \"bad_credentials\"}"),
                        tuple("signin.failed", "{\"reason\": \"bad_credentials\"}"),
                        tuple("signin.locked", "{\"reason\": \"bad_credentials\"}"),
                        tuple("signin.failed", "{\"reason\": \"signin.locked\"}"));
    }

    @Test
    void keepsTheContactPersonOutOfARegistrationsDetails() {
        Registration registration = api.register("INSTITUTION");

        Line submitted = lines(registration.id()).get(0);

        assertThat(submitted.action()).isEqualTo("registration.submitted");
        assertThat(submitted.details()).isEqualTo("{\"kind\": \"INSTITUTION\"}")
                .doesNotContain(RegistryApiFixtures.CONTACT_PHONE)
                .doesNotContain("5678")
                .doesNotContain(RegistryApiFixtures.CONTACT_NAME);
    }

    @Test
    void refusesToUpdateAnEntry() {
        Registration registration = api.register("AGENCY");
        long id = lines(registration.id()).get(0).id();
        long entries = entries();

        assertThatThrownBy(() -> jdbc.sql("update audit.audit_event set action = 'tampered' where id = :id")
                .param("id", id).update())
                .isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("append-only");

        assertThat(entries()).isEqualTo(entries);
        assertThat(lines(registration.id()).get(0).action()).isEqualTo("registration.submitted");
    }

    @Test
    void refusesToDeleteAnEntry() {
        Registration registration = api.register("AGENCY");
        long id = lines(registration.id()).get(0).id();
        long entries = entries();

        assertThatThrownBy(() -> jdbc.sql("delete from audit.audit_event where id = :id").param("id", id).update())
                .isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("append-only");

        assertThat(entries()).isEqualTo(entries);
        assertThat(lines(registration.id())).extracting(Line::id).contains(id);
    }

    private List<Line> lines(UUID organisation) {
        return jdbc.sql("""
                select id, action, actor_username, actor_org_id, subject, details::text as details
                  from audit.audit_event where organisation_id = :organisation order by id
                """)
                .param("organisation", organisation)
                .query(Line.class)
                .list();
    }

    private UUID platformId() {
        return jdbc.sql("select id from registry.organisation where kind = 'PLATFORM'").query(UUID.class).single();
    }

    private long entries() {
        return jdbc.sql("select count(*) from audit.audit_event").query(Long.class).single();
    }
}
