package org.jianqun.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.testing.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The simulator as a newcomer meets it, in a real headless Chromium at 1366×768 on the embedded demo: the README's
 * walkthrough line by line (each reply shown once), WeChat's layout (the assistant on the left, oneself on the
 * right in green, text people read at 16 px or more), a voice message that plays, and the chat after a restart.
 */
class SimulatorBrowserTest {
    @RegisterExtension
    static final HeadlessChromium browser = new HeadlessChromium();

    private final HttpClient http = HttpClient.newHttpClient();

    private static JianqunConfig demo(Path dataDir) {
        return JianqunConfig.load(ConfigSource.of(Map.of("JIANQUN_HTTP_PORT", "0", "JIANQUN_DATA_DIR", dataDir.toString())));
    }

    private static List<WebElement> bot(String containing) {
        return browser.findAll("#feed .msg.bot").stream().filter(m -> m.getText().contains(containing)).toList();
    }

    private static List<WebElement> said(String containing) {
        return browser.findAll("#feed .msg.said").stream().filter(m -> m.getText().contains(containing)).toList();
    }

    /** Sends as whoever is picked and waits for the assistant's answer (all its lines); returns them. */
    private static String say(String text) throws InterruptedException {
        int before = browser.findAll("#feed .msg.bot").size();
        WebElement input = browser.find("#say");
        input.clear();
        input.sendKeys(text);
        browser.find("#send").click();
        browser.await(Duration.ofSeconds(20), d -> browser.findAll("#feed .msg.bot").size() > before);
        // A command may be answered in more than one line (the result, then a word to the complainant).
        Thread.sleep(1_500);
        List<WebElement> bots = browser.findAll("#feed .msg.bot");
        return String.join("\n", bots.subList(before, bots.size()).stream().map(WebElement::getText).toList());
    }

    private static void be(String personText) {
        Select sender = new Select(browser.find("#sender"));
        sender.getOptions().stream().filter(o -> o.getText().contains(personText)).findFirst().orElseThrow().click();
    }

    private static void inGroup(String groupText) {
        Select group = new Select(browser.find("#group"));
        group.getOptions().stream().filter(o -> o.getText().contains(groupText)).findFirst().orElseThrow().click();
    }

    /** Waits a poll or two more, so that a line shown twice would show. */
    private static void settle() throws InterruptedException {
        Thread.sleep(2_500);
    }

