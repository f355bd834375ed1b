package org.jianqun.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jianqun.core.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's pages as the Maven build put them on the classpath, served over real HTTP. */
class ConsoleWebRoutesTest {
    private static ConsoleWebRoutes pages;
    private static TestServer server;

    @BeforeAll
    static void start() {
        pages = new ConsoleWebRoutes();
        server = TestServer.start(List.of(pages));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theBuildPutThePagesOnTheClasspath() {
        assertThat(pages.built()).as("target/classes/jianqun-console/index.html (the exec-maven-plugin's vite build)").isTrue();
    }

    @Test
    void theRootAndTheBareNameRedirectToTheConsole() {
        for (String path : List.of("/", "/console")) {
            TestServer.Reply reply = server.get(path, null);
            assertThat(reply.status()).as(path).isEqualTo(302);
            assertThat(reply.header("Location")).isEqualTo("/console/");
        }
    }

    @Test
    void thePageRevalidatesAndRefusesScriptsFromOtherOrigins() {
        TestServer.Reply page = server.get("/console/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(page.body()).contains("<div id=\"app\"></div>", "lang=\"zh-CN\"");
        String csp = page.header("Content-Security-Policy");
        assertThat(csp).contains("script-src 'self'", "default-src 'none'").doesNotContain("unsafe-inline", "unsafe-eval", "http:", "*");
        // Every script the page loads is its own (same origin, under /console/assets/), none inline.
        Matcher scripts = Pattern.compile("<script\\b([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(page.body());
        int found = 0;
        while (scripts.find()) {
            found++;
            assertThat(scripts.group(1)).contains("src=\"/console/assets/");
            assertThat(scripts.group(2)).isBlank();
        }
        assertThat(found).isPositive();
    }

    @Test
    void routerPathsGetThePageAndMissingFilesA404() {
        TestServer.Reply deep = server.get("/console/tickets/12", null);
        assertThat(deep.status()).isEqualTo(200);
        assertThat(deep.body()).contains("<div id=\"app\"></div>");
        assertThat(deep.header("Cache-Control")).isEqualTo("no-cache");

        TestServer.Reply missingAsset = server.get("/console/assets/nothing-here.js", null);
        assertThat(missingAsset.status()).isEqualTo(404);
        assertThat(missingAsset.header("Cache-Control")).as("a 404 is not kept for a year").isNull();
        assertThat(missingAsset.json().getString("error")).isEqualTo("not_found");
        assertThat(server.get("/console/favicon.png", null).status()).isEqualTo(404);
        assertThat(server.get("/console/../pom.xml", null).status()).isIn(400, 404);
    }

    @Test
    void hashedAssetsAreCachedForAYear() {
        String page = server.get("/console/", null).body();
        Matcher asset = Pattern.compile("(/console/assets/[^\"]+\\.js)\"").matcher(page);
        assertThat(asset.find()).as(page).isTrue();
        TestServer.Reply script = server.get(asset.group(1), null);
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).contains("javascript");
        assertThat(script.header("Cache-Control")).isEqualTo(ConsoleWebRoutes.IMMUTABLE);
        Matcher css = Pattern.compile("(/console/assets/[^\"]+\\.css)\"").matcher(page);
        assertThat(css.find()).isTrue();
        assertThat(server.get(css.group(1), null).header("Content-Type")).contains("text/css");
    }
}
