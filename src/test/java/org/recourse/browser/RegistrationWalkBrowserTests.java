package org.recourse.browser;

import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.recourse.RecourseTest;
import org.recourse.shared.UnifiedSocialCreditCode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The story of PRODUCT.md capability 1 in a real browser: an institution registers → the platform administrator
 * approves it → its administrator signs in → creates a collector → the collector signs in. And the unhappy
 * turns a person meets on the way: a wrong form, a pending organisation, a rejected one.
 */
@RecourseTest
class RegistrationWalkBrowserTests extends BrowserTest {

    private static final String ADMIN_PASSWORD = "Platform-Admin-2026";
    private static final String CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    @Autowired
    JdbcClient jdbc;

    @Test
    void institutionRegistersIsApprovedAndItsCollectorSignsIn() {
        String suffix = suffix();
        String name = "星河消费金融有限公司" + suffix;
        String adminUsername = "xinghe-admin-" + suffix;
        String adminPassword = "Xinghe-Strong-Pass-1";

        browser.go("/register");
        browser.click("#kind-institution");
        browser.type("#name", name);
        browser.type("#unifiedSocialCreditCode", creditCode());
        browser.type("#licenceNumber", "XF-" + suffix);
        browser.type("#contactName", "王小明");
        browser.type("#contactPhone", "13812345678");
        browser.type("#adminUsername", adminUsername);
        browser.type("#adminPassword", adminPassword);
        browser.click("#register-submit");
        browser.waitForText("#submitted-heading", "入驻申请已提交");

        // Before approval the administrator is told why they cannot sign in.
        browser.signIn(adminUsername, adminPassword);
        assertThat(browser.waitForText("#signin-error", "审核")).contains("正在审核中");

        browser.signIn("admin", ADMIN_PASSWORD);
        browser.waitForText("#whoami", "admin");
        browser.click("#nav-registrations");
        browser.find("tr[data-name='" + name + "'] a").click();
        browser.waitForText("h1", name);
        assertThat(browser.pageText()).contains("138****5678").doesNotContain("13812345678");
        // The operator must call the contact to verify: a reveal shows the number and is audited.
        browser.click("#reveal-contact");
        assertThat(browser.waitForText("#contact-phone", "138")).isEqualTo("13812345678");
        assertThat(jdbc.sql("select count(*) from audit.audit_event where action = 'personal_data.revealed' "
                + "and actor_username = 'admin' and subject like :subject")
                .param("subject", "organisation/%/contact").query(Long.class).single()).isPositive();
        browser.click("#approve");
        browser.waitForText("#notice", "已通过");
        browser.signOut();

        browser.signIn(adminUsername, adminPassword);
        browser.waitForText("#whoami", adminUsername);
        assertThat(browser.find("#home-role").getText()).isEqualTo("机构管理员");
        browser.click("#nav-users");
        browser.click("#new-user");
        String operator = "xinghe-op-" + suffix;
        browser.type("#username", operator);
        browser.type("#displayName", "李催收");
        new org.openqa.selenium.support.ui.Select(browser.find("#role")).selectByValue("INSTITUTION_OPERATOR");
        browser.type("#password", "Operator-Pass-2026");
        browser.click("#user-submit");
        browser.waitForText("#notice", "用户已创建");
        assertThat(browser.find("tr[data-username='" + operator + "']").getText()).contains("机构操作员");
        browser.signOut();

        browser.signIn(operator, "Operator-Pass-2026");
        browser.waitForText("#whoami", operator);
        assertThat(browser.find("#home-organisation").getText()).isEqualTo(name);
        assertThat(browser.driver().findElements(By.id("nav-users"))).isEmpty();
        browser.signOut();
    }

    @Test
    void agencyAdministratorCreatesACollectorWhoSignsIn() {
        String suffix = suffix();
        String name = "安信催收服务有限公司" + suffix;
        String adminUsername = "anxin-admin-" + suffix;
        register("#kind-agency", name, adminUsername, "Anxin-Strong-Pass-1");
        approveAsPlatformAdmin(name);

        browser.signIn(adminUsername, "Anxin-Strong-Pass-1");
        browser.waitForText("#whoami", adminUsername);
        browser.go("/organisation/users/new");
        String collector = "anxin-c-" + suffix;
        browser.type("#username", collector);
        browser.type("#displayName", "赵催收");
        new org.openqa.selenium.support.ui.Select(browser.find("#role")).selectByValue("COLLECTOR");
        browser.type("#password", "Collector-Pass-2026");
        browser.click("#user-submit");
        browser.waitForText("#notice", "用户已创建");
        browser.signOut();

        browser.signIn(collector, "Collector-Pass-2026");
        browser.waitForText("#whoami", collector);
        assertThat(browser.find("#home-role").getText()).isEqualTo("催收员");
        browser.signOut();
    }

