package org.recourse.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.recourse.RecourseTest;
import org.recourse.allocation.PlacementFixture;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PRODUCT.md capability 6 in a real browser: an institution's administrator ticks cases on the case list and
 * places them with an agency, records the borrower's notice and recalls one; the agency's administrator then
 * finds exactly the case still placed among its cases.
 */
@RecourseTest
class PlacementBrowserTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void anInstitutionPlacesTickedCasesRecordsTheNoticeRecallsOneAndTheAgencySeesTheOther() {
        PlacementFixture fixture = new PlacementFixture(port, jdbc);
        List<UUID> cases = fixture.load(2);
        Registration agency = fixture.agency();
        UUID contract = fixture.contract(agency);

        browser.signIn(fixture.admin().username(), fixture.admin().password());
        browser.waitForText("#whoami", fixture.admin().username());
        browser.click("#nav-cases");
        for (UUID caseId : cases) {
            browser.click("tr[data-case='" + caseId + "'] input.place-case");
        }
        new Select(browser.find("#place-contract")).selectByValue(contract.toString());
        browser.click("#place-submit");
        assertThat(browser.waitForText("#outcome-counts", "已委外 2 件案件")).contains("0 件未委外");
        assertThat(browser.driver().findElements(By.cssSelector("#placements tr[data-status='LIVE']"))).hasSize(2);

        String notice = "tr[data-case='" + cases.get(0) + "'] .notice-form";
        String minute = LocalDateTime.ofInstant(fixture.registry.clock(), ZoneId.of("Asia/Shanghai"))
                .minusMinutes(5).truncatedTo(ChronoUnit.MINUTES).toString();
        // A date-time field types differently in every locale; setting its value is what a person's picker does.
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1];",
                browser.find(notice + " input[name='sentAt']"), minute);
        new Select(browser.find(notice + " select[name='channel']")).selectByValue("LETTER");
        browser.click(notice + " button");
        browser.waitForText("#notice", "已记录委外告知");
        assertThat(browser.find("tr[data-case='" + cases.get(0) + "'] .notice-sent").getText()).contains("LETTER");

        browser.type("tr[data-case='" + cases.get(1) + "'] .recall-form input[name='reason']", "借款人投诉，机构自行处理");
        browser.click("tr[data-case='" + cases.get(1) + "'] .recall-form button");
        browser.waitForText("#notice", "案件已收回");
        assertThat(browser.find("tr[data-case='" + cases.get(1) + "']").getText()).contains("已收回", "借款人投诉");
        browser.signOut();

        browser.signIn(agency.admin().username(), agency.admin().password());
        browser.waitForText("#whoami", agency.admin().username());
        browser.click("#nav-cases");
        browser.waitForText("h1", "在委案件");
        assertThat(browser.driver().findElements(By.cssSelector("#cases tr[data-case]")))
                .extracting(row -> row.getAttribute("data-case")).containsExactly(cases.get(0).toString());
        browser.click("tr[data-case='" + cases.get(0) + "'] a.case-link");
        browser.find("#case-ref");
        assertThat(browser.driver().findElements(By.cssSelector("#status-form, #hold-form, #reveal"))).isEmpty();
        browser.go("/cases/" + cases.get(1));
        assertThat(browser.pageText()).contains("404");
        browser.go("/");
        browser.signOut();
    }
}
