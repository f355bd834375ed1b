package org.jianqun.console.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.testing.CsvFiles.REGIONS;
import static org.jianqun.core.testing.CsvFiles.csv;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jianqun.console.ConsoleApi;
import org.jianqun.console.ConsoleParts;
import org.jianqun.console.RecordedChatSide;
import org.jianqun.console.web.ConsoleWebRoutes;
import org.jianqun.core.CoreServices;
import org.jianqun.core.access.Role;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.persistence.PersonMapper;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.testing.HeadlessChromium;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestRedis;
import org.jianqun.core.testing.TestServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console as an officer meets it: the console role's API and its pages on one real HTTP server, over the real
 * database and Redis, a small county with people who log in, and the steps a browser test takes through the pages.
 * The clock is the real one: the browser's "today" and the platform's must be the same day.
 *
 * <p>Every browser test of the console starts it the same way, beside its browser, so that the test reads as its story:
 * {@code @RegisterExtension static final ConsoleSite site = new ConsoleSite();} — up before the class's first test,
 * down after its last.
 */
final class ConsoleSite implements BeforeAllCallback, AfterAllCallback {
    static final String VILLAGE = "359901100201";
    static final String TOWN = "359901100";
    static final String PASSWORD = "browser-password";
    private static final PasswordHasher HASHER = new PasswordHasher(10_000);

    TestDatabase db;
    RedisStore redis;
    CoreServices core;
    TestServer server;
    final Map<String, Long> ids = new HashMap<>();
    private final Map<String, String> tokens = new HashMap<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        db = TestDatabase.fresh();
        redis = TestRedis.fresh();
        core = CoreServices.assemble(JianqunConfig.load(ConfigSource.of(Map.of())), Clock.systemUTC(), db.database(), redis, HASHER);
        core.importer().importCsv(ImportKind.REGIONS, csv(REGIONS), null);
        String hash = HASHER.hash(PASSWORD);
        List<Person> people = List.of(
                new Person(null, "东岭村干部", Role.VILLAGE_CADRE, VILLAGE, null, null, "cadre", hash),
                new Person(null, "东岭村民", Role.VILLAGER, VILLAGE, null, null, "villager", hash),
                new Person(null, "东岭镇纪委干部", Role.DISCIPLINE_OFFICER, TOWN, null, null, "town-jjw", hash),
                new Person(null, "东岭镇办事员", Role.TOWN_OFFICER, TOWN, null, null, "town", hash),
                new Person(null, "管理员", Role.ADMIN, null, null, null, "admin", hash));
        db.database().inTransaction(s -> {
            PersonMapper mapper = s.getMapper(PersonMapper.class);
            people.forEach(p -> mapper.insert(p, core.clock().instant()));
            people.forEach(p -> ids.put(p.username(), mapper.findByUsername(p.username()).id()));
            return null;
        });
        ConsoleWebRoutes pages = new ConsoleWebRoutes();
        assertThat(pages.built()).as("the Maven build puts the pages on the classpath").isTrue();
        server = TestServer.start(List.of(new ConsoleApi(ConsoleParts.of(core, new RecordedChatSide())), pages));
    }

    String url(String path) {
        return server.uri(path).toString();
    }

    String token(String username) {
        return tokens.computeIfAbsent(username, u -> {
            TestServer.Reply reply = server.post("/api/v1/auth/login", null, "application/json",
                    new JsonObject().put("username", u).put("password", PASSWORD).encode().getBytes(StandardCharsets.UTF_8));
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            return reply.json().getString("token");
        });
    }

    JsonObject get(String who, String path) {
        TestServer.Reply reply = server.get(path, token(who));
        assertThat(reply.status()).as(path + ": " + reply.body()).isEqualTo(200);
        return reply.json();
    }

    JsonObject post(String who, String path, JsonObject body) {
        TestServer.Reply reply = server.post(path, token(who), "application/json", body.encode().getBytes(StandardCharsets.UTF_8));
        assertThat(reply.status()).as(path + ": " + reply.body()).isEqualTo(200);
        return reply.json();
    }

    /** A villager's complaint, registered through the desk as the chat would. */
    long complaint(String content) {
        return post("villager", "/api/v1/tickets", new JsonObject().put("villageCode", VILLAGE).put("content", content)).getLong("no");
    }

    /** Logs in through the login page and waits for the first page behind it. */
    void logIn(HeadlessChromium browser, String username) {
        browser.open(url("/console/login"));
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[name=username]")));
        browser.find("input[name=username]").sendKeys(username);
        browser.find("input[name=password]").sendKeys(PASSWORD);
        browser.find("[data-test=login]").click();
        browser.await(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test=who]")));
    }

    /** Opens a page of the console by its menu, as a person would. */
    void menu(HeadlessChromium browser, String entry) {
        browser.find("[data-menu=" + entry + "]").click();
        browser.await(ExpectedConditions.urlContains("/console/" + entry));
    }

    /**
     * The button of the patrol queue's row whose text has the words, found in one script (the table redraws as the
     * queue reloads, so elements found step by step go stale), waited for up to 10 s.
     */
    static WebElement buttonInQueueRow(HeadlessChromium browser, String words, String button) {
        return browser.await(Duration.ofSeconds(10), d -> (WebElement) browser.js("""
                const row = [...document.querySelectorAll('[data-test=patrol-queue] .el-table__body tr')]
                    .find(tr => tr.innerText.includes(arguments[0]) && tr.querySelector('[data-test=' + arguments[1] + ']'));
                return row ? row.querySelector('[data-test=' + arguments[1] + ']') : null;""", words, button));
    }

    static WebElement visible(HeadlessChromium browser, String css) {
        return browser.await(Duration.ofSeconds(10), ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** How many pixels of a chart's canvas are (within a few levels) of the colour: a series drawn, not only its axes. */
    static long pixelsOfColour(HeadlessChromium browser, WebElement canvas, int r, int g, int b) {
        Object n = browser.js("""
                const [c, r, g, b] = arguments; const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
                for (let i = 0; i < px.length; i += 4)
                  if (px[i + 3] > 200 && Math.abs(px[i] - r) < 8 && Math.abs(px[i + 1] - g) < 8 && Math.abs(px[i + 2] - b) < 8) n++;
                return n;""", canvas, r, g, b);
        return ((Number) n).longValue();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
        redis.close();
        db.close();
    }
}
