package org.jianqun.gateway.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.testing.CsvFiles.csv;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.disclosure.DisclosureDesk;
import org.jianqun.core.disclosure.DisclosureMonth;
import org.jianqun.core.disclosure.PushReport;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.importing.OrganisationImporter;
import org.jianqun.core.outbox.Outbox;
import org.jianqun.core.outbox.OutboxMessage;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.testing.CsvFiles;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestRedis;
import org.jianqun.gateway.bridge.BridgeSignature;
import org.jianqun.gateway.groupsend.DisclosureGroupSendOutcomes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A published disclosure version reaches each villagers' group the platform posts into as its markdown and then its
 * rendered image, each a delivery of its own: at a real bridge receiving end (signed, de-duplicating) and through a
 * group robot at WireMock standing where WeCom is. A failed image is retried alone; the push report counts a group
 * delivered only once both are.
 */
class DisclosureImagePushTest {
    private static final BridgeSignature SIGNER = new BridgeSignature("disclosure-image-secret-0123");
    private static final String ROBOT_KEY = "robot-key-villagers-0001";
    private static final String WEBHOOK = "/cgi-bin/webhook/send";
    private static final String DONGLING = "359901100201";
    private static final String SHANGYANG = "359901100202";
    private static final String MARKDOWN = "## 东岭村 2026年2月三务公开\n本月收入 12,000.00 元，支出 8,450.00 元。";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-05T01:00:00Z"));
    private TestDatabase db;
    private RedisStore redis;
    private BridgeReceiver bridge;
    private WireMockServer wecom;
    private OutboxDispatcher dispatcher;

