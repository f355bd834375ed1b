package org.jianqun.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.testing.HeadlessChromium;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * 三务公开 in the console on the whole demo platform, in a real headless Chromium at 1366×768: 南山村's bookkeeper
 * (南山乡 submits nothing in the demo) sends last month's lines as a CSV file, first with a bad amount (refused, the
 * file's line and column shown), then right, with a cash payment and an invoice photo — the 现金支付 warning shows at
 * once; the town's resident cadre sees the photo, approves one invoice and returns the other with a reason; the
 * bookkeeper then reads 已退回 and the reason.
 */
class DisclosureInTheBrowserTest {
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final String NANSHAN = "359901102201";
    private static final String REASON = "现金支付须附领款人签字的收据";
    @RegisterExtension
    static final HeadlessChromium browser = new HeadlessChromium();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aBookkeeperUploadsTheResidentCadreReturnsAnInvoiceAndTheBookkeeperReadsWhy(@TempDir Path dataDir, @TempDir Path files) throws Exception {
        String month = LocalDate.now(BEIJING).minusMonths(1).toString().substring(0, 7);
        Path bad = Files.writeString(files.resolve("本月明细-错误.csv"), lines(month, "壹佰元"), StandardCharsets.UTF_8);
        Path good = Files.writeString(files.resolve("本月明细.csv"), lines(month, "180.00"), StandardCharsets.UTF_8);
        Path photo = files.resolve("发票-07770001.png");
        ImageIO.write(invoicePhoto(), "png", photo.toFile());

        try (Platform platform = Platform.start(demo(dataDir), EnumSet.allOf(ServiceRole.class))) {
            String base = "http://127.0.0.1:" + platform.port();
            logIn(base, "bookkeeper-3-1");
            browser.await(ExpectedConditions.urlContains("/console/disclosure"));
            assertThat(visible("[data-test=no-versions]").getText()).contains("尚未上传");

            // A bad amount: nothing stored, the file's own line (4) and column named.
            browser.find("input[data-test=line-files]").sendKeys(bad.toString());
            assertThat(visible("[data-test=chosen-files]").getText()).contains("本月明细-错误.csv", "混合");
            browser.find("[data-test=upload]").click();
            String errors = visible("[data-test=upload-errors] .el-table__body").getText();
            assertThat(errors).contains("本月明细-错误.csv", "4", "amount");
            assertThat(browser.find("[data-test=upload-problem]").getText()).contains("未保存");
            browser.find("[data-test=chosen-files] .el-button--danger").click();

            browser.find("input[data-test=line-files]").sendKeys(good.toString());
            visible("input[data-test=photos]").sendKeys(photo.toString());
            browser.await(Duration.ofSeconds(10), ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-test=photo-rows]"), photo.getFileName().toString()));
            browser.find("[data-test=upload]").click();
            String warnings = visible("[data-test=upload-warnings]").getText();
            assertThat(warnings).contains("现金支付");
            assertThat(browser.find("[data-test=upload-done]").getText()).contains("第 1 版");
            assertThat(visible("[data-test=version-status]").getText()).isEqualTo("待审核");
            JsonObject stored = api(base, login(base, "bookkeeper-3-1"), "/api/v1/villages/" + NANSHAN + "/disclosures/" + month)
                    .getJsonArray("versions").getJsonObject(0);
            assertThat(stored.getJsonArray("warnings").stream().map(w -> ((JsonObject) w).getString("rule"))).contains("cash_payment");
            assertThat(stored.getJsonObject("lines").getJsonArray("invoices").getJsonObject(0).getBoolean("hasImage")).isTrue();
            signOut();

            logIn(base, "town3-resident");
            browser.await(ExpectedConditions.urlContains("/console/disclosure"));
            visible("[data-review-village='" + NANSHAN + "']").click();
            WebElement image = visible("[data-test=review-detail] [data-test=invoice-photo] img");
            browser.await(Duration.ofSeconds(10), d -> ((Number) browser.js("return arguments[0].naturalWidth", image)).intValue() == 240);
            visible("[data-test=approve-1]").click();
            visible("[data-review='1']");
            visible("[data-test=reject-2]").click();
            visible("[data-test=reject-confirm]").click();
            assertThat(visible("[data-test=reject-problem]").getText()).as("a return needs its reason").contains("原因");
            browser.find("textarea[data-test=reject-reason]").sendKeys(REASON);
            browser.find("[data-test=reject-confirm]").click();
            browser.await(Duration.ofSeconds(10), ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("[data-test=review-detail] [data-test=version-status]"), "已退回"));
            JsonArray invoices = api(base, login(base, "town3-resident"), "/api/v1/villages/" + NANSHAN + "/disclosures/" + month)
                    .getJsonArray("versions").getJsonObject(0).getJsonObject("lines").getJsonArray("invoices");
            assertThat(invoices.getJsonObject(0).getJsonObject("review").getString("decision")).isEqualTo("approved");
            assertThat(invoices.getJsonObject(1).getJsonObject("review").getString("reason")).isEqualTo(REASON);
            signOut();

            logIn(base, "bookkeeper-3-1");
            assertThat(visible("[data-test=version-status]").getText()).isEqualTo("已退回");
            assertThat(visible("[data-review='2'] [data-test=review-reason]").getText()).isEqualTo(REASON);
            assertThat(browser.find("[data-review='2']").getText()).contains("退回", "南山乡驻村干部");
            for (WebElement cell : browser.findAll("[data-test=invoices] .el-table__body .cell")) {
                assertThat(browser.fontSizePx(cell)).as("an invoice's cell, for older eyes").isGreaterThanOrEqualTo(16.0);
            }
            assertThat(browser.find("[data-test=upload]").getText()).as("the returned version is uploaded again").contains("上传");
        }
    }

    /** The month's lines as one CSV with a part column: an income, a transfer and a cash payment with their invoices. */
    private static String lines(String month, String cashAmount) {
        return "part,kind,item,amount,invoice,code,number,payee,date,paymentMethod,purpose\n"
                + "finance,income,上级转移支付,30000,,,,,,,\n"
                + "invoices,,,2350.00,,3500191130,07770001,清源建材店," + month + "-06,转账,村道修补\n"
                + "invoices,,," + cashAmount + ",,3500191130,07770002,林某某," + month + "-09,现金,清理水渠劳务费\n";
    }

    private static BufferedImage invoicePhoto() {
        BufferedImage image = new BufferedImage(240, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xf4, 0xe8, 0xc1));
        g.fillRect(0, 0, 240, 160);
        g.setColor(new Color(0x8c, 0x1c, 0x13));
        g.drawRect(10, 10, 220, 140);
        g.dispose();
        return image;
    }

    private static JianqunConfig demo(Path dataDir) {
        Map<String, String> env = new HashMap<>(Map.of("JIANQUN_HTTP_PORT", "0", "JIANQUN_DATA_DIR", dataDir.toString(), "JIANQUN_PROFILE", "demo"));
        TestRedis.fresh().close();
        env.put("JIANQUN_REDIS_URL", TestRedis.url());
        if (TestDatabase.realServerConfigured()) {
            TestDatabase db = TestDatabase.freshMariaDb();
            db.database().close(); // the platform opens its own pool on the fresh schema
            env.put("JIANQUN_DB_URL", db.settings().url());
            env.put("JIANQUN_DB_USER", db.settings().user());
            env.put("JIANQUN_DB_PASSWORD", db.settings().password());
        }
        return JianqunConfig.load(ConfigSource.of(env));
    }

    private static WebElement visible(String css) {
        return browser.await(Duration.ofSeconds(15), ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private static void logIn(String base, String username) {
        browser.open(base + "/console/login");
        visible("input[name=username]").sendKeys(username);
        browser.find("input[name=password]").sendKeys("demo-officer");
        browser.find("[data-test=login]").click();
        visible("[data-test=who]");
    }

    private static void signOut() {
        browser.driver().findElement(By.xpath("//button[contains(., '退出登录')]")).click();
        browser.await(ExpectedConditions.urlContains("/console/login"));
    }

    private String login(String base, String user) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", user).put("password", "demo-officer").encode())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body()).getString("token");
    }

    private JsonObject api(String base, String token, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }
}
