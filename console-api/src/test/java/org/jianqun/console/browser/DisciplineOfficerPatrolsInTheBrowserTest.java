package org.jianqun.console.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.console.browser.ConsoleSite.buttonInQueueRow;
import static org.jianqun.console.browser.ConsoleSite.visible;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.jianqun.core.testing.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A town discipline officer's day in a real headless Chromium at 1366×768: the patrol queue shows today's new
 * complaint, the officer marks it reviewed with a note and makes a clue of it, finds the clue in 线索库, then opens
 * 统计, where a chart is drawn and the figures are the API's.
 */
class DisciplineOfficerPatrolsInTheBrowserTest {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    @RegisterExtension
    static final HeadlessChromium browser = new HeadlessChromium();
    @RegisterExtension
    static final ConsoleSite site = new ConsoleSite();

    @Test
    void patrolReviewAClueAndTheStatistics() {
        long no = site.complaint("低保评定优亲厚友，村干部的亲戚都评上了");
        site.complaint("村里的水渠堵了，下雨就淹田");

        site.logIn(browser, "town-jjw");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/console/patrol");
        buttonInQueueRow(browser, "优亲厚友", "review-one").click();
        visible(browser, "textarea[data-test=review-note]").sendKeys("已阅，转线索初核");
        browser.find("[data-test=review-confirm]").click();
        browser.await(Duration.ofSeconds(10), d -> !unreviewed().contains("优亲厚友"));
        JsonObject log = site.get("town-jjw", "/api/v1/patrol/log");
        assertThat(log.encode()).contains("已阅，转线索初核");

        buttonInQueueRow(browser, "水渠堵了", "make-clue").click();
        visible(browser, "textarea[data-test=clue-summary]");
        browser.find("[data-test=clue-value] label:first-child").click();
        browser.find("[data-test=clue-confirm]").click();
        browser.await(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-test=clue-confirm]")));
        JsonArray clues = site.get("town-jjw", "/api/v1/clues").getJsonArray("clues");
        assertThat(clues).hasSize(1);
        JsonObject clue = clues.getJsonObject(0);
        assertThat(clue.getString("summary")).contains("水渠堵了");
        assertThat(clue.getString("value")).isEqualTo("高");
        assertThat(clue.getString("status")).isEqualTo("待初核");

        site.menu(browser, "clues");
        assertThat(visible(browser, "[data-clue]").getText()).contains("水渠堵了");

        site.menu(browser, "stats");
        WebElement canvas = visible(browser, "[data-chart=trend] canvas");
        browser.await(Duration.ofSeconds(10), d -> paintedPixels(canvas) > 500);
        // Not only axes: the town chart's bar (two complaints) is drawn in the series' blue, #2f6fb0.
        WebElement towns = visible(browser, "[data-chart=town] canvas");
        browser.await(Duration.ofSeconds(10), d -> ConsoleSite.pixelsOfColour(browser, towns, 0x2f, 0x6f, 0xb0) > 1000);
        LocalDate today = LocalDate.now(BEIJING);
        JsonObject stats = site.get("town-jjw", "/api/v1/stats?scope=" + ConsoleSite.TOWN + "&from=" + today.withDayOfYear(1)
                + "&to=" + today + "&by=month");
        String registered = String.valueOf(stats.getJsonObject("totals").getValue("registered"));
        assertThat(registered).isEqualTo("2");
        browser.await(Duration.ofSeconds(10), ExpectedConditions.textToBe(By.cssSelector("[data-figure=registered]"), registered));
        assertThat(no).isPositive();
    }

    /** The text of the queue's rows that still wait for review. */
    private static String unreviewed() {
        return (String) browser.js("""
                return [...document.querySelectorAll('[data-test=patrol-queue] .el-table__body tr')]
                    .filter(tr => tr.querySelector('[data-test=review-one]')).map(tr => tr.innerText).join('\\n');""");
    }

    /** How many pixels of the chart's canvas are drawn (not transparent). */
    private static long paintedPixels(WebElement canvas) {
        Object n = browser.js("""
                const c = arguments[0]; const g = c.getContext('2d');
                const px = g.getImageData(0, 0, c.width, c.height).data; let n = 0;
                for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
                return n;""", canvas);
        return ((Number) n).longValue();
    }
}
