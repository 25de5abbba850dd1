package org.recourse.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.recourse.intake.IntakeApiFixtures.csv;
import static org.recourse.intake.IntakeApiFixtures.validRows;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.recourse.RecourseTest;
import org.recourse.cases.NightlyRun;
import org.recourse.intake.IntakeApiFixtures;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PRODUCT.md capability 3 in a real browser: an institution's administrator with loaded accounts, after a nightly
 * run, finds a case in the list, opens it, reveals the borrower (htmx, with the CSRF token), sets a hold, and sees
 * the portfolio drawn by ECharts.
 */
@RecourseTest
class CaseBrowserTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @Test
    void anAdministratorWorksACaseAndSeesThePortfolio() {
        IntakeApiFixtures intake = new IntakeApiFixtures(port, jdbc);
        Registration institution = intake.institution();
        intake.load(institution.admin(), "browser-cases.csv", csv(validRows(intake.sample(97), 1, 30)));
        NightlyRun.run(context, institution.id(), intake.today());

        browser.signIn(institution.admin().username(), institution.admin().password());
        browser.waitForText("#whoami", institution.admin().username());
        browser.click("#nav-cases");
        browser.find("#cases");
        assertThat(browser.find("#as-of").getText()).contains(intake.today().toString());
        assertThat(browser.find("#cases tbody tr:first-child .borrower").getText()).contains("*");

        String accountRef = browser.find("#cases tbody tr:first-child .case-link").getText();
        browser.click("#cases tbody tr:first-child .case-link");
        assertThat(browser.waitForText("#case-ref", accountRef)).isEqualTo(accountRef);
        assertThat(browser.find("#borrower-id-number").getText()).contains("*");

        browser.click("#reveal");
        browser.find("#revealed");
        assertThat(browser.find("#borrower-id-number").getText()).doesNotContain("*").hasSize(18);

        new Select(browser.find("#hold-kind")).selectByValue("CEASE_CONTACT");
        browser.type("#hold-reason", "借款人来电要求停止联系");
        browser.click("#hold-submit");
        assertThat(browser.waitForText("#notice", "暂停已设置")).contains("暂停已设置");
        assertThat(browser.find("#holds").getText()).contains("要求停止联系", "借款人来电要求停止联系", "生效中");

        browser.go("/cases");
        browser.click("#portfolio-link");
        browser.find("#chart-buckets");
        new WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(15)).until(ExpectedConditions
                .presenceOfElementLocated(By.cssSelector("#chart-buckets canvas, #chart-buckets svg")));
        assertThat(browser.driver().findElements(By.cssSelector("#chart-rolls canvas, #chart-rolls svg"))).isNotEmpty();
        assertThat(browser.find("#bucket-totals").getText()).contains("M");
        assertThat(browser.driver().findElements(By.id("no-run"))).isEmpty();
        browser.signOut();
    }
}
