package org.jianqun.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.opentest4j.TestAbortedException;
import org.openqa.selenium.Dimension;

class HeadlessChromiumTest {
    @RegisterExtension
    static final HeadlessChromium browser = new HeadlessChromium();

    @TempDir
    Path pages;

    @Test
    void pagesSeeA1366By768ViewportAndChineseHasGlyphs() throws Exception {
        Path page = pages.resolve("page.html");
        Files.writeString(page, """
                <!doctype html><html lang="zh-CN"><meta charset="utf-8"><body style="margin:0">
                <p id="t" style="font-size:16px">监群：反映问题</p></body></html>""", StandardCharsets.UTF_8);
        browser.open(page.toUri().toString());

        assertThat(browser.viewport()).isEqualTo(new Dimension(1366, 768));
        assertThat(browser.find("#t").getText()).isEqualTo("监群：反映问题");
        assertThat(browser.fontSizePx(browser.find("#t"))).isEqualTo(16.0);
        assertThat(browser.rendersGlyphs("监群反映问题")).as("fonts-noto-cjk installed: Chinese is not drawn as boxes").isTrue();
        assertThat(browser.rendersGlyphs("\uDBFF\uDFFC")).as("a private-use code point has no glyph: the check can fail").isFalse();
    }

    @Test
    void aFailedTestLeavesAScreenshotAndThePageSource(@TempDir Path failures) {
        System.setProperty(FailsOnAPage.FOLDER, failures.toString());
        try {
            Launcher launcher = LauncherFactory.create();
            SummaryGeneratingListener summary = new SummaryGeneratingListener();
            launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(FailsOnAPage.class)).build(), summary);
            assertThat(summary.getSummary().getTotalFailureCount()).isEqualTo(1);
        } finally {
            System.clearProperty(FailsOnAPage.FOLDER);
        }

        Path png = failures.resolve("FailsOnAPage-failsAfterOpeningAPage.png");
        Path html = failures.resolve("FailsOnAPage-failsAfterOpeningAPage.html");
        assertThat(png).exists();
        assertThat(readStart(png)).startsWith("\u0089PNG");
        assertThat(html).content(StandardCharsets.UTF_8).contains("这一页让测试失败");
    }

    @Test
    void withoutChromiumATestIsSkippedLocallyButFailsUnderCi(@TempDir Path failures) {
        Path nowhere = Paths.get("/nonexistent/chromium");
        HeadlessChromium local = new HeadlessChromium(nowhere, nowhere, failures, false);
        HeadlessChromium ci = new HeadlessChromium(nowhere, nowhere, failures, true);

        assertThat(local.missing()).hasValueSatisfying(reason -> assertThat(reason).contains("/nonexistent/chromium"));
        assertThatThrownBy(local::start).isInstanceOf(TestAbortedException.class).hasMessageContaining("no Chromium at /nonexistent/chromium");
        assertThatThrownBy(ci::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("CI runs every browser test");
    }

    private static String readStart(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return new String(bytes, 0, Math.min(4, bytes.length), StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Run only through the launcher above (surefire leaves nested classes alone). */
    static class FailsOnAPage {
        static final String FOLDER = "jianqun.test.browser-failures";

        @RegisterExtension
        final HeadlessChromium chromium = new HeadlessChromium(Paths.get(System.getProperty(FOLDER, "target/browser-failures")));

        @Test
        void failsAfterOpeningAPage() {
            chromium.open("data:text/html;charset=utf-8," + URLEncoder.encode("<p>这一页让测试失败</p>", StandardCharsets.UTF_8).replace("+", "%20"));
            assertThat(chromium.find("p").getText()).isEqualTo("something else");
        }
    }
}
