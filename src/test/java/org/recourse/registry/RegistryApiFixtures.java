package org.recourse.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import org.recourse.shared.UnifiedSocialCreditCode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * Drives the registry's JSON API over real HTTP for the API tests: registers institutions and agencies,
 * approves them as the platform administrator, creates users, and reads and sets the test clock. Every
 * registration gets a fresh credit code and usernames, because all tests share one database.
 */
public final class RegistryApiFixtures {

    public static final Login PLATFORM_ADMIN = new Login("admin", "Platform-Admin-2026");
    public static final String PASSWORD = "Str0ng-Passphrase-2026";
    public static final String CONTACT_NAME = "张三";
    public static final String CONTACT_PHONE = "13812345678";

    private static final String CODE_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final String SUFFIX_CHARACTERS = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final int port;

    public RegistryApiFixtures(int port) {
        this.port = port;
    }

    /** A username and the password that goes with it. */
    public record Login(String username, String password) {

        public Login withPassword(String other) {
            return new Login(username, other);
        }
    }

    /** An organisation registered through the API, with the administrator named in its registration. */
    public record Registration(UUID id, String kind, String name, String creditCode, Login admin) {
    }

    /** A user an administrator created, with the id the API gave it. */
    public record User(UUID id, Login login) {
    }

    /** An HTTP answer: the status, the content type and the body, parsed if it is JSON. */
    public record Response(int status, String contentType, String raw, JsonNode json) {

        public String code() {
            return json.path("code").asString();
        }

        /** Each {@code field:code} pair in a validation problem's {@code errors}. */
        public java.util.List<String> fieldErrors() {
            java.util.List<String> pairs = new java.util.ArrayList<>();
            json.path("errors").forEach(error -> pairs.add(error.path("field").asString() + ":"
                    + error.path("code").asString()));
            return pairs;
        }
    }

    // --- test data -------------------------------------------------------------------------------------

    /** A valid unified social credit code not used before (random 17 characters plus the check character). */
    public static String freshCreditCode() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder first17 = new StringBuilder("91");
        for (int i = 0; i < 6; i++) {
            first17.append(random.nextInt(10));
        }
        for (int i = 0; i < 9; i++) {
            first17.append(CODE_CHARACTERS.charAt(random.nextInt(CODE_CHARACTERS.length())));
        }
        return UnifiedSocialCreditCode.withCheckCharacter(first17.toString());
    }

    /** A username (or any name) unique to this run: the prefix, a dash and ten random characters. */
    public static String unique(String prefix) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder name = new StringBuilder(prefix).append('-');
        for (int i = 0; i < 10; i++) {
            name.append(SUFFIX_CHARACTERS.charAt(random.nextInt(SUFFIX_CHARACTERS.length())));
        }
        return name.toString();
    }

    /** A complete, valid registration request with fresh credit code and username, ready to be altered. */
    public static Map<String, Object> registrationRequest(String kind) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("kind", kind);
        request.put("name", unique("测试机构"));
        request.put("unifiedSocialCreditCode", freshCreditCode());
        request.put("licenceNumber", "LIC-" + unique("x"));
        request.put("contactName", CONTACT_NAME);
        request.put("contactPhone", CONTACT_PHONE);
        request.put("adminUsername", unique(kind.substring(0, 3).toLowerCase(java.util.Locale.ROOT)));
        request.put("adminPassword", PASSWORD);
        return request;
    }

    public static String basic(Login login) {
        String pair = login.username() + ":" + login.password();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    // --- registry flows --------------------------------------------------------------------------------

    /** Registers a new organisation of {@code kind} ({@code INSTITUTION} or {@code AGENCY}); it stays PENDING. */
    public Registration register(String kind) {
        Map<String, Object> request = registrationRequest(kind);
        Response response = post("/api/v1/registrations", request, null);
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return new Registration(UUID.fromString(response.json().path("id").asString()), kind,
                (String) request.get("name"), (String) request.get("unifiedSocialCreditCode"),
                new Login((String) request.get("adminUsername"), PASSWORD));
    }

    /** Registers an organisation and has the platform administrator approve it. */
    public Registration registerApproved(String kind) {
        Registration registration = register(kind);
        approve(registration.id());
        return registration;
    }

    public void approve(UUID registration) {
        Response response = post("/api/v1/registrations/" + registration + "/approve", Map.of(), PLATFORM_ADMIN);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
    }

    /** Has {@code admin} create a user with {@code role} in the admin's organisation. */
    public User createUser(Login admin, String role) {
        String username = unique(role.substring(0, 4).toLowerCase(java.util.Locale.ROOT));
        Response response = post("/api/v1/users",
                Map.of("username", username, "displayName", "测试用户", "password", PASSWORD, "role", role), admin);
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return new User(UUID.fromString(response.json().path("id").asString()), new Login(username, PASSWORD));
    }

    // --- the platform clock (test mode) ----------------------------------------------------------------

    public Instant clock() {
        Response response = get("/api/v1/test/clock", null);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return Instant.parse(response.json().path("instant").asString());
    }

    public void setClock(Instant instant) {
        Response response = put("/api/v1/test/clock", Map.of("instant", instant.toString()));
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
    }

    /** Lets the platform clock follow the system clock again, as it does before any test sets it. */
    public void releaseClock() {
        Response response = send("DELETE", "/api/v1/test/clock", null, null, null);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
    }

    // --- HTTP ------------------------------------------------------------------------------------------

    public Response get(String path, @Nullable Login login) {
        return send("GET", path, null, null, login);
    }

    public Response post(String path, Object body, @Nullable Login login) {
        return send("POST", path, "application/json", json(body), login);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, "application/json", json(body), null);
    }

    public Response put(String path, Object body, @Nullable Login login) {
        return send("PUT", path, "application/json", json(body), login);
    }

    /** Sends {@code body} as is, with the given content type (null: none), for malformed-request cases. */
    public Response send(String method, String path, @Nullable String contentType, @Nullable String body,
                         @Nullable Login login) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (login != null) {
            request.header("Authorization", basic(login));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String raw = response.body();
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    raw, parse(raw));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response body as JSON, or a missing node when it is empty or not JSON (an HTML error page, say). */
    public static JsonNode parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(raw);
        } catch (RuntimeException notJson) {
            return MissingNode.getInstance();
        }
    }
}
