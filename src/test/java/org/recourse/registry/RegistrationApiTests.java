package org.recourse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.registry.RegistryApiFixtures.registrationRequest;
import static org.recourse.registry.RegistryApiFixtures.unique;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.recourse.RecourseTest;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.recourse.shared.UnifiedSocialCreditCode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Registration of an institution or agency through {@code POST /api/v1/registrations}. */
@RecourseTest
class RegistrationApiTests {

    private static final String REGISTRATIONS = "/api/v1/registrations";

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
    void registersAnInstitutionAsPendingWithItsAdministrator() {
        Map<String, Object> request = registrationRequest("INSTITUTION");

        Response response = api.post(REGISTRATIONS, request, null);

        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        assertThat(response.json().path("status").asString()).isEqualTo("PENDING");
        UUID id = UUID.fromString(response.json().path("id").asString());
        assertThat(jdbc.sql("select status from registry.organisation where id = :id").param("id", id)
                .query(String.class).single()).isEqualTo("PENDING");
        assertThat(jdbc.sql("""
                select role from registry.user_account where organisation_id = :id and username = :username
                """).param("id", id).param("username", request.get("adminUsername"))
                .query(String.class).single()).isEqualTo("INSTITUTION_ADMIN");
    }

    @Test
    void storesTheContactPersonEncryptedAndThePasswordHashed() {
        Map<String, Object> request = registrationRequest("AGENCY");

        UUID id = UUID.fromString(api.post(REGISTRATIONS, request, null).json().path("id").asString());

        Map<String, Object> stored = jdbc.sql("""
                select o.contact_name_enc, o.contact_phone_enc, u.password_hash, u.role
                  from registry.organisation o join registry.user_account u on u.organisation_id = o.id
                 where o.id = :id
                """).param("id", id).query().singleRow();
        assertThat(stored.get("contact_phone_enc").toString()).doesNotContain(RegistryApiFixtures.CONTACT_PHONE);
        assertThat(stored.get("contact_name_enc").toString()).doesNotContain(RegistryApiFixtures.CONTACT_NAME);
        assertThat(stored.get("password_hash").toString()).startsWith("{argon2}")
                .doesNotContain(RegistryApiFixtures.PASSWORD);
        assertThat(stored.get("role")).isEqualTo("AGENCY_ADMIN");
    }