    @BeforeEach
    void open() {
        db = TestDatabase.fresh();
        redis = TestRedis.fresh();
        bridge = new BridgeReceiver(SIGNER);
        wecom = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1));
        wecom.start();
        wecom.stubFor(post(urlPathEqualTo(WEBHOOK)).willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        OrganisationImporter importer = new OrganisationImporter(db.database(), new PasswordHasher(10_000), clock);
        importer.importCsv(ImportKind.REGIONS, csv(CsvFiles.REGIONS), null);
        importer.importCsv(ImportKind.GROUPS, csv("channel,group_id,village_code,name,purpose,robot_key",
                "bridge,g-201-1,359901100201,东岭村监督群,villagers,",
                "bridge,g-201-2,359901100201,东岭村二组群,villagers,",
                "aibot,wrShangyangVillagers,359901100202,上洋村村民群,villagers," + ROBOT_KEY), null);
        dispatcher = new OutboxDispatcher(db.database(), Optional.of(new BridgeOutbound(bridge.url(), SIGNER)), Optional.empty(),
                Optional.of(new GroupRobot(URI.create("http://127.0.0.1:" + wecom.port()))), new Pacer(redis, clock), clock);
    }

    @AfterEach
    void close() {
        bridge.close();
        wecom.stop();
        redis.close();
        db.close();
    }

    @Test
    void aBridgeGroupTakesTheImageWithinItsMarkdownsDeliveryOneRowPerGroup() {
        byte[] png = png();
        long version = published(DONGLING, 1, png, null);
        request(version, DONGLING);

        dispatcher.dispatchDue(50);

        for (String group : List.of("g-201-1", "g-201-2")) {
            List<JsonObject> got = bridge.deliveries(group);
            assertThat(got).as(group).extracting(d -> d.getString("type")).containsExactly("text", "image");
            assertThat(got.get(1).getString("deliveryId")).isEqualTo(got.get(0).getString("deliveryId") + ".1");
            assertThat(Base64.getDecoder().decode(got.get(1).getJsonObject("image").getString("base64"))).isEqualTo(png);
        }
        assertThat(outbox()).as("the request routed, each group's markdown sent with its image: no row of the image's own")
                .containsExactly("disclosure:" + version + " ROUTED to the villagers' groups of " + DONGLING + " (2)",
                        "disclosure:" + version + ".1 SENT", "disclosure:" + version + ".2 SENT");
        assertThat(report(DONGLING).getInteger("delivered")).isEqualTo(2);
    }

    @Test
    void eachBridgeGroupGetsTheMarkdownThenTheImageOnceAndAFailedImageIsRetriedAlone() {
        byte[] png = png();
        long version = published(DONGLING, 1, png, null);
        request(version, DONGLING);
        // Both groups' images posted with their markdown fail; each goes on as a row of its own, tried again in the same
        // pass, where one of them fails a second time: that row waits out its backoff; no markdown is posted again.
        bridge.failNextImages(3);

        dispatcher.dispatchDue(50);
        JsonObject halfway = report(DONGLING);
        assertThat(halfway.getInteger("delivered")).as("one image still to go: its group is not delivered yet: %s", halfway).isEqualTo(1);
        assertThat(halfway.getInteger("waiting")).isEqualTo(1);
        assertThat(halfway.getJsonArray("reasons").getJsonObject(0).getString("reason")).startsWith("明细图 (image): bridge answered 503");

        clock.advance(Duration.ofSeconds(10)); // past the first backoff
        dispatcher.dispatchDue(50);

        for (String group : List.of("g-201-1", "g-201-2")) {
            List<JsonObject> got = bridge.deliveries(group);
            assertThat(got).as(group).hasSize(2);
            assertThat(got.get(0).getString("type")).isEqualTo("text");
            assertThat(got.get(0).getString("text")).isEqualTo(MARKDOWN);
            JsonObject image = got.get(1);
            assertThat(image.getString("type")).isEqualTo("image");
            assertThat(image.getString("deliveryId")).isEqualTo(got.get(0).getString("deliveryId") + ".1");
            byte[] decoded = Base64.getDecoder().decode(image.getJsonObject("image").getString("base64"));
            assertThat(decoded).isEqualTo(png);
            assertThat(readable(decoded)).as("decodes to a PNG").isTrue();
            assertThat(image.getJsonObject("image").getString("md5")).isEqualTo(md5(decoded));
            assertThat(image.getJsonObject("image").getString("mime")).isEqualTo("image/png");
        }
        List<String> arrivals = bridge.arrivals();
        assertThat(arrivals.stream().filter(a -> a.contains(" text "))).as("each markdown posted once, the failed image notwithstanding")
                .hasSize(2).doesNotHaveDuplicates();
        assertThat(arrivals.stream().filter(a -> a.endsWith(" image 503")).collect(java.util.stream.Collectors.groupingBy(a -> a.split(" ")[0],
                java.util.stream.Collectors.counting())).values()).as("each image refused under its one id: once, and once twice")
                .containsExactlyInAnyOrder(1L, 2L);
        assertThat(arrivals.stream().filter(a -> a.endsWith(" image 200"))).hasSize(2).doesNotHaveDuplicates();
        JsonObject village = report(DONGLING);
        assertThat(village.getInteger("delivered")).as(village.encode()).isEqualTo(2);
        assertThat(village.getInteger("waiting") + village.getInteger("held") + village.getInteger("failed")).isZero();

        request(version, DONGLING);
        clock.advance(Duration.ofMinutes(5));
        dispatcher.dispatchDue(50);
        assertThat(bridge.arrivals()).as("asked again (a crash before the request was marked): nothing more").isEqualTo(arrivals);
    }

    @Test
    void aGroupRobotPostsTheMarkdownThenTheImage() {
        byte[] png = png();
        long version = published(SHANGYANG, 1, png, null);
        request(version, SHANGYANG);

        // WxJava's first calls may outlast a pass's linger (a send still out is settled by the next pass).
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        do {
            dispatcher.dispatchDue(50);
        } while (wecom.findAll(postRequestedFor(urlPathEqualTo(WEBHOOK))).size() < 2 && System.nanoTime() < until);
        dispatcher.dispatchDue(50);

        List<JsonObject> posts = wecom.findAll(postRequestedFor(urlPathEqualTo(WEBHOOK))).stream().map(r -> {
            assertThat(r.queryParameter("key").firstValue()).isEqualTo(ROBOT_KEY);
            return new JsonObject(r.getBodyAsString());
        }).toList();
        assertThat(posts).as("outbox: %s", outbox()).extracting(p -> p.getString("msgtype")).containsExactly("text", "image");
        assertThat(posts.get(0).getJsonObject("text").getString("content")).isEqualTo(MARKDOWN);
        JsonObject image = posts.get(1).getJsonObject("image");
        assertThat(Base64.getDecoder().decode(image.getString("base64"))).isEqualTo(png);
        assertThat(image.getString("md5")).isEqualTo(md5(png));
        assertThat(report(SHANGYANG).getInteger("delivered")).isEqualTo(1);
    }

    @Test
    void aVersionWithoutItsImageGoesAsItsMarkdownAloneAndTheReportSaysWhy() {
        long version = published(DONGLING, 1, null, "明细图生成失败：字体缺失");
        request(version, DONGLING);

        dispatcher.dispatchDue(50);
        clock.advance(Duration.ofMinutes(1));
        dispatcher.dispatchDue(50);

        assertThat(bridge.deliveries("g-201-1")).extracting(d -> d.getString("type")).containsExactly("text");
        assertThat(bridge.deliveries("g-201-2")).extracting(d -> d.getString("type")).containsExactly("text");
        JsonObject village = report(DONGLING);
        assertThat(village.getInteger("delivered")).isEqualTo(2);
        assertThat(village.getJsonArray("notes").encode()).contains("markdown alone, no image").contains("明细图生成失败：字体缺失");
    }

    @Test
    void anImageOverTheGroupRobotsTwoMegabytesFailsWithoutACall() {
        GroupRobot robot = new GroupRobot(URI.create("http://127.0.0.1:" + wecom.port()));
        assertThat(robot.sendImage(ROBOT_KEY, PushImage.of(new byte[GroupRobot.MAX_IMAGE_BYTES + 1]))).isInstanceOf(Delivery.Failed.class);
        assertThat(wecom.findAll(postRequestedFor(urlPathEqualTo(WEBHOOK)))).isEmpty();
    }

    // ---- fixtures ----


    /** Every outbox row: delivery id, status, reason. */
    private List<String> outbox() {
        List<String> out = new java.util.ArrayList<>();
        try (var c = db.database().dataSource().getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT delivery_id, status, last_error FROM outbox ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + rs.getString(2) + (rs.getString(3) == null ? "" : " " + rs.getString(3)));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private long published(String village, int version, byte[] png, String renderProblem) {
        try (var c = db.database().dataSource().getConnection();
             var ps = c.prepareStatement("INSERT INTO disclosure (village_code, county_code, disclosure_month, version, status, content_hash, "
                     + "lines_json, uploaded_by, uploaded_at, ready_at, published_at, summary_md, details_png, render_problem) "
                     + "VALUES (?, '359901', '2026-02', ?, 'PUBLISHED', ?, '[]', 1, ?, ?, ?, ?, ?, ?)", java.sql.Statement.RETURN_GENERATED_KEYS)) {
            java.sql.Timestamp at = java.sql.Timestamp.from(clock.instant());
            ps.setString(1, village);
            ps.setInt(2, version);
            ps.setString(3, "0".repeat(64));
            ps.setTimestamp(4, at);
            ps.setTimestamp(5, at);
            ps.setTimestamp(6, at);
            ps.setString(7, MARKDOWN);
            ps.setBytes(8, png);
            ps.setString(9, renderProblem);
            ps.executeUpdate();
            try (var keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The version's delivery request as DisclosureDesk writes it when it publishes. */
    private void request(long version, String village) {
        db.database().inTransaction(s -> Outbox.requestOnce(s, clock.instant(), DisclosureDesk.pushKey(version), DisclosureDesk.PUBLISHED_EVENT,
                OutboxMessage.disclosureToVillagers(village, version, MARKDOWN)));
    }

    private JsonObject report(String village) {
        JsonObject report = new PushReport(db.database(), new DisclosureGroupSendOutcomes(db.database()))
                .of(DisclosureMonth.parse("2026-02").orElseThrow(), "");
        return report.getJsonArray("villages").stream().map(JsonObject.class::cast).filter(v -> v.getString("code").equals(village))
                .findFirst().orElseThrow(() -> new AssertionError(report.encode()));
    }

    private static byte[] png() {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 40; x++) {
            image.setRGB(x, x % 30, 0xC0392B);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static boolean readable(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes)) != null && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
        } catch (IOException e) {
            return false;
        }
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
