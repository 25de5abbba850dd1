package org.recourse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.registry.RegistryApiFixtures.PLATFORM_ADMIN;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The platform operator's review of registrations: list, approve, reject, and who may do it. */
@RecourseTest
class RegistrationReviewApiTests {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @LocalServerPort
    int port;

    private RegistryApiFixtures api;

    @BeforeEach
    void setUp() {
        api = new RegistryApiFixtures(port);
    }

    @Test
    void listsAPendingRegistrationWithTheContactPersonMasked() {
        Registration registration = api.register("AGENCY");

        Response response = api.get("/api/v1/registrations?status=PENDING", PLATFORM_ADMIN);

        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        JsonNode listed = find(response.json(), registration);
        assertThat(listed).as("registration %s in %s", registration.id(), response.raw()).isNotNull();
        assertThat(listed.path("status").asString()).isEqualTo("PENDING");
        assertThat(listed.path("kind").asString()).isEqualTo("AGENCY");
        assertThat(listed.path("name").asString()).isEqualTo(registration.name());
        assertThat(listed.path("unifiedSocialCreditCode").asString()).isEqualTo(registration.creditCode());
        assertThat(listed.path("adminUsername").asString()).isEqualTo(registration.admin().username());
        assertThat(listed.path("contactPhone").asString()).isEqualTo("138****5678");
        assertThat(listed.path("contactName").asString()).isEqualTo("张*");
        assertThat(response.raw()).doesNotContain(RegistryApiFixtures.CONTACT_PHONE);
    }

    @Test
    void listsOnlyRegistrationsInTheAskedStatus() {
        Registration approved = api.registerApproved("INSTITUTION");

        Response pending = api.get("/api/v1/registrations?status=PENDING", PLATFORM_ADMIN);
        Response listedApproved = api.get("/api/v1/registrations?status=APPROVED", PLATFORM_ADMIN);

        assertThat(find(pending.json(), approved)).isNull();
        assertThat(find(listedApproved.json(), approved)).isNotNull();
        listedApproved.json().forEach(each -> assertThat(each.path("status").asString()).isEqualTo("APPROVED"));
    }

    @Test
    void approvesARegistrationAfterWhichItsAdministratorSignsIn() {
        Registration registration = api.register("INSTITUTION");

        Response approved = api.post("/api/v1/registrations/" + registration.id() + "/approve",
                Map.of("reason", "资质齐全"), PLATFORM_ADMIN);

        assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
        assertThat(approved.json().path("status").asString()).isEqualTo("APPROVED");
        assertThat(approved.json().path("decidedAt").isMissingNode()).isFalse();
        Response me = api.get("/api/v1/me", registration.admin());
        assertThat(me.status()).as(me.raw()).isEqualTo(200);
        assertThat(me.json().path("username").asString()).isEqualTo(registration.admin().username());
        assertThat(me.json().path("organisation").path("id").asString()).isEqualTo(registration.id().toString());
        assertThat(me.json().path("organisation").path("name").asString()).isEqualTo(registration.name());
        assertThat(me.json().path("organisation").path("kind").asString()).isEqualTo("INSTITUTION");
        assertThat(me.json().path("roles").isArray()).isTrue();
        assertThat(me.json().path("roles").get(0).asString()).isEqualTo("INSTITUTION_ADMIN");
        assertThat(me.json().path("roles")).hasSize(1);
    }

    @Test
    void approvesWithoutABody() {
        Registration registration = api.register("AGENCY");

        Response approved = api.send("POST", "/api/v1/registrations/" + registration.id() + "/approve", null, null,
                PLATFORM_ADMIN);

        assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
        assertThat(approved.json().path("status").asString()).isEqualTo("APPROVED");
    }

    @Test
    void refusesToRejectWithoutAReason() {
        Registration registration = api.register("AGENCY");
        String reject = "/api/v1/registrations/" + registration.id() + "/reject";

        Response withoutBody = api.send("POST", reject, null, null, PLATFORM_ADMIN);
        Response blankReason = api.post(reject, Map.of("reason", "  "), PLATFORM_ADMIN);

        for (Response response : new Response[] {withoutBody, blankReason}) {
            assertThat(response.status()).as(response.raw()).isEqualTo(400);
            assertThat(response.code()).isEqualTo("validation_failed");
            assertThat(response.fieldErrors()).containsExactly("reason:required");
        }
        assertThat(status(registration)).isEqualTo("PENDING");
    }