    private String ticketState(Platform platform, long no) throws Exception {
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.port() + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"county-officer\",\"password\":\"demo-officer\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String token = new JsonObject(login.body()).getString("token");
        HttpResponse<String> ticket = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.port() + "/api/v1/tickets/" + no))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        return new JsonObject(ticket.body()).getString("state");
    }

    @Test
    void theReadmeWalkthroughInTheSimulatorAsANewcomerSeesIt(@TempDir Path dataDir) throws Exception {
        try (Platform platform = Platform.start(demo(dataDir), EnumSet.allOf(ServiceRole.class))) {
            browser.open("http://127.0.0.1:" + platform.port() + "/simulator");
            browser.await(d -> !browser.findAll("#sender option").isEmpty());

            // It opens on a village's villagers' group, as its villager, in plain words.
            assertThat(new Select(browser.find("#group")).getFirstSelectedOption().getText()).contains("东岭村村务监督群");
            assertThat(new Select(browser.find("#sender")).getFirstSelectedOption().getText()).contains("（村民）");
            String page = browser.find("body").getText();
            assertThat(page).doesNotContain("bridge", "/api/v1/auth/login", "POST");
            assertThat(browser.rendersGlyphs("监督群助手")).isTrue();

            String registered = say("#反映 村口路灯坏了");
            assertThat(registered).contains("#1");
            settle();
            assertThat(said("村口路灯坏了")).as("one's own line, once").hasSize(1);
            assertThat(bot("#1")).as("the assistant's reply, once").hasSize(1);

            // WeChat's layout: the assistant on the left in white, oneself on the right in green.
            WebElement feed = browser.find("#feed");
            WebElement botBubble = bot("#1").get(0).findElement(By.cssSelector(".bubble"));
            WebElement ownBubble = said("村口路灯坏了").get(0).findElement(By.cssSelector(".bubble"));
            Rectangle feedBox = feed.getRect();
            Rectangle botBox = botBubble.getRect();
            Rectangle ownBox = ownBubble.getRect();
            assertThat(botBox.getX() - feedBox.getX()).as("bot on the left").isLessThan(30);
            assertThat(feedBox.getX() + feedBox.getWidth() - (ownBox.getX() + ownBox.getWidth())).as("own on the right").isLessThan(40);
            assertThat(ownBox.getX()).isGreaterThan(botBox.getX() + 100);
            assertThat(browser.style(ownBubble, "background-color")).isEqualTo("rgb(149, 236, 105)");
            assertThat(browser.style(botBubble, "background-color")).isEqualTo("rgb(255, 255, 255)");
            for (String selector : List.of("#feed .msg .from", "#feed .bubble", ".note", "header small", "label", "#say", ".examples button")) {
                for (WebElement e : browser.findAll(selector)) {
                    assertThat(browser.fontSizePx(e)).as(selector + " font size").isGreaterThanOrEqualTo(16.0);
                }
            }

            be("村干部");
            assertThat(said("村口路灯坏了").get(0).getAttribute("class")).as("the villager's line is not the cadre's own").doesNotContain("mine");
            String claimed = say("认领 #1");
            assertThat(claimed).contains("#1");
            assertThat(claimed).doesNotContain("已结案", "无权");
            say("办结 #1 已更换路灯");
            be("（村民）");
            say("评价 #1 满意");
            assertThat(ticketState(platform, 1)).isEqualTo("closed");
            assertThat(say("进度 #1")).contains("#1");

            assertThat(say("#反映 水渠堵了")).contains("#2");
            be("村干部");
            String escalated = say("上报 #2 需镇里协调");
            assertThat(escalated).contains("#2").doesNotContain("无权");
            inGroup("东岭镇干部工作群");
            browser.await(d -> !browser.findAll("#sender option").isEmpty());
            be("东岭镇办事员");
            browser.await(Duration.ofSeconds(20), d -> !bot("#2").isEmpty());
            String townClaim = say("认领 #2");
            assertThat(townClaim).as("answered where it was sent").contains("#2").doesNotContain("无权");
            assertThat(say("帮助")).contains("认领");

            // A voice message: sent from the page, played from the chat.
            inGroup("东岭村村务监督群");
            browser.await(d -> !browser.findAll("#sender option").isEmpty());
            int voicesBefore = browser.findAll("#feed .msg.said audio").size();
            browser.find("#sample").click();
            browser.await(Duration.ofSeconds(20), d -> browser.findAll("#feed .msg.said audio").size() > voicesBefore);
            WebElement audio = browser.findAll("#feed .msg.said audio").get(voicesBefore);
            browser.js("arguments[0].preload = 'auto'; arguments[0].load();", audio);
            browser.await(Duration.ofSeconds(10), d -> ((Number) browser.js("return arguments[0].readyState;", audio)).intValue() >= 1);
            assertThat(((Number) browser.js("return arguments[0].duration;", audio)).doubleValue()).as("it plays: 2 seconds of sound").isBetween(1.9, 2.1);
            assertThat(browser.js("return arguments[0].error;", audio)).isNull();
        }

        // The tickets survive a restart, and so does the conversation.
        try (Platform again = Platform.start(demo(dataDir), EnumSet.allOf(ServiceRole.class))) {
            browser.open("http://127.0.0.1:" + again.port() + "/simulator");
            browser.await(Duration.ofSeconds(20), d -> !bot("#1").isEmpty() && !said("村口路灯坏了").isEmpty());
            settle();
            assertThat(said("#反映 村口路灯坏了")).hasSize(1);
            assertThat(bot("已登记工单 #1").size() + bot("工单 #1").size()).isGreaterThanOrEqualTo(1);
            assertThat(said("水渠堵了")).hasSize(1);
            assertThat(browser.findAll("#feed .msg.said audio")).as("the voice message is still there to play").isNotEmpty();
        }
    }
}
