package org.recourse.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.recourse.RecourseTest;
import org.recourse.intake.SampleAccounts;
import org.recourse.registry.RegistryApiFixtures;
import org.recourse.registry.RegistryApiFixtures.Login;

/**
 * PRODUCT.md capability 2 in a real browser: an institution's administrator uploads a file of overdue accounts,
 * watches it being read, sees how many rows were taken and why the others were refused, and can download them;
 * a file that is not a table at all is refused with the reason on the page.
 */
@RecourseTest
class IntakeBrowserTests extends BrowserTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n',
            0, 0, 0, 0x0D, 'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, (byte) 0xC4, (byte) 0x89};

    @TempDir
    Path dir;

    private RegistryApiFixtures api;

    @BeforeAll
    void connectApi() {
        api = new RegistryApiFixtures(port);
    }

    @BeforeEach
    void signedOut() {
        browser.go("/login");
        browser.driver().manage().deleteAllCookies();
    }

    @Test
    void anInstitutionAdministratorUploadsAFileAndSeesWhatBecameOfEveryRow() throws IOException {
        Login admin = api.registerApproved("INSTITUTION").admin();
        SampleAccounts sample = new SampleAccounts(41, LocalDate.ofInstant(api.clock(), ZoneId.of("Asia/Shanghai")));
        Path file = dir.resolve("overdue-accounts.csv");
        sample.writeCsv(file, 500, 0.01);
        SampleAccounts.Expected expected = sample.expected(500, 0.01);

        browser.signIn(admin.username(), admin.password());
        browser.waitForText("#whoami", admin.username());
        browser.go("/intake");
        browser.find("#upload-form");
        assertThat(browser.find("#template-xlsx").getAttribute("href")).endsWith("/intake/template.xlsx");
        assertThat(browser.find("#template-csv").getAttribute("href")).endsWith("/intake/template.csv");
        browser.driver().findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        browser.click("#upload-submit");

        browser.waitForUrlContaining("/intake/batches/");
        assertThat(browser.waitForText("#batch-status", "已完成")).isEqualTo("已完成");
        assertThat(browser.find("#stat-total").getText()).isEqualTo("500");
        assertThat(browser.find("#stat-accepted").getText()).isEqualTo(Long.toString(expected.valid()));
        assertThat(browser.find("#stat-rejected").getText()).isEqualTo(Long.toString(expected.bad()));
        assertThat(browser.find("#stat-created").getText()).isEqualTo(Long.toString(expected.valid()));
        assertThat(browser.find("#stat-updated").getText()).isEqualTo("0");
        assertThat(browser.driver().findElements(By.cssSelector("#errors tbody tr"))).hasSize((int) expected.bad());
        assertThat(browser.find("#errors tbody tr:first-child").getText())
                .contains("100", sample.badRowAt(100, 0.01).field());
        assertThat(browser.find("#rejected-xlsx").getAttribute("href")).endsWith("/rejected.xlsx");
        assertThat(browser.find("#rejected-csv").getAttribute("href")).endsWith("/rejected.csv");
        assertThat(browser.driver().findElements(By.id("batch-failure"))).isEmpty();

        browser.go("/intake");
        assertThat(browser.find("#batches").getText()).contains("overdue-accounts.csv", "已完成");
        browser.signOut();
    }

    @Test
    void aPictureIsRefusedWithTheReasonOnThePage() throws IOException {
        Login admin = api.registerApproved("INSTITUTION").admin();
        Path picture = Files.write(dir.resolve("photo.png"), PNG);

        browser.signIn(admin.username(), admin.password());
        browser.waitForText("#whoami", admin.username());
        browser.go("/intake");
        browser.driver().findElement(By.id("file")).sendKeys(picture.toAbsolutePath().toString());
        browser.click("#upload-submit");

        browser.waitForUrlContaining("/intake/batches/");
        assertThat(browser.waitForText("#batch-status", "失败")).isEqualTo("失败");
        assertThat(browser.find("#batch-failure").getText()).contains("文件类型不支持");
        assertThat(browser.driver().findElements(By.id("batch-result"))).isEmpty();
        assertThat(browser.driver().findElements(By.id("errors"))).isEmpty();
        browser.signOut();
    }
}
