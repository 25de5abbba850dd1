package org.recourse.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.intake.IntakeApiFixtures.csv;
import static org.recourse.intake.IntakeApiFixtures.validRows;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.recourse.RecourseTest;
import org.recourse.intake.IntakeApiFixtures;
import org.recourse.registry.RegistryApiFixtures;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.recourse.registry.RegistryApiFixtures.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * PRODUCT.md capability 8 in a real browser: a compliance officer opens the decision log, sees the denials drawn
 * by ECharts, opens a decision denied in the quiet hours and reads why, in the borrower's local time.
 */
@RecourseTest
class ComplianceBrowserTests extends BrowserTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    JdbcClient jdbc;

    @Test
    void aComplianceOfficerReadsWhyAContactWasDenied() {
        IntakeApiFixtures intake = new IntakeApiFixtures(port, jdbc);
        RegistryApiFixtures registry = intake.registry();
        Registration institution = intake.institution();
        intake.load(institution.admin(), "browser-compliance.csv", csv(validRows(intake.sample(41), 1, 2)));
        UUID caseId = UUID.fromString(registry.get("/api/v1/cases?size=1", institution.admin()).json()
                .path("items").get(0).path("id").asString());
        UUID mobile = null;
        for (JsonNode point : registry.get("/api/v1/cases/" + caseId, institution.admin()).json().path("contactPoints")) {
            if ("BORROWER".equals(point.path("owner").asString()) && "MOBILE".equals(point.path("kind").asString())) {
                mobile = UUID.fromString(point.path("id").asString());
            }
        }
        assertThat(mobile).isNotNull();
        User officer = registry.createUser(institution.admin(), "COMPLIANCE_OFFICER");
        try {
            registry.setClock(LocalDate.now(SHANGHAI).atTime(22, 40).atZone(SHANGHAI).toInstant());
            Response denied = registry.post("/api/v1/compliance/decisions", Map.of("caseId", caseId,
                    "contactPointId", mobile, "channel", "VOICE", "purpose", "COLLECT"), institution.admin());
            assertThat(denied.json().path("outcome").asString()).as(denied.raw()).isEqualTo("DENY");

            browser.signIn(officer.login().username(), officer.login().password());
            browser.waitForText("#whoami", officer.login().username());
            browser.click("#nav-compliance");
            browser.find("#decisions");
            new WebDriverWait(browser.driver(), Duration.ofSeconds(15)).until(ExpectedConditions
                    .presenceOfElementLocated(By.cssSelector("#chart-rules canvas, #chart-rules svg")));
            assertThat(browser.driver().findElements(By.cssSelector("#chart-agencies canvas, #chart-agencies svg")))
                    .isNotEmpty();
            assertThat(browser.find("#denials-by-rule").getText()).contains("CN.QUIET_HOURS");

            browser.click("#decisions tbody tr:first-child .decision-link");
            assertThat(browser.waitForText("#decision-outcome", "拒绝")).contains("拒绝");
            assertThat(browser.find("tr[data-rule='CN.QUIET_HOURS'] .rule-message").getText())
                    .isEqualTo("借款人当地时间 22:40（Asia/Shanghai），处于 22:00–08:00 禁止联系时段内。");
            assertThat(browser.find("#borrower-time").getText()).contains("22:40", "Asia/Shanghai");
            browser.signOut();
        } finally {
            registry.releaseClock();
        }
    }
}
