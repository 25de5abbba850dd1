package org.recourse.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.recourse.RecourseTest;
import org.recourse.allocation.PlacementFixture;
import org.recourse.contact.ContactNight;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.Response;
import org.recourse.registry.RegistryApiFixtures.User;
import org.recourse.strategy.StrategyNight;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * "今日任务" in a real browser: after the night, a collector finds the call planned for their case, asks for the
 * compliance decision from the list and reads the outcome with its rules.
 */
@RecourseTest
class TaskBrowserTests extends BrowserTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    private PlacementFixture fixture;

    @AfterEach
    void releaseTheClock() {
        if (fixture != null) {
            fixture.registry.releaseClock();
        }
    }

    @Test
    void aCollectorAsksForTheDecisionOfTheirCall() {
        fixture = new PlacementFixture(port, jdbc);
        fixture.registry.setClock(LocalDate.now(SHANGHAI).atTime(LocalTime.of(10, 0)).atZone(SHANGHAI).toInstant());
        LocalDate today = fixture.intake.today();
        List<UUID> cases = fixture.load(1);
        Registration agency = fixture.agency();
        UUID placement = fixture.placed(fixture.contract(agency), cases).get(0);
        assertThat(fixture.noticeSent(placement, fixture.registry.clock().minusSeconds(3600), fixture.admin()).status())
                .isEqualTo(200);
        assertThat(fixture.post("/api/v1/compliance/outbound-numbers", Map.of("number", "4008005678", "label", "热线"),
                agency.admin()).status()).isEqualTo(201);
        User collector = fixture.registry.createUser(agency.admin(), "COLLECTOR");
        assertThat(fixture.post("/api/v1/cases/" + cases.get(0) + "/assignment",
                Map.of("collectorId", collector.id().toString()), agency.admin()).status()).isEqualTo(200);
        Response strategy = fixture.post("/api/v1/strategies", Map.of("name", "电话优先", "segments", List.of(Map.of(
                "name", "全部", "conditions", Map.of(), "steps", List.of(Map.of("dayOffset", 0, "action", "VOICE")),
                "variants", List.of()))), fixture.admin());
        assertThat(strategy.status()).as(strategy.raw()).isEqualTo(201);
        assertThat(fixture.post("/api/v1/strategies/" + strategy.json().path("id").asString() + "/activate",
                Map.of("from", today.toString()), fixture.admin()).status()).isEqualTo(200);
        StrategyNight.run(context, fixture.institution.id(), today);
        assertThat(ContactNight.run(context, fixture.institution.id(), today)).isEqualTo(1);

        browser.signIn(collector.login().username(), collector.login().password());
        browser.waitForText("#whoami", collector.login().username());
        browser.click("#nav-tasks");
        browser.waitForText("h1", "今日任务");
        String row = "#tasks tr[data-case='" + cases.get(0) + "']";
        browser.type(row + " input[name='callerNumber']", "4008005678");
        browser.click(row + " button");

        assertThat(browser.waitForText("#decision-outcome", "允许")).isEqualTo("允许");
        assertThat(browser.driver().findElements(By.cssSelector("#decision-rules tr[data-outcome='FAIL']"))).isEmpty();
        assertThat(browser.find("#tasks tr[data-case='" + cases.get(0) + "']").getText()).contains("允许");
        browser.signOut();
    }
}
