package org.jianqun.console.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.console.browser.ConsoleSite.visible;

import java.time.Duration;
import org.jianqun.core.testing.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** An administrator in 管理: a refused import lists its errors by line and column; a good one says what it did. */
class AdminImportsInTheBrowserTest {
    @RegisterExtension
    static final HeadlessChromium browser = new HeadlessChromium();
    @RegisterExtension
    static final ConsoleSite site = new ConsoleSite();

    @Test
    void aRefusedImportShowsItsErrorsAndAGoodOneItsCounts() {
        site.logIn(browser, "admin");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/console/admin");
        assertThat(browser.findAll("[data-menu]")).as("an admin neither reads nor works tickets").hasSize(1);

        visible(browser, "textarea[data-test=import-text]").sendKeys("code,name,level,parent_code\n359901100203,新村,hamlet,359901100\n");
        browser.find("[data-test=import]").click();
        String errors = visible(browser, "[data-test=import-errors]").getText();
        assertThat(errors).contains("2", "level");
        assertThat(browser.find("[data-test=import-problem]").getText()).contains("整份文件未导入");

        // As a person would: select all and type over it (clear() bypasses the page's input events).
        browser.find("textarea[data-test=import-text]").sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        browser.find("textarea[data-test=import-text]").sendKeys("code,name,level,parent_code\n359901100203,新村,village,359901100\n");
        browser.find("[data-test=import]").click();
        browser.await(Duration.ofSeconds(10), ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-test=import-done]"), "新增 1"));
        assertThat(site.get("admin", "/api/v1/regions/359901100203").getString("name")).isEqualTo("新村");
    }
}
