package org.recourse.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.recourse.RecourseTest;
import org.recourse.registry.RegistryApiFixtures;
import org.recourse.registry.RegistryApiFixtures.Registration;

/**
 * PRODUCT.md capability 6 begins in a real browser: an institution's administrator proposes an entrustment
 * contract to an agency, the agency's administrator accepts it, and the institution sees it in force.
 */
@RecourseTest
class ContractBrowserTests extends BrowserTest {

    @Test
    void anInstitutionProposesTheAgencyAcceptsAndTheInstitutionSeesItInForce() {
        RegistryApiFixtures registry = new RegistryApiFixtures(port);
        Registration institution = registry.registerApproved("INSTITUTION");
        Registration agency = registry.registerApproved("AGENCY");

        browser.signIn(institution.admin().username(), institution.admin().password());
        browser.waitForText("#whoami", institution.admin().username());
        browser.click("#nav-contracts");
        browser.click("#new-contract");
        new Select(browser.find("#agencyId")).selectByValue(agency.id().toString());
        browser.type("#products", "现金贷");
        browser.click("input[name='buckets'][value='M1']");
        browser.click("input[name='buckets'][value='M2']");
        browser.type("input[name='commissionRates.M1']", "0.08");
        browser.type("input[name='commissionRates.M2']", "0.125");
        browser.type("#maxOpenPlacements", "300");
        // A date field types differently in every locale; setting its value is what a person's picker does.
        date("#startDate", "2026-01-01");
        date("#endDate", "2026-12-31");
        browser.click("#contract-submit");
        assertThat(browser.waitForText("#notice", "协议草案已发出")).contains("等待催收机构接受");
        assertThat(browser.find("#contract-status").getText()).isEqualTo("待对方接受");
        UUID contract = UUID.fromString(browser.find("#contract-status").getAttribute("data-contract"));
        assertThat(browser.find("#rates").getText()).contains("M2", "0.125", "12.5%");
        browser.signOut();

        browser.signIn(agency.admin().username(), agency.admin().password());
        browser.waitForText("#whoami", agency.admin().username());
        browser.click("#nav-contracts");
        browser.click("tr[data-contract='" + contract + "'] a");
        browser.waitForText("#contract-institution", institution.name());
        browser.click("#contract-accept");
        assertThat(browser.waitForText("#notice", "已接受协议")).contains("协议生效");
        assertThat(browser.find("#contract-status").getText()).isEqualTo("生效中");
        browser.signOut();

        browser.signIn(institution.admin().username(), institution.admin().password());
        browser.waitForText("#whoami", institution.admin().username());
        browser.click("#nav-contracts");
        assertThat(browser.find("tr[data-contract='" + contract + "'] .badge").getText()).isEqualTo("生效中");
        browser.click("tr[data-contract='" + contract + "'] a");
        assertThat(browser.waitForText("#contract-status", "生效中")).isEqualTo("生效中");
        assertThat(browser.find("#history").getText()).contains("接受协议", agency.admin().username());
        browser.find("#contract-suspend");
        browser.signOut();
    }

    private void date(String cssSelector, String isoDate) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1];",
                browser.find(cssSelector), isoDate);
    }
}