    @Test
    void rejectsWithAReasonThatItsAdministratorIsToldAtSignIn() {
        Registration registration = api.register("AGENCY");
        String reason = "营业执照已过期";

        Response rejected = api.post("/api/v1/registrations/" + registration.id() + "/reject",
                Map.of("reason", reason), PLATFORM_ADMIN);

        assertThat(rejected.status()).as(rejected.raw()).isEqualTo(200);
        assertThat(rejected.json().path("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.json().path("decisionReason").asString()).isEqualTo(reason);
        Response me = api.get("/api/v1/me", registration.admin());
        assertThat(me.status()).isEqualTo(401);
        assertThat(me.contentType()).startsWith("application/problem+json");
        assertThat(me.code()).isEqualTo("signin.organisation_rejected");
        assertThat(me.json().path("detail").asString()).contains(reason);
    }

    @Test
    void refusesToDecideARegistrationTwice() {
        Registration registration = api.registerApproved("INSTITUTION");

        Response approvedAgain = api.post("/api/v1/registrations/" + registration.id() + "/approve", Map.of(),
                PLATFORM_ADMIN);
        Response rejectedAfterwards = api.post("/api/v1/registrations/" + registration.id() + "/reject",
                Map.of("reason", "改变主意"), PLATFORM_ADMIN);

        assertThat(approvedAgain.status()).isEqualTo(409);
        assertThat(approvedAgain.code()).isEqualTo("registration.already_decided");
        assertThat(rejectedAfterwards.status()).isEqualTo(409);
        assertThat(rejectedAfterwards.code()).isEqualTo("registration.already_decided");
        assertThat(status(registration)).isEqualTo("APPROVED");
    }

    @Test
    void answersAnUnknownRegistrationWithNotFound() {
        Response response = api.get("/api/v1/registrations/" + java.util.UUID.randomUUID(), PLATFORM_ADMIN);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("registration.not_found");
    }

    @Test
    void answersAMalformedIdOrStatusAsABadRequest() {
        Response badId = api.get("/api/v1/registrations/not-a-uuid", PLATFORM_ADMIN);
        Response badStatus = api.get("/api/v1/registrations?status=MAYBE", PLATFORM_ADMIN);

        for (Response response : new Response[] {badId, badStatus}) {
            assertThat(response.status()).as(response.raw()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.code()).as(response.raw()).isEqualTo("malformed_request");
        }
    }

    @Test
    void forbidsAnInstitutionAdministratorToReviewRegistrations() {
        Login institutionAdmin = api.registerApproved("INSTITUTION").admin();
        Registration pending = api.register("AGENCY");

        Response list = api.get("/api/v1/registrations?status=PENDING", institutionAdmin);
        Response approve = api.post("/api/v1/registrations/" + pending.id() + "/approve", Map.of(), institutionAdmin);
        Response reject = api.post("/api/v1/registrations/" + pending.id() + "/reject", Map.of("reason", "不行"),
                institutionAdmin);

        for (Response response : new Response[] {list, approve, reject}) {
            assertThat(response.status()).as(response.raw()).isEqualTo(403);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.code()).isEqualTo("forbidden");
        }
        assertThat(status(pending)).isEqualTo("PENDING");
    }

    @Test
    void asksAnAnonymousOrWronglyAuthenticatedCallerToSignIn() {
        Response anonymous = api.get("/api/v1/registrations", null);
        // An unknown user rather than the platform administrator with a wrong password, which would count
        // towards locking out the account every test uses.
        Response unknownUser = api.get("/api/v1/registrations",
                new Login(RegistryApiFixtures.unique("nobody"), RegistryApiFixtures.PASSWORD));

        for (Response response : new Response[] {anonymous, unknownUser}) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.code()).isEqualTo("unauthenticated");
        }
    }

    private String status(Registration registration) {
        return api.get("/api/v1/registrations/" + registration.id(), PLATFORM_ADMIN).json().path("status").asString();
    }

    private static JsonNode find(JsonNode list, Registration registration) {
        for (JsonNode each : list) {
            if (each.path("id").asString().equals(registration.id().toString())) {
                return each;
            }
        }
        return null;
    }

    @Test
    void revealsTheContactInFullOnlyToTheOperatorAndAuditsEveryReveal() {
        Registration registration = api.register("INSTITUTION");
        Registration other = api.registerApproved("INSTITUTION");
        String path = "/api/v1/registrations/" + registration.id() + "/contact/reveal";

        assertThat(api.post(path, Map.of(), other.admin()).status()).isEqualTo(403);
        assertThat(api.post(path, Map.of(), null).status()).isEqualTo(401);
        Response revealed = api.post(path, Map.of(), PLATFORM_ADMIN);

        assertThat(revealed.status()).as(revealed.raw()).isEqualTo(200);
        assertThat(revealed.json().path("phone").asString()).isEqualTo(RegistryApiFixtures.CONTACT_PHONE);
        assertThat(revealed.json().path("name").asString()).isEqualTo(RegistryApiFixtures.CONTACT_NAME);
        assertThat(jdbc.sql("""
                select details::text from audit.audit_event
                 where action = 'personal_data.revealed' and organisation_id = :organisation and actor_username = 'admin'
                """).param("organisation", registration.id()).query(String.class).list())
                .singleElement().satisfies(details -> assertThat(details)
                        .contains("contactPhone").doesNotContain(RegistryApiFixtures.CONTACT_PHONE));
    }
}
