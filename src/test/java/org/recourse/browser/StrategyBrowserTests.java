package org.recourse.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.intake.IntakeApiFixtures.csv;
import static org.recourse.intake.IntakeApiFixtures.validRows;

import java.time.Duration;
import java.util.List;
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
import org.recourse.strategy.StrategyNight;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PRODUCT.md capability 5 in a real browser: an institution's administrator finds the strategy, activates it from
 * today, and after the night compares its champion and challenger on a chart drawn by ECharts.
 */
@RecourseTest
class StrategyBrowserTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @Test
    void anAdministratorActivatesAStrategyAndComparesItsVariants() {
        IntakeApiFixtures intake = new IntakeApiFixtures(port, jdbc);
        RegistryApiFixtures registry = intake.registry();
        Registration institution = intake.institution();
        intake.load(institution.admin(), "browser-strategy.csv", csv(validRows(intake.sample(43), 1, 20)));
        Response created = registry.post("/api/v1/strategies", Map.of("name", "冠军挑战", "segments", List.of(
                Map.of("name", "全部", "conditions", Map.of(), "steps", List.of(Map.of("dayOffset", 0,
                        "action", "INTERNAL_QUEUE")), "variants", List.of(
                        Map.of("name", "冠军", "percent", 50, "steps", List.of()),
                        Map.of("name", "挑战", "percent", 50, "steps", List.of(Map.of("dayOffset", 1,
                                "action", "VOICE"))))))), institution.admin());
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        UUID id = UUID.fromString(created.json().path("id").asString());

        browser.signIn(institution.admin().username(), institution.admin().password());
        browser.waitForText("#whoami", institution.admin().username());
        browser.click("#nav-strategies");
        browser.find("#strategies tr[data-strategy='" + id + "'] a.button").click();
        browser.waitForText("#active-version", "无");
        browser.click("#activate-submit");
        assertThat(browser.waitForText("#active-version", "v1")).isEqualTo("v1");
        assertThat(browser.find("#notice").getText()).isEqualTo("已设置生效日期。");

        StrategyNight.run(context, institution.id(), intake.today());
        browser.click("#results-link");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(15)).until(ExpectedConditions
                .presenceOfElementLocated(By.cssSelector("#chart-variants canvas, #chart-variants svg")));
        assertThat(browser.driver().findElements(By.cssSelector("#results tr[data-segment]"))).hasSize(2);
        assertThat(browser.find("#results").getText()).contains("冠军", "挑战");
        browser.signOut();
    }
}