    static Stream<Arguments> invalidRegistrations() {
        String validCode = UnifiedSocialCreditCode.withCheckCharacter("91350100M000100Y4");
        String wrongCheckCharacter = validCode.substring(0, 17) + (validCode.charAt(17) == '0' ? '1' : '0');
        return Stream.of(
                invalid("kind missing", r -> r.remove("kind"), "kind", "required"),
                invalid("kind unknown", r -> r.put("kind", "BANK"), "kind", "kind.unknown"),
                invalid("name missing", r -> r.remove("name"), "name", "required"),
                invalid("name blank", r -> r.put("name", "   "), "name", "required"),
                invalid("name of one character", r -> r.put("name", "甲"), "name", "too_short"),
                invalid("name of 10,000 characters", r -> r.put("name", "名".repeat(10_000)), "name", "too_long"),
                invalid("script in name", r -> r.put("name", "<script>alert(1)</script>"), "name",
                        "markup_not_allowed"),
                invalid("credit code missing", r -> r.remove("unifiedSocialCreditCode"), "unifiedSocialCreditCode",
                        "required"),
                invalid("credit code with I", r -> r.put("unifiedSocialCreditCode", "91350100M000100Y4I"),
                        "unifiedSocialCreditCode", "credit_code.format"),
                invalid("credit code with Z", r -> r.put("unifiedSocialCreditCode", "91350100M000100Y4Z"),
                        "unifiedSocialCreditCode", "credit_code.format"),
                invalid("credit code of 17 characters", r -> r.put("unifiedSocialCreditCode", "91350100M000100Y4"),
                        "unifiedSocialCreditCode", "credit_code.format"),
                invalid("credit code with wrong check character",
                        r -> r.put("unifiedSocialCreditCode", wrongCheckCharacter),
                        "unifiedSocialCreditCode", "credit_code.checksum"),
                invalid("licence number missing", r -> r.remove("licenceNumber"), "licenceNumber", "required"),
                invalid("licence number of 65 characters", r -> r.put("licenceNumber", "L".repeat(65)),
                        "licenceNumber", "too_long"),
                invalid("contact name missing", r -> r.remove("contactName"), "contactName", "required"),
                invalid("contact name of 51 characters", r -> r.put("contactName", "张".repeat(51)), "contactName",
                        "too_long"),
                invalid("script in contact name", r -> r.put("contactName", "<script>alert(1)</script>"),
                        "contactName", "markup_not_allowed"),
                invalid("contact phone missing", r -> r.remove("contactPhone"), "contactPhone", "required"),
                invalid("contact phone not a number", r -> r.put("contactPhone", "12345"), "contactPhone",
                        "phone.format"),
                invalid("contact phone of 12 digits", r -> r.put("contactPhone", "138123456789"), "contactPhone",
                        "phone.format"),
                invalid("username missing", r -> r.remove("adminUsername"), "adminUsername", "required"),
                invalid("username of two characters", r -> r.put("adminUsername", "ab"), "adminUsername",
                        "username.format"),
                invalid("username starting with a dash", r -> r.put("adminUsername", "-" + unique("u")),
                        "adminUsername", "username.format"),
                invalid("username with a space", r -> r.put("adminUsername", "bad name"), "adminUsername",
                        "username.format"),
                invalid("username of 33 characters", r -> r.put("adminUsername", "u".repeat(33)), "adminUsername",
                        "username.format"),
                invalid("password missing", r -> r.remove("adminPassword"), "adminPassword", "required"),
                invalid("password of 11 characters", r -> r.put("adminPassword", "Short-pw-11"), "adminPassword",
                        "password.too_short"),
                invalid("password of 129 characters", r -> r.put("adminPassword", "P".repeat(129)), "adminPassword",
                        "too_long"),
                invalid("password containing the username", r -> {
                    r.put("adminUsername", "Operator" + unique("x"));
                    r.put("adminPassword", "my-" + r.get("adminUsername").toString().toLowerCase() + "-pass");
                }, "adminPassword", "password.contains_username"));
    }

