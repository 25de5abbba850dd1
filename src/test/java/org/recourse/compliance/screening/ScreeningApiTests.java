package org.recourse.compliance.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.registry.RegistryApiFixtures.PLATFORM_ADMIN;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.RecourseTest;
import org.recourse.registry.RegistryApiFixtures;
import org.recourse.registry.RegistryApiFixtures.Login;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/compliance/screenings} as a collector's tool or a compliance officer uses it: any
 * signed-in user of an approved organisation, findings with offsets and category names in the caller's
 * language, and problem details with stable codes for everything it cannot screen.
 */
@RecourseTest
class ScreeningApiTests {

    private static final String SCREENINGS = "/api/v1/compliance/screenings";

    @LocalServerPort
    int port;

    private RegistryApiFixtures api;
    private Login institutionAdmin;

    @BeforeEach
    void anApprovedInstitution() {
        api = new RegistryApiFixtures(port);
        institutionAdmin = api.registerApproved("INSTITUTION").admin();
    }

    @Test
    void answersTheOutcomeWithEachFindingsCategoryRuleAndOffsets() {
        Response response = api.post(SCREENINGS, screening("你再不还钱，小心我找人收拾你", "VOICE", "BORROWER"),
                institutionAdmin);

        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("outcome").asString()).isEqualTo("BLOCK");
        assertThat(body.path("termsVersion").asString()).isEqualTo("1");
        assertThat(body.path("findings")).hasSize(1);
        JsonNode finding = body.path("findings").get(0);
        assertThat(finding.path("category").asString()).isEqualTo("C1");
        assertThat(finding.path("categoryName").asString()).isEqualTo("暴力或威胁");
        assertThat(finding.path("ruleId").asString()).isEqualTo("CONTENT.C1_THREAT");
        assertThat(finding.path("severity").asString()).isEqualTo("BLOCK");
        assertThat(finding.path("start").asInt()).isEqualTo(9);
        assertThat(finding.path("end").asInt()).isEqualTo(14);
        assertThat(finding.path("term").asString()).isEqualTo("找人收拾你");
    }

    @Test
    void allowsAPoliteReminderAndReviewsAWrittenOneWithoutDisclosures() {
        String reminder = "您好，您的账单已到期，请及时处理。";
        assertThat(outcome(api.post(SCREENINGS, screening(reminder, "VOICE", "BORROWER"), institutionAdmin)))
                .isEqualTo("ALLOW");
        Response sms = api.post(SCREENINGS, screening(reminder, "SMS", "BORROWER"), institutionAdmin);
        assertThat(outcome(sms)).isEqualTo("REVIEW");
        assertThat(sms.json().path("findings").get(0).path("start").asInt()).isZero();
        assertThat(sms.json().path("findings").get(0).path("end").asInt()).isZero();
    }

    @Test
    void blocksRevealingTheDebtToAThirdParty() {
        Response response = api.post(SCREENINGS, screening("请转告张三，他的借款已经逾期", "SMS", "THIRD_PARTY"),
                institutionAdmin);

        assertThat(outcome(response)).isEqualTo("BLOCK");
        assertThat(response.json().path("findings").get(0).path("ruleId").asString())
                .isEqualTo("CONTENT.C5_DEBT_TO_THIRD_PARTY");
    }

    @Test
    void namesCategoriesInEnglishWhenAskedFor() throws Exception {
        HttpResponse<String> response = sendWithLanguage(
                RegistryApiFixtures.json(screening("不还就坐牢", "VOICE", "BORROWER")), "en");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(RegistryApiFixtures.parse(response.body()).path("findings").get(0).path("categoryName").asString())
                .isEqualTo("False or exaggerated legal consequences");
    }

    @Test
    void screensForEveryKindOfOrganisationAndRole() {
        Registration agency = api.registerApproved("AGENCY");
        List<Login> users = List.of(institutionAdmin,
                api.createUser(institutionAdmin, "COMPLIANCE_OFFICER").login(),
                agency.admin(),
                api.createUser(agency.admin(), "COLLECTOR").login(),
                PLATFORM_ADMIN);

        for (Login user : users) {
            Response response = api.post(SCREENINGS, screening("请按时还款", "VOICE", "BORROWER"), user);
            assertThat(response.status()).as(user.username() + ": " + response.raw()).isEqualTo(200);
        }
    }

    @Test
    void refusesAnyoneNotSignedIn() {
        Response response = api.post(SCREENINGS, screening("请按时还款", "VOICE", "BORROWER"), null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void refusesTheUsersOfAnOrganisationNotYetApproved() {
        Registration pending = api.register("AGENCY");

        assertThat(api.post(SCREENINGS, screening("请按时还款", "VOICE", "BORROWER"), pending.admin()).status())
                .isEqualTo(401);
    }

    @Test
    void refusesMissingOrBlankTextWithAStableCode() {
        for (String text : new String[] {null, "", "   "}) {
            Response response = api.post(SCREENINGS, screening(text, "SMS", "BORROWER"), institutionAdmin);

            assertThat(response.status()).isEqualTo(422);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.code()).isEqualTo("validation_failed");
            assertThat(response.fieldErrors()).containsExactly("text:required");
        }
    }

    @Test
    void limitsTheTextByChannel() {
        String longText = "请".repeat(2_001);

        Response sms = api.post(SCREENINGS, screening(longText, "SMS", "BORROWER"), institutionAdmin);
        assertThat(sms.status()).isEqualTo(422);
        assertThat(sms.fieldErrors()).containsExactly("text:too_long");

        assertThat(api.post(SCREENINGS, screening(longText, "EMAIL", "BORROWER"), institutionAdmin).status())
                .isEqualTo(200);
        assertThat(api.post(SCREENINGS, screening("请".repeat(20_001), "LETTER", "BORROWER"), institutionAdmin)
                .fieldErrors()).containsExactly("text:too_long");
    }

    @Test
    void reportsAnUnknownChannelAndRecipientTogether() {
        Response response = api.post(SCREENINGS, screening("请按时还款", "FAX", "NEIGHBOUR"), institutionAdmin);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.fieldErrors()).containsExactlyInAnyOrder("channel:screening.channel_unknown",
                "recipient:screening.recipient_unknown");
        assertThat(api.post(SCREENINGS, screening("请按时还款", "sms", "BORROWER"), institutionAdmin).fieldErrors())
                .containsExactly("channel:screening.channel_unknown");
        assertThat(api.post(SCREENINGS, screening("请按时还款", null, null), institutionAdmin).fieldErrors())
                .containsExactlyInAnyOrder("channel:required", "recipient:required");
    }

    @Test
    void answersMalformedJsonAndWrongTypesWithAProblemNotAnError() {
        Response malformed = api.send("POST", SCREENINGS, "application/json", "{\"text\": \"请按时", institutionAdmin);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("malformed_request");

        Response wrongType = api.send("POST", SCREENINGS, "application/json",
                "{\"text\": {\"a\": 1}, \"channel\": \"SMS\", \"recipient\": \"BORROWER\"}", institutionAdmin);
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.code()).isEqualTo("malformed_request");
    }

    private static Map<String, Object> screening(@Nullable String text, @Nullable String channel,
            @Nullable String recipient) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("text", text);
        request.put("channel", channel);
        request.put("recipient", recipient);
        return request;
    }

    private static String outcome(Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json().path("outcome").asString();
    }

    private HttpResponse<String> sendWithLanguage(String body, String language) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + SCREENINGS))
                .header("Content-Type", "application/json")
                .header("Accept-Language", language)
                .header("Authorization", RegistryApiFixtures.basic(institutionAdmin))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
