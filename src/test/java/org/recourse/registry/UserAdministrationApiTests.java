package org.recourse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.registry.RegistryApiFixtures.PASSWORD;
import static org.recourse.registry.RegistryApiFixtures.unique;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

/** An organisation's administrator manages its own users, and only its own. */
@RecourseTest
class UserAdministrationApiTests {

    private static final String USERS = "/api/v1/users";

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
    void createsACollectorInAnAgencyWhoThenSignsIn() {
        Registration agency = api.registerApproved("AGENCY");
        String username = unique("coll");

        Response created = api.post(USERS, Map.of("username", username, "displayName", "李四",
                "password", PASSWORD, "role", "COLLECTOR"), agency.admin());

        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.json().path("id").asString()).isNotBlank();
        assertThat(created.json().path("username").asString()).isEqualTo(username);
        assertThat(created.json().path("displayName").asString()).isEqualTo("李四");
        assertThat(created.json().path("role").asString()).isEqualTo("COLLECTOR");
        assertThat(created.json().path("enabled").asBoolean()).isTrue();
        assertThat(created.raw()).doesNotContain("password");
        Response me = api.get("/api/v1/me", new Login(username, PASSWORD));
        assertThat(me.status()).as(me.raw()).isEqualTo(200);
        assertThat(me.json().path("organisation").path("id").asString()).isEqualTo(agency.id().toString());
        assertThat(me.json().path("organisation").path("kind").asString()).isEqualTo("AGENCY");
        assertThat(me.json().path("roles").get(0).asString()).isEqualTo("COLLECTOR");
    }

    @Test
    void refusesRolesThatBelongToAnotherKindOfOrganisation() {
        Login agencyAdmin = api.registerApproved("AGENCY").admin();
        Login institutionAdmin = api.registerApproved("INSTITUTION").admin();
        long users = users();

        List<Response> refused = List.of(
                api.post(USERS, newUser("INSTITUTION_OPERATOR"), agencyAdmin),
                api.post(USERS, newUser("INSTITUTION_ADMIN"), agencyAdmin),
                api.post(USERS, newUser("COLLECTOR"), institutionAdmin),
                api.post(USERS, newUser("AGENCY_ADMIN"), institutionAdmin),
                api.post(USERS, newUser("PLATFORM_ADMIN"), institutionAdmin));

        for (Response response : refused) {
            assertThat(response.status()).as(response.raw()).isEqualTo(400);
            assertThat(response.code()).isEqualTo("validation_failed");
            assertThat(response.fieldErrors()).containsExactly("role:role.not_assignable");
        }
        assertThat(users()).isEqualTo(users);
    }

    @Test
    void refusesAnUnknownRoleAndAWeakPassword() {
        Login admin = api.registerApproved("AGENCY").admin();
        Map<String, Object> request = new java.util.HashMap<>(newUser("SUPERUSER"));
        request.put("password", "too-short");

        Response response = api.post(USERS, request, admin);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.fieldErrors()).containsExactlyInAnyOrder("role:role.unknown", "password:password.too_short");
        assertThat(usersNamed(request.get("username"))).isZero();
    }

    @Test
    void refusesAUsernameTakenInAnotherCase() {
        Registration agency = api.registerApproved("AGENCY");
        Map<String, Object> request = new java.util.HashMap<>(newUser("COLLECTOR"));
        request.put("username", agency.admin().username().toUpperCase());

        Response response = api.post(USERS, request, agency.admin());

        assertThat(response.status()).as(response.raw()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("user.username_taken");
        assertThat(response.fieldErrors()).containsExactly("username:username.taken");
        assertThat(usersNamed(request.get("username"))).isEqualTo(1);
    }

    @Test
    void disablesACollectorWhoIsThenRefusedAndEnablesThemAgain() {
        Login admin = api.registerApproved("AGENCY").admin();
        User collector = api.createUser(admin, "COLLECTOR");

        Response disabled = api.post(USERS + "/" + collector.id() + "/disable", Map.of(), admin);

        assertThat(disabled.status()).as(disabled.raw()).isEqualTo(200);
        assertThat(disabled.json().path("enabled").asBoolean()).isFalse();
        Response refused = api.get("/api/v1/me", collector.login());
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("signin.user_disabled");

        Response enabled = api.post(USERS + "/" + collector.id() + "/enable", Map.of(), admin);

        assertThat(enabled.status()).as(enabled.raw()).isEqualTo(200);
        assertThat(enabled.json().path("enabled").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/me", collector.login()).status()).isEqualTo(200);
    }

    @Test
    void refusesToLetAnAdministratorDisableThemselves() {
        Login admin = api.registerApproved("INSTITUTION").admin();
        UUID self = ownId(admin);

        Response response = api.post(USERS + "/" + self + "/disable", Map.of(), admin);

        assertThat(response.status()).as(response.raw()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("user.cannot_change_self");
        assertThat(enabled(self)).isTrue();
    }

    @Test
    void showsAnAdministratorOnlyTheUsersOfTheirOwnOrganisation() {
        Registration a = api.registerApproved("INSTITUTION");
        Registration b = api.registerApproved("INSTITUTION");
        User bOperator = api.createUser(b.admin(), "INSTITUTION_OPERATOR");

        Response listed = api.get(USERS, a.admin());

        assertThat(listed.status()).isEqualTo(200);
        List<String> usernames = new ArrayList<>();
        listed.json().forEach(user -> usernames.add(user.path("username").asString()));
        assertThat(usernames).containsExactly(a.admin().username());
        assertThat(listed.raw()).doesNotContain(b.admin().username()).doesNotContain(bOperator.id().toString());
    }

    @Test
    void hidesAnotherOrganisationsUserFromAnAdministrator() {
        Registration a = api.registerApproved("INSTITUTION");
        Registration b = api.registerApproved("INSTITUTION");
        User bOperator = api.createUser(b.admin(), "INSTITUTION_OPERATOR");
        String hashBefore = passwordHash(bOperator.id());
        String user = USERS + "/" + bOperator.id();

        List<Response> answers = List.of(
                api.get(user, a.admin()),
                api.post(user + "/disable", Map.of(), a.admin()),
                api.post(user + "/enable", Map.of(), a.admin()),
                api.post(user + "/password", Map.of("password", "Hijacked-Passphrase-2026"), a.admin()));

        for (Response response : answers) {
            assertThat(response.status()).as(response.raw()).isEqualTo(404);
            assertThat(response.code()).isEqualTo("user.not_found");
        }
        assertThat(enabled(bOperator.id())).isTrue();
        assertThat(passwordHash(bOperator.id())).isEqualTo(hashBefore);
        assertThat(api.get("/api/v1/me", bOperator.login()).status()).isEqualTo(200);
    }

    @Test
    void forbidsACollectorToManageUsers() {
        Login admin = api.registerApproved("AGENCY").admin();
        User collector = api.createUser(admin, "COLLECTOR");
        long users = users();

        Response list = api.get(USERS, collector.login());
        Response create = api.post(USERS, newUser("COLLECTOR"), collector.login());

        for (Response response : List.of(list, create)) {
            assertThat(response.status()).as(response.raw()).isEqualTo(403);
            assertThat(response.code()).isEqualTo("forbidden");
        }
        assertThat(users()).isEqualTo(users);
    }

    private static Map<String, Object> newUser(String role) {
        return Map.of("username", unique("user"), "displayName", "新用户", "password", PASSWORD, "role", role);
    }

    private UUID ownId(Login admin) {
        return jdbc.sql("select id from registry.user_account where username = :username")
                .param("username", admin.username()).query(UUID.class).single();
    }

    private boolean enabled(UUID user) {
        return jdbc.sql("select enabled from registry.user_account where id = :id")
                .param("id", user).query(Boolean.class).single();
    }

    private String passwordHash(UUID user) {
        return jdbc.sql("select password_hash from registry.user_account where id = :id")
                .param("id", user).query(String.class).single();
    }

    private long users() {
        return jdbc.sql("select count(*) from registry.user_account").query(Long.class).single();
    }

    private long usersNamed(Object username) {
        return jdbc.sql("select count(*) from registry.user_account where lower(username) = lower(:username)")
                .param("username", username).query(Long.class).single();
    }
}
