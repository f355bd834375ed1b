package org.jianqun.console.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.console.browser.ConsoleSite.visible;

import java.time.Duration;
import java.util.List;
import org.jianqun.core.testing.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A village cadre in a real headless Chromium at 1366×768: logs in, finds the villager's complaint in 工单, claims it
 * and resolves it with the buttons the ticket offers, and the platform holds the ticket as the page showed it.
 * Also what every page must be: readable (16 px body text, Chinese glyphs drawn) and deaf to scripts from elsewhere.
 */
class CadreWorksATicketInTheBrowserTest {
    @RegisterExtension
    static final HeadlessChromium browser = new HeadlessChromium();
    @RegisterExtension
    static final ConsoleSite site = new ConsoleSite();

    @Test
    void aCadreClaimsAndResolvesAComplaint() {
        long no = site.complaint("村口路灯坏了三天，晚上看不见路");
        site.logIn(browser, "cadre");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/console/tickets");

        WebElement link = visible(browser, "[data-ticket='" + no + "']");
        assertThat(browser.find(".el-table").getText()).contains("村口路灯坏了三天", "待认领");
        link.click();
        browser.await(ExpectedConditions.urlContains("/console/tickets/" + no));
        assertThat(visible(browser, "[data-test=content]").getText()).isEqualTo("村口路灯坏了三天，晚上看不见路");
        // A cadre handles a village-level ticket; rejecting is not a village's to do, and rating is the complainant's.
        assertThat(commands()).contains("claim", "escalate", "tier", "urge").doesNotContain("reject", "rate", "resolve");

        visible(browser, "[data-command=claim]").click();
        visible(browser, ".el-message-box__btns .el-button--primary").click();
        awaitState("claimed");
        assertThat(commands()).contains("resolve").doesNotContain("claim");

        browser.find("[data-command=resolve]").click();
        visible(browser, "textarea[data-test=command-text]").sendKeys("已更换路灯，当晚恢复照明");
        browser.find("[data-test=command-confirm]").click();
        awaitState("resolved");
        assertThat(browser.find(".el-timeline").getText()).contains("认领", "办结", "已更换路灯，当晚恢复照明");

        var ticket = site.get("cadre", "/api/v1/tickets/" + no);
        assertThat(ticket.getString("state")).isEqualTo("resolved");
        assertThat(ticket.getString("resolution")).isEqualTo("已更换路灯，当晚恢复照明");
        assertThat(ticket.getString("handler")).isEqualTo("东岭村干部");
    }

    @Test
    void everyTextIsLargeEnoughAndDrawnInChinese() {
        site.complaint("垃圾站三天没清运");
        site.logIn(browser, "cadre");
        visible(browser, ".el-table__body td");
        assertThat(browser.viewport().getWidth()).isEqualTo(HeadlessChromium.WIDTH);
        for (String css : List.of("body", ".el-table__body td .cell", ".el-menu-item", ".el-button", "[data-test=who]")) {
            assertThat(browser.fontSizePx(browser.find(css))).as(css).isGreaterThanOrEqualTo(16.0);
        }
        assertThat(browser.rendersGlyphs("工单待认领垃圾站")).as("fonts-noto-cjk draws Chinese").isTrue();
        // Nothing of the page lies off a 1366-pixel screen.
        Number scrollWidth = (Number) browser.js("return document.documentElement.scrollWidth;");
        assertThat(scrollWidth.intValue()).isLessThanOrEqualTo(HeadlessChromium.WIDTH);
    }

    @Test
    void aScriptFromAnotherOriginIsRefusedByThePagesPolicy() {
        site.logIn(browser, "cadre");
        // The page's own script, asked for from another origin on this very machine (localhost, not 127.0.0.1):
        // it would load, were it not for the policy.
        Object outcome = ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const src = new URL(document.querySelector('script[src]').src);
                src.hostname = 'localhost';
                document.addEventListener('securitypolicyviolation', e => done('refused ' + e.effectiveDirective), { once: true });
                const s = document.createElement('script'); s.src = src.href;
                s.onload = () => done('loaded'); document.head.appendChild(s);
                setTimeout(() => done('nothing happened'), 5000);
                """);
        assertThat(outcome).isEqualTo("refused script-src-elem");
        Object inline = browser.js("""
                window.__ran = false;
                const s = document.createElement('script'); s.textContent = 'window.__ran = true'; document.head.appendChild(s);
                return window.__ran;""");
        assertThat(inline).as("inline script").isEqualTo(false);
    }

    private static List<String> commands() {
        return browser.findAll("[data-command]").stream().map(e -> e.getAttribute("data-command")).toList();
    }

    private static void awaitState(String state) {
        browser.await(Duration.ofSeconds(10), ExpectedConditions.attributeToBe(By.cssSelector("[data-test=state]"), "data-state", state));
    }
}