    @Test
    void aWrongFormExplainsEachFieldAndStoresNothing() {
        long organisationsBefore = count("registry.organisation");
        long usersBefore = count("registry.user_account");

        browser.go("/register");
        browser.type("#name", "<script>alert('x')</script>");
        browser.type("#unifiedSocialCreditCode", "91350100M000100Y44");
        browser.type("#contactPhone", "12345");
        browser.type("#adminUsername", "weak-" + suffix());
        browser.type("#adminPassword", "short");
        browser.click("#register-submit");

        browser.find("#form-errors");
        assertThat(browser.find("#name-error").getText()).contains("HTML");
        assertThat(browser.find("#unifiedSocialCreditCode-error").getText()).contains("校验位");
        assertThat(browser.find("#contactPhone-error").getText()).contains("手机号");
        assertThat(browser.find("#adminPassword-error").getText()).contains("12");
        assertThat(browser.find("#contactName-error").getText()).contains("必填");
        assertThat(count("registry.organisation")).isEqualTo(organisationsBefore);
        assertThat(count("registry.user_account")).isEqualTo(usersBefore);
        // What was typed comes back (escaped), except the password.
        assertThat(browser.find("#name").getAttribute("value")).isEqualTo("<script>alert('x')</script>");
        assertThat(browser.find("#adminPassword").getAttribute("value")).isEmpty();
    }

    @Test
    void aRejectedOrganisationIsToldTheReasonAtSignIn() {
        String suffix = suffix();
        String name = "远山小额贷款有限公司" + suffix;
        String adminUsername = "yuanshan-" + suffix;
        register("#kind-institution", name, adminUsername, "Yuanshan-Strong-Pass-1");

        browser.signIn("admin", ADMIN_PASSWORD);
        browser.waitForText("#whoami", "admin");
        browser.go("/platform/registrations");
        browser.find("tr[data-name='" + name + "'] a").click();
        browser.click("#reject");
        // A rejection needs a reason: the form says so and the registration stays pending.
        browser.waitForText(".field.has-error .error", "必填");
        browser.type("#reason", "营业执照与信用代码不符");
        browser.click("#reject");
        browser.waitForText("#notice", "已驳回");
        browser.signOut();

        browser.signIn(adminUsername, "Yuanshan-Strong-Pass-1");
        assertThat(browser.waitForText("#signin-error", "驳回")).contains("营业执照与信用代码不符");
    }

    @Test
    void theLanguageSwitchShowsEnglish() {
        browser.go("/login?lang=en");
        assertThat(browser.waitForText("h1", "Sign in")).isEqualTo("Sign in to Recourse");
        browser.go("/login?lang=zh_CN");
        assertThat(browser.waitForText("h1", "登录")).isEqualTo("登录催收协作平台");
    }

    private void register(String kind, String name, String adminUsername, String password) {
        browser.go("/register");
        browser.click(kind);
        browser.type("#name", name);
        browser.type("#unifiedSocialCreditCode", creditCode());
        browser.type("#licenceNumber", "LIC-" + suffix());
        browser.type("#contactName", "陈联系");
        browser.type("#contactPhone", "010-88886666");
        browser.type("#adminUsername", adminUsername);
        browser.type("#adminPassword", password);
        browser.click("#register-submit");
        browser.waitForText("#submitted-heading", "已提交");
    }

    private void approveAsPlatformAdmin(String name) {
        browser.signIn("admin", ADMIN_PASSWORD);
        browser.waitForText("#whoami", "admin");
        browser.go("/platform/registrations");
        browser.find("tr[data-name='" + name + "'] a").click();
        browser.click("#approve");
        browser.waitForText("#notice", "已通过");
        browser.signOut();
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private static String suffix() {
        return Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 999_999));
    }

    private static String creditCode() {
        StringBuilder prefix = new StringBuilder("91");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 6; i++) {
            prefix.append(random.nextInt(10));
        }
        for (int i = 0; i < 9; i++) {
            prefix.append(CHARSET.charAt(random.nextInt(CHARSET.length())));
        }
        return UnifiedSocialCreditCode.withCheckCharacter(prefix.toString());
    }
}
