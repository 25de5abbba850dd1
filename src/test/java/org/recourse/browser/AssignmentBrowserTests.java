package org.recourse.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.recourse.RecourseTest;
import org.recourse.allocation.PlacementFixture;
import org.recourse.registry.RegistryApiFixtures.Registration;
import org.recourse.registry.RegistryApiFixtures.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Assignment in a real browser: the agency's administrator goes from the placed cases to the assignment form,
 * previews an even split between two collectors, confirms it; each collector then finds exactly their case under
 * "我的案件".
 */
@RecourseTest
class AssignmentBrowserTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void theAdministratorPreviewsAndConfirmsAndEachCollectorSeesTheirOwn() {
        PlacementFixture fixture = new PlacementFixture(port, jdbc);
        List<UUID> cases = fixture.loadOwed(List.of("800", "200"), List.of(1, 2));
        Registration agency = fixture.agency();
        fixture.placed(fixture.contract(agency), cases);
        User first = fixture.registry.createUser(agency.admin(), "COLLECTOR");
        fixture.registry.createUser(agency.admin(), "COLLECTOR");

        browser.signIn(agency.admin().username(), agency.admin().password());
        browser.waitForText("#whoami", agency.admin().username());
        browser.click("#nav-cases");
        browser.click("#assign-link");
        browser.waitForText("h1", "分案给催收员");
        new Select(browser.find("#mode")).selectByValue("COUNT");
        browser.click("#assign-preview-submit");
        assertThat(browser.waitForText("#preview-summary", "选中 2 件")).contains("新分配 2 件");
        assertThat(browser.driver().findElements(By.cssSelector("#preview-table tr[data-cases='1']"))).hasSize(2);
        assertThat(jdbc.sql("select count(*) from allocation.assignment where agency_id = :agency")
                .param("agency", agency.id()).query(Long.class).single()).isZero();
        browser.click("#assign-confirm");
        browser.waitForText("#assignment-done", "新分配 2 件");
        browser.signOut();

        UUID mine = jdbc.sql("select account_id from allocation.assignment where collector_id = :collector"
                + " and ended_at is null").param("collector", first.id()).query(UUID.class).single();
        browser.signIn(first.login().username(), first.login().password());
        browser.waitForText("#whoami", first.login().username());
        browser.click("#nav-cases");
        browser.waitForText("h1", "我的案件");
        assertThat(browser.driver().findElements(By.cssSelector("#cases tr[data-case]")))
                .extracting(row -> row.getAttribute("data-case")).containsExactly(mine.toString());
        UUID theirs = cases.get(0).equals(mine) ? cases.get(1) : cases.get(0);
        browser.go("/cases/" + theirs);
        assertThat(browser.pageText()).contains("404");
        browser.go("/");
        browser.signOut();
    }
}
