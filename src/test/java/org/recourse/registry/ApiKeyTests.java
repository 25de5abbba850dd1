package org.recourse.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** API keys: issued by administrators for their own organisation's users, shown once, stopped by revocation. */
@RecourseTest
class ApiKeyTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private RegistryApiFixtures registry;
    private Registration institution;

    @BeforeEach
    void anInstitution() {
        registry = new RegistryApiFixtures(port);
        institution = registry.registerApproved("INSTITUTION");
    }

    @Test
    void aKeyActsAsItsUserUntilRevoked() throws Exception {
        RegistryApiFixtures.User dialer = registry.createUser(institution.admin(), "INSTITUTION_OPERATOR");
        Response issued = registry.post("/api/v1/api-keys", Map.of("name", "外呼系统", "userId", dialer.id()),
                institution.admin());

        assertThat(issued.status()).as(issued.raw()).isEqualTo(201);
        String key = issued.json().path("key").asString();
        assertThat(key).startsWith("rk_").hasSizeGreaterThan(40);
        assertThat(withKey("GET", "/api/v1/cases", key).statusCode()).isEqualTo(200);
        // Acting as an operator: the administrator's own work stays refused.
        assertThat(withKey("GET", "/api/v1/users", key).statusCode()).isEqualTo(403);

        JsonNode listed = registry.get("/api/v1/api-keys", institution.admin()).json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).has("key")).isFalse();
        assertThat(key).startsWith(listed.get(0).path("hint").asString());

        String id = issued.json().path("id").asString();
        assertThat(registry.send("DELETE", "/api/v1/api-keys/" + id, null, null, institution.admin()).status())
                .isEqualTo(204);
        HttpResponse<String> revoked = withKey("GET", "/api/v1/cases", key);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(registry.send("DELETE", "/api/v1/api-keys/" + id, null, null, institution.admin()).status())
                .isEqualTo(404);
    }

    @Test
    void aKeyStopsWhenItsUserIsDisabled() throws Exception {
        RegistryApiFixtures.User dialer = registry.createUser(institution.admin(), "INSTITUTION_OPERATOR");
        String key = registry.post("/api/v1/api-keys", Map.of("name", "外呼系统", "userId", dialer.id()),
                institution.admin()).json().path("key").asString();

        // Used first, so that the key's user is remembered (ApiKeys keeps live keys for a few seconds).
        assertThat(withKey("GET", "/api/v1/cases", key).statusCode()).isEqualTo(200);

        Response disabled = registry.post("/api/v1/users/" + dialer.id() + "/disable", Map.of(), institution.admin());
        assertThat(disabled.status()).as(disabled.raw()).isEqualTo(200);

        assertThat(withKey("GET", "/api/v1/cases", key).statusCode()).isEqualTo(401);
    }

    @Test
    void aKeyStopsAtOnceWhenItsUserIsLockedOut() throws Exception {
        RegistryApiFixtures.User dialer = registry.createUser(institution.admin(), "INSTITUTION_OPERATOR");
        String key = registry.post("/api/v1/api-keys", Map.of("name", "外呼系统", "userId", dialer.id()),
                institution.admin()).json().path("key").asString();
        assertThat(withKey("GET", "/api/v1/cases", key).statusCode()).isEqualTo(200);

        RegistryApiFixtures.Login wrong = dialer.login().withPassword("Wrong-Password-2026");
        for (int attempt = 0; attempt < 5; attempt++) {
            assertThat(registry.get("/api/v1/me", wrong).status()).isEqualTo(401);
        }

        assertThat(withKey("GET", "/api/v1/cases", key).statusCode()).isEqualTo(401);
    }

    @Test
    void refusesWrongKeysAndKeysForStrangers() throws Exception {
        assertThat(withKey("GET", "/api/v1/cases", "rk_" + "A".repeat(43)).statusCode()).isEqualTo(401);
        assertThat(withKey("GET", "/api/v1/cases", "not-a-key").statusCode()).isEqualTo(401);

        Registration other = registry.registerApproved("AGENCY");
        RegistryApiFixtures.User stranger = registry.createUser(other.admin(), "COLLECTOR");
        Response forStranger = registry.post("/api/v1/api-keys", Map.of("name", "x", "userId", stranger.id()),
                institution.admin());
        assertThat(forStranger.status()).isEqualTo(400);
        assertThat(forStranger.fieldErrors()).containsExactly("userId:api_key.user_unknown");
        assertThat(registry.post("/api/v1/api-keys", Map.of(), institution.admin()).fieldErrors())
                .containsExactly("name:required");

        Login operator = registry.createUser(institution.admin(), "INSTITUTION_OPERATOR").login();
        assertThat(registry.post("/api/v1/api-keys", Map.of("name", "mine"), operator).status()).isEqualTo(403);
        assertThat(registry.get("/api/v1/api-keys", other.admin()).json()).isEmpty();
        assertThat(UUID.fromString(registry.post("/api/v1/api-keys", Map.of("name", "own"), institution.admin())
                .json().path("userId").asString())).isNotNull();
    }

    private HttpResponse<String> withKey(String method, String path, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
