package org.jianqun.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium for browser tests: Debian's {@code chromium} driven through its
 * {@code chromedriver}, a 1366×768 viewport (the screen the issues were found on), a fresh user-data-dir
 * per browser, and on a failed test a screenshot and the page source under {@code target/browser-failures/}.
 *
 * <p>Register it as {@code @RegisterExtension static final HeadlessChromium browser = new HeadlessChromium();}
 * (one browser for the class, started before the first test) or as an instance field (one browser per test).
 * Without Chromium the tests are skipped with the reason, except under {@code CI=true}, where a missing browser
 * fails: CI must never pass by skipping browser tests. The binaries can be moved with
 * {@code JIANQUN_CHROMIUM} and {@code JIANQUN_CHROMEDRIVER}.
 */
public final class HeadlessChromium implements BeforeAllCallback, BeforeEachCallback, AfterTestExecutionCallback,
        AfterEachCallback, AfterAllCallback {
    public static final int WIDTH = 1366;
    public static final int HEIGHT = 768;
    private static final Path FAILURES = Paths.get("target", "browser-failures");

    private final Path chromium;
    private final Path chromedriver;
    private final Path failures;
    private final boolean underCi;
    private ChromeDriver driver;
    private Path userDataDir;
    private boolean perClass;

    public HeadlessChromium() {
        this(FAILURES);
    }

    /** The machine's Chromium, failures saved elsewhere. */
    public HeadlessChromium(Path failures) {
        this(binary("JIANQUN_CHROMIUM", "/usr/bin/chromium"), binary("JIANQUN_CHROMEDRIVER", "/usr/bin/chromedriver"), failures,
                "true".equalsIgnoreCase(System.getenv("CI")));
    }

    /** Other binaries, another failure folder, CI or not (the fixture's own test uses this). */
    public HeadlessChromium(Path chromium, Path chromedriver, Path failures, boolean underCi) {
        this.chromium = chromium;
        this.chromedriver = chromedriver;
        this.failures = failures;
        this.underCi = underCi;
    }

    private static Path binary(String variable, String fallback) {
        String value = System.getenv(variable);
        return Paths.get(value == null || value.isBlank() ? fallback : value);
    }

    /** Why this machine cannot run browser tests, or empty when it can. */
    public Optional<String> missing() {
        if (!Files.isExecutable(chromium)) {
            return Optional.of("no Chromium at " + chromium + " (apt-get install chromium chromium-driver fonts-noto-cjk, or set JIANQUN_CHROMIUM)");
        }
        if (!Files.isExecutable(chromedriver)) {
            return Optional.of("no chromedriver at " + chromedriver + " (apt-get install chromium-driver, or set JIANQUN_CHROMEDRIVER)");
        }
        return Optional.empty();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            start();
        }
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        // Before @AfterEach methods run, so the page is still the one the test failed on.
        if (context.getExecutionException().isPresent() && driver != null) {
            saveFailure(context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName());
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Starts the browser (the extension does this itself; call it only when using the fixture by hand). */
    public synchronized void start() {
        if (driver != null) {
            return;
        }
        Optional<String> missing = missing();
        if (missing.isPresent()) {
            if (underCi) {
                throw new IllegalStateException("CI runs every browser test, but " + missing.get());
            }
            throw new TestAbortedException("browser test skipped: " + missing.get());
        }
        try {
            userDataDir = Files.createTempDirectory("jianqun-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        // The closed network refuses Chromium's background connections: switch them off (STACK.md).
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--lang=zh-CN", "--force-device-scale-factor=1",
                "--window-size=" + WIDTH + "," + HEIGHT, "--user-data-dir=" + userDataDir);
        // Both paths given: Selenium Manager (which would download a driver) is never asked.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        try {
            driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
            fitViewport();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /** The window's size counts its frame: grow it until the page itself sees 1366×768. */
    private void fitViewport() {
        driver.get("about:blank");
        for (int i = 0; i < 3; i++) {
            Dimension viewport = viewport();
            if (viewport.width == WIDTH && viewport.height == HEIGHT) {
                return;
            }
            Dimension window = driver.manage().window().getSize();
            driver.manage().window().setSize(new Dimension(window.width + WIDTH - viewport.width, window.height + HEIGHT - viewport.height));
        }
        Dimension viewport = viewport();
        if (viewport.width != WIDTH || viewport.height != HEIGHT) {
            throw new IllegalStateException("Chromium's viewport is " + viewport.width + "×" + viewport.height + ", not " + WIDTH + "×" + HEIGHT);
        }
    }

    /** Quits the browser and removes its user-data-dir. */
    public synchronized void stop() {
        if (driver != null) {
            try {
                driver.quit();
            } finally {
                driver = null;
            }
        }
        if (userDataDir != null) {
            deleteTree(userDataDir);
            userDataDir = null;
        }
    }

    public WebDriver driver() {
        if (driver == null) {
            throw new IllegalStateException("the browser is not started: register HeadlessChromium with @RegisterExtension");
        }
        return driver;
    }

    /** The page's own view size (window.innerWidth × innerHeight). */
    public Dimension viewport() {
        List<?> size = (List<?>) js("return [window.innerWidth, window.innerHeight];");
        return new Dimension(((Number) size.get(0)).intValue(), ((Number) size.get(1)).intValue());
    }

    public void open(String url) {
        driver().get(url);
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver()).executeScript(script, args);
    }

    /** Waits (up to 10 s) until the condition holds and returns its value. */
    public <T> T await(Function<WebDriver, T> condition) {
        return await(Duration.ofSeconds(10), condition);
    }

    public <T> T await(Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver(), timeout, Duration.ofMillis(100)).until(condition);
    }

    public WebElement find(String cssSelector) {
        return driver().findElement(By.cssSelector(cssSelector));
    }

    public List<WebElement> findAll(String cssSelector) {
        return driver().findElements(By.cssSelector(cssSelector));
    }

    /** A computed style of an element, e.g. {@code font-size} → "16px". */
    public String style(WebElement element, String property) {
        return (String) js("return getComputedStyle(arguments[0]).getPropertyValue(arguments[1]);", element, property);
    }

    /** The computed font size in CSS pixels. */
    public double fontSizePx(WebElement element) {
        return Double.parseDouble(style(element, "font-size").replace("px", ""));
    }

    /**
     * Whether every character of the text has a glyph: each is drawn on a canvas and compared with the drawing
     * of an unassigned code point (the "tofu" box). Without fonts-noto-cjk, Chinese fails this.
     */
    public boolean rendersGlyphs(String text) {
        Object result = js("""
                const draw = ch => { const c = document.createElement('canvas'); c.width = 40; c.height = 40;
                  const g = c.getContext('2d'); g.font = '32px sans-serif'; g.fillText(ch, 2, 32); return c.toDataURL(); };
                const tofu = draw('\\u{10FFFD}');
                return [...arguments[0]].every(ch => draw(ch) !== tofu);
                """, text);
        return Boolean.TRUE.equals(result);
    }

    /** Saves a screenshot and the page source as {@code <name>.png} / {@code <name>.html}; returns the screenshot. */
    public Path saveFailure(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        try {
            Files.createDirectories(failures);
            Path png = failures.resolve(safe + ".png");
            Files.write(png, driver.getScreenshotAs(OutputType.BYTES));
            Files.writeString(failures.resolve(safe + ".html"), driver().getPageSource(), StandardCharsets.UTF_8);
            System.err.println("browser test failed: screenshot " + png.toAbsolutePath());
            return png;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp folder left behind is harmless; the next browser gets a new one anyway.
        }
    }
}