    private static Arguments invalid(String description, Consumer<Map<String, Object>> change, String field,
                                     String code) {
        return Arguments.of(description, change, field, code);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRegistrations")
    void refusesAnInvalidFieldAndChangesNothing(String description, Consumer<Map<String, Object>> change,
                                                String field, String code) {
        Map<String, Object> request = registrationRequest("INSTITUTION");
        change.accept(request);
        long organisations = organisations();
        long users = users();

        Response response = api.post(REGISTRATIONS, request, null);

        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo("validation_failed");
        assertThat(response.fieldErrors()).containsExactly(field + ":" + code);
        assertThat(response.json().path("errors").get(0).path("message").asString()).isNotBlank();
        // The problem never echoes what was typed: it may be markup or personal data.
        assertThat(response.raw()).doesNotContain("<script>").doesNotContain("名名名");
        assertThat(organisations()).isEqualTo(organisations);
        assertThat(users()).isEqualTo(users);
    }

    @Test
    void reportsEveryMissingFieldAtOnce() {
        long organisations = organisations();

        Response response = api.post(REGISTRATIONS, Map.of(), null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.fieldErrors()).containsExactlyInAnyOrder("kind:required", "name:required",
                "unifiedSocialCreditCode:required", "licenceNumber:required", "contactName:required",
                "contactPhone:required", "adminUsername:required", "adminPassword:required");
        assertThat(organisations()).isEqualTo(organisations);
    }

    @Test
    void refusesASecondRegistrationOfTheSameCreditCode() {
        Map<String, Object> first = registrationRequest("INSTITUTION");
        assertThat(api.post(REGISTRATIONS, first, null).status()).isEqualTo(201);
        Map<String, Object> second = registrationRequest("AGENCY");
        second.put("unifiedSocialCreditCode", first.get("unifiedSocialCreditCode"));
        long organisations = organisations();

        Response response = api.post(REGISTRATIONS, second, null);

        assertThat(response.status()).as(response.raw()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("registration.credit_code_taken");
        assertThat(response.fieldErrors()).containsExactly("unifiedSocialCreditCode:credit_code.taken");
        assertThat(usersNamed(second.get("adminUsername"))).isZero();
        assertThat(organisations()).isEqualTo(organisations);
    }

    @Test
    void refusesACreditCodeTakenEvenWhenTypedInLowerCase() {
        Map<String, Object> first = registrationRequest("INSTITUTION");
        assertThat(api.post(REGISTRATIONS, first, null).status()).isEqualTo(201);
        Map<String, Object> second = registrationRequest("INSTITUTION");
        second.put("unifiedSocialCreditCode", " " + first.get("unifiedSocialCreditCode").toString().toLowerCase() + " ");

        Response response = api.post(REGISTRATIONS, second, null);

        assertThat(response.status()).as(response.raw()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("registration.credit_code_taken");
    }

    @Test
    void refusesAUsernameTakenInAnotherCaseAndCreatesNoOrganisation() {
        Map<String, Object> first = registrationRequest("INSTITUTION");
        assertThat(api.post(REGISTRATIONS, first, null).status()).isEqualTo(201);
        Map<String, Object> second = registrationRequest("AGENCY");
        second.put("adminUsername", first.get("adminUsername").toString().toUpperCase());
        long users = users();

        Response response = api.post(REGISTRATIONS, second, null);

        assertThat(response.status()).as(response.raw()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("user.username_taken");
        assertThat(response.fieldErrors()).containsExactly("adminUsername:username.taken");
        assertThat(jdbc.sql("select count(*) from registry.organisation where credit_code = :code")
                .param("code", second.get("unifiedSocialCreditCode")).query(Long.class).single()).isZero();
        assertThat(users()).isEqualTo(users);
    }

    @Test
    void answersMalformedJsonWithAProblem() {
        long organisations = organisations();

        Response response = api.send("POST", REGISTRATIONS, "application/json", "{\"kind\": \"INSTITUTION\", ", null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo("malformed_request");
        assertThat(organisations()).isEqualTo(organisations);
    }

    @Test
    void answersAFieldOfTheWrongJsonTypeAsMalformed() {
        Map<String, Object> request = registrationRequest("INSTITUTION");
        request.put("name", Map.of("first", "x"));

        Response response = api.post(REGISTRATIONS, request, null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("malformed_request");
    }

    @Test
    void refusesAPlainTextBodyAsUnsupportedMediaType() {
        long organisations = organisations();

        Response response = api.send("POST", REGISTRATIONS, "text/plain",
                RegistryApiFixtures.json(registrationRequest("INSTITUTION")), null);

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).as(response.raw()).isEqualTo("unsupported_media_type");
        assertThat(organisations()).isEqualTo(organisations);
    }

    @Test
    void answersAnUnsupportedMethodWithAProblem() {
        Response response = api.send("DELETE", REGISTRATIONS, null, null, RegistryApiFixtures.PLATFORM_ADMIN);

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.contentType()).as(response.raw()).startsWith("application/problem+json");
        assertThat(response.code()).as(response.raw()).isEqualTo("method_not_allowed");
    }

    @Test
    void letsExactlyOneOfEightConcurrentRegistrationsOfACreditCodeThrough() throws Exception {
        String creditCode = RegistryApiFixtures.freshCreditCode();
        int attempts = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            for (int i = 0; i < attempts; i++) {
                Map<String, Object> request = registrationRequest(i % 2 == 0 ? "INSTITUTION" : "AGENCY");
                request.put("unifiedSocialCreditCode", creditCode);
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.post(REGISTRATIONS, request, null);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                Response response = answer.get(60, TimeUnit.SECONDS);
                statuses.add(response.status());
                if (response.status() == 409) {
                    assertThat(response.code()).isEqualTo("registration.credit_code_taken");
                }
            }
            assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
            assertThat(statuses).filteredOn(status -> status == 409).hasSize(attempts - 1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("""
                select count(*) from registry.user_account u join registry.organisation o on o.id = u.organisation_id
                 where o.credit_code = :code
                """).param("code", creditCode).query(Long.class).single()).isEqualTo(1);
    }

    private long organisations() {
        return jdbc.sql("select count(*) from registry.organisation").query(Long.class).single();
    }

    private long users() {
        return jdbc.sql("select count(*) from registry.user_account").query(Long.class).single();
    }

    private long usersNamed(Object username) {
        return jdbc.sql("select count(*) from registry.user_account where lower(username) = lower(:username)")
                .param("username", username).query(Long.class).single();
    }
}
