package org.jianqun.console.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.console.browser.ConsoleSite.buttonInQueueRow;
import static org.jianqun.console.browser.ConsoleSite.visible;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Role;
import org.jianqun.core.polls.CommentVerdict;
import org.jianqun.core.polls.Poll;
import org.jianqun.core.polls.PollDraft;
import org.jianqun.core.polls.PollOutcome;
import org.jianqun.core.polls.Polls;
import org.jianqun.core.testing.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * 待审内容 in 网巡, in a real headless Chromium at 1366×768: two poll comments the content check left for review wait in
 * the town discipline officer's queue; the officer opens one, reads the words and where they were to be shown, is told
 * a verdict needs its reason, and releases it with one — the platform then says 已放行, the queue no longer holds it and
 * the audit trail has the verdict. The other was decided elsewhere meanwhile: the page says 已由他人处理.
 */
class DisciplineOfficerDecidesHeldContentInTheBrowserTest {
    private static final String RELEASED = "东段坑多，雨天孩子上学难走";
    private static final String DECIDED_ELSEWHERE = "西段是某某家门口，他收了钱";
    private static final String REASON = "说的是路况，无不当言论";
    @RegisterExtension
    static final HeadlessChromium browser = new HeadlessChromium();
    @RegisterExtension
    static final ConsoleSite site = new ConsoleSite();

    @Test
    void anOfficerReleasesAHeldPollCommentWithAReason() {
        long poll = heldComments();
        String releasedRef = "comment-" + poll + "-" + site.ids.get("villager");
        String elsewhereRef = "comment-" + poll + "-" + site.ids.get("cadre");

        site.logIn(browser, "town-jjw");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/console/patrol");
        buttonInQueueRow(browser, RELEASED, "held-review").click();
        assertThat(visible(browser, "[data-test=held-text]").getText()).isEqualTo(RELEASED);
        assertThat(browser.find("[data-test=held-where]").getText()).contains("民意调查", "村道硬化先修哪一段？");
        browser.await(Duration.ofSeconds(10), ExpectedConditions.textToBe(By.cssSelector("[data-test=held-village]"), "东岭村"));
        assertThat(browser.fontSizePx(browser.find("[data-test=held-text]"))).as("the held words, for older eyes").isGreaterThanOrEqualTo(16.0);

        browser.find("[data-test=held-confirm]").click();
        assertThat(visible(browser, "[data-test=held-problem]").getText()).as("a verdict needs its reason").contains("请填写审核理由");
        assertThat(site.get("town-jjw", "/api/v1/patrol/held/" + releasedRef).getString("state")).as("nothing sent").isEqualTo("待审");
        assertThat(browser.fontSizePx(browser.find("[data-test=held-problem] .el-alert__title"))).isGreaterThanOrEqualTo(16.0);

        browser.find("[data-test=held-verdict] [data-verdict=放行]").click();
        browser.find("textarea[data-test=held-reason]").sendKeys(REASON);
        browser.find("[data-test=held-confirm]").click();
        browser.await(Duration.ofSeconds(10), ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-test=held-verdict-shown]"), "已放行"));

        assertThat(site.get("town-jjw", "/api/v1/patrol/held/" + releasedRef).getString("state")).isEqualTo("已放行");
        assertThat(queueKeys()).doesNotContain("held_content:" + releasedRef).contains("held_content:" + elsewhereRef);
        assertThat(auditDetails("CONTENT_RELEASED")).singleElement().asString().contains(releasedRef, "放行", REASON);

        // The other comment: its dialog open here while another officer of the office decides it through the API.
        buttonInQueueRow(browser, DECIDED_ELSEWHERE, "held-review").click();
        browser.await(Duration.ofSeconds(10), ExpectedConditions.textToBe(By.cssSelector("[data-test=held-text]"), DECIDED_ELSEWHERE));
        site.post("town-jjw", "/api/v1/patrol/held/" + elsewhereRef + "/verdict", new JsonObject().put("verdict", "不予显示").put("reason", "指名道姓未经核实"));
        browser.find("textarea[data-test=held-reason]").sendKeys(REASON);
        browser.find("[data-test=held-confirm]").click();
        browser.await(Duration.ofSeconds(10), ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-test=held-problem]"), "已由他人处理（不予显示）"));
        assertThat(site.get("town-jjw", "/api/v1/patrol/held/" + elsewhereRef).getString("state")).as("the first verdict stands").isEqualTo("不予显示");
        assertThat(auditDetails("CONTENT_RELEASED")).as("the late 放行 changed nothing").hasSize(1);
    }

    /** A poll of the town, and two villagers' comments on it that the content check left for review (CommentVerdict.REVIEW). */
    private static long heldComments() {
        Instant now = site.core.clock().instant();
        Actor townOfficer = new Actor(site.ids.get("town"), "东岭镇办事员", Role.TOWN_OFFICER, ConsoleSite.TOWN);
        Polls polls = new Polls(site.core.database(), site.core.clock());
        PollOutcome<Poll> created = polls.create(townOfficer, new PollDraft("村道硬化先修哪一段？", "single", List.of("东段", "西段"), true,
                ConsoleSite.TOWN, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(7)), "live"));
        assertThat(created).isInstanceOf(PollOutcome.Done.class);
        long poll = ((PollOutcome.Done<Poll>) created).value().id();
        for (String[] comment : List.of(new String[] {"villager", RELEASED}, new String[] {"cadre", DECIDED_ELSEWHERE})) {
            assertThat(polls.vote(new Polls.Voter(site.ids.get(comment[0]), Optional.of(ConsoleSite.VILLAGE)), poll, List.of(1), comment[1],
                    CommentVerdict.REVIEW)).isInstanceOf(PollOutcome.Done.class);
        }
        return poll;
    }

    private static List<String> queueKeys() {
        return site.get("town-jjw", "/api/v1/patrol/queue").getJsonArray("items").stream()
                .map(i -> ((JsonObject) i).getString("key")).toList();
    }

    /** The audit trail's details of one event type, as stored. */
    private static List<String> auditDetails(String type) {
        try (Connection c = site.db.database().dataSource().getConnection();
             PreparedStatement st = c.prepareStatement("SELECT detail FROM audit_event WHERE type = ? ORDER BY id")) {
            st.setString(1, type);
            List<String> details = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    details.add(rs.getString(1));
                }
            }
            return details;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
