package org.jianqun.console.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.console.browser.ConsoleSite.visible;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jianqun.core.polls.CommentVerdict;
import org.jianqun.core.polls.PollOutcome;
import org.jianqun.core.polls.Polls;
import org.jianqun.core.testing.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A town officer in 民意调查 in a real headless Chromium at 1366×768: creates a poll through the form (the pickers'
 * defaults: open now, close in a week), lands on its results, and once villagers of two villages have voted sees the
 * bar chart drawn and the figures the API gives.
 */
class OfficerRunsAPollInTheBrowserTest {
    private static final String QUESTION = "村道硬化先修哪一段？";
    @RegisterExtension
    static final HeadlessChromium browser = new HeadlessChromium();
    @RegisterExtension
    static final ConsoleSite site = new ConsoleSite();

    @Test
    void createsAPollAndReadsItsResultsByVillage() {
        site.logIn(browser, "town");
        assertThat(browser.findAll("[data-menu]").stream().map(WebElement::getText)).contains("三务公开", "民意调查", "统计");
        site.menu(browser, "polls");
        visible(browser, "[data-test=new-poll]").click();
        visible(browser, "textarea[data-test=poll-question]").sendKeys(QUESTION);
        browser.find("input[data-test=poll-option-1]").sendKeys("东段");
        browser.find("input[data-test=poll-option-2]").sendKeys("西段");
        browser.find("[data-test=poll-add-option]").click();
        visible(browser, "input[data-test=poll-option-3]").sendKeys("都不急");
        browser.find("[data-test=poll-create]").click();

        browser.await(Duration.ofSeconds(10), ExpectedConditions.urlMatches("/console/polls/[0-9]+$"));
        assertThat(visible(browser, "[data-test=poll-title]").getText()).isEqualTo(QUESTION);
        assertThat(visible(browser, "[data-test=no-votes]").getText()).contains("还没有人投票");
        JsonArray polls = site.get("town", "/api/v1/polls").getJsonArray("polls");
        assertThat(polls).hasSize(1);
        JsonObject created = polls.getJsonObject(0);
        assertThat(created.getString("scopeCode")).as("the officer's own town by default").isEqualTo(ConsoleSite.TOWN);
        assertThat(created.getJsonArray("options").stream().map(String::valueOf).toList()).containsExactly("东段", "西段", "都不急");
        long id = created.getLong("id");

        Polls votes = new Polls(site.core.database(), site.core.clock());
        vote(votes, id, "villager", ConsoleSite.VILLAGE, 1);
        vote(votes, id, "cadre", ConsoleSite.VILLAGE, 1);
        vote(votes, id, "admin", "359901100202", 2);
        browser.driver().navigate().refresh();

        WebElement canvas = visible(browser, "[data-chart=poll-villages] canvas");
        // The first option's bars (东段: two votes in 东岭村) are drawn in the first series' blue, #2f6fb0.
        browser.await(Duration.ofSeconds(10), d -> ConsoleSite.pixelsOfColour(browser, canvas, 0x2f, 0x6f, 0xb0) > 500);
        JsonObject results = site.get("town", "/api/v1/polls/" + id + "/results").getJsonObject("results");
        assertThat(results.getInteger("voters")).isEqualTo(3);
        browser.await(Duration.ofSeconds(10), ExpectedConditions.textToBe(By.cssSelector("[data-figure=voters]"), "3"));
        assertThat(browser.find("[data-figure=option-1]").getText()).isEqualTo(String.valueOf(results.getJsonArray("perOption").getValue(0)));
        assertThat(browser.find("[data-figure=option-2]").getText()).isEqualTo("1");
        String table = browser.find("[data-test=poll-villages]").getText();
        assertThat(table).contains("东岭村", "上洋村");

        browser.find("[data-menu=polls]").click();
        // The list renders after its request returns: wait for the row rather than read the table mid-render.
        browser.await(Duration.ofSeconds(10), ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-test=polls] .el-table__body"), "进行中"));
        assertThat(visible(browser, "[data-test=polls] .el-table__body").getText()).contains(QUESTION, "东岭镇", "进行中");
    }

    private static void vote(Polls polls, long id, String who, String village, int choice) {
        PollOutcome<List<Integer>> outcome = polls.vote(new Polls.Voter(site.ids.get(who), Optional.of(village)), id, List.of(choice), null,
                CommentVerdict.PASS);
        assertThat(outcome).isInstanceOf(PollOutcome.Done.class);
    }
}
