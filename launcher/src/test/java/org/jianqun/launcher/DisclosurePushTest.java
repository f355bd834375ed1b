package org.jianqun.launcher;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.organisation.ChatGroup;
import org.jianqun.core.organisation.GroupPurpose;
import org.jianqun.core.persistence.GroupMapper;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The month, end to end in one process with every role, on the demo county and the sandbox clock set
 * to the push day: 南山村's bookkeeper uploads (an invoice 石盘村 reimbursed already, a cash payment) → the two
 * warnings → the town's resident cadre rejects one invoice → the bookkeeper corrects it → all approved → the push
 * verticle publishes → each villagers' group receives it exactly once: both bridge groups at the bridge's receiving
 * end, the external WeCom group as one owner-confirmed group-send at WireMock → a correction (version 2) arrives
 * the same way, as 更正.
 */
class DisclosurePushTest {
    private static final String SECRET = "disclosure-test-bridge-secret-0123";
    /** 南山乡 submits nothing in the demo data: its 南山村 (two bridge groups) is this test's. */
    private static final String NANSHAN = "359901102201";
    private static final String WECOM_CHAT = "wrNanshanExternal";
    private final HttpClient http = HttpClient.newHttpClient();
    private WireMockServer wecom;
    private final List<JsonObject> bridgeCalls = Collections.synchronizedList(new ArrayList<>());

    @Test
    void eachVillagersGroupReceivesTheMonthOnceAndItsCorrectionAs更正(@TempDir Path dataDir) throws Exception {
        HttpServer bridge = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        bridge.createContext("/out", exchange -> {
            bridgeCalls.add(new JsonObject(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        bridge.start();
        wecom = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1));
        wecom.start();
        wecom.stubFor(get(urlPathEqualTo("/cgi-bin/gettoken"))
                .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"token-for-tests\",\"expires_in\":7200}")));
        String api = "/cgi-bin/externalcontact/";
        wecom.stubFor(post(urlPathEqualTo(api + "groupchat/get")).willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\",\"group_chat\":{\"chat_id\":\""
                + WECOM_CHAT + "\",\"name\":\"南山村村民群\",\"owner\":\"owner-cadre-0001\",\"create_time\":1767225600,\"member_list\":[]}}")));
        wecom.stubFor(post(urlPathEqualTo(api + "add_msg_template")).willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\",\"fail_list\":[],\"msgid\":\"msg1\"}")));
        wecom.stubFor(post(urlPathEqualTo(api + "get_groupmsg_send_result"))
                .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\",\"next_cursor\":\"\",\"send_list\":[]}")));
        wecom.stubFor(post(urlPathEqualTo(api + "remind_groupmsg_send")).willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));

        Map<String, String> env = new HashMap<>(Map.of("JIANQUN_HTTP_PORT", "0", "JIANQUN_DATA_DIR", dataDir.toString(), "JIANQUN_PROFILE", "demo",
                // 09:00 in Beijing on 5 April: March's push day.
                "JIANQUN_CLOCK_START", "2026-04-05T01:00:00Z",
                "JIANQUN_BRIDGE_SECRET", SECRET, "JIANQUN_BRIDGE_OUTBOUND_URL", "http://127.0.0.1:" + bridge.getAddress().getPort() + "/out",
                "JIANQUN_WECOM_CORP_ID", "wwdisclosuretest", "JIANQUN_WECOM_TOKEN", "t",
                "JIANQUN_WECOM_AES_KEY", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", "JIANQUN_WECOM_SECRET", "test-secret-not-real"));
        env.put("JIANQUN_WECOM_AGENT_ID", "1000002");
        env.put("JIANQUN_WECOM_API_BASE", "http://127.0.0.1:" + wecom.port());
        TestRedis.fresh().close();
        env.put("JIANQUN_REDIS_URL", TestRedis.url());
        TestDatabase db = TestDatabase.realServerConfigured() ? TestDatabase.freshMariaDb() : null;
        if (db != null) {
            db.database().close(); // the platform opens its own pool on the fresh schema
            env.put("JIANQUN_DB_URL", db.settings().url());
            env.put("JIANQUN_DB_USER", db.settings().user());
            env.put("JIANQUN_DB_PASSWORD", db.settings().password());
        }
        try (Platform platform = Platform.start(JianqunConfig.load(ConfigSource.of(env)), EnumSet.allOf(ServiceRole.class))) {
            platform.core().database().inTransaction(s -> {
                s.getMapper(GroupMapper.class).insert(new ChatGroup(null, Channel.WECOM, WECOM_CHAT, NANSHAN, "南山村村民群（企业微信）",
                        GroupPurpose.VILLAGERS, null), platform.core().clock().instant());
                return null;
            });
            String base = "http://127.0.0.1:" + platform.port();
            String bookkeeper = login(base, "bookkeeper-3-1");
            String resident = login(base, "town3-resident");

            JsonObject shangyang = postJson(base + "/api/v1/villages/359901102202/disclosures/2026-03", login(base, "bookkeeper-3-2"),
                    new JsonObject().put("invoices", new JsonArray().add(invoice("00012345", "3200.00", "清源建材店", "2026-03-02", "transfer"))));
            assertThat(shangyang.getInteger("status")).as(shangyang.encode()).isEqualTo(201);

            JsonObject uploaded = postJson(base + "/api/v1/villages/" + NANSHAN + "/disclosures/2026-03", bookkeeper, month("4100.00", 1, null));
            assertThat(uploaded.getInteger("status")).as(uploaded.encode()).isEqualTo(201);
            long v1 = uploaded.getJsonObject("body").getLong("id");
            assertThat(uploaded.getJsonObject("body").getJsonArray("warnings").stream().map(w -> ((JsonObject) w).getString("rule")))
                    .containsExactlyInAnyOrder("duplicate_invoice", "cash_payment");
            review(base, resident, v1, 1, "approve", null);
            review(base, resident, v1, 2, "approve", "现金支付已说明");
            assertThat(review(base, resident, v1, 3, "reject", "金额与合同不符").getString("status")).isEqualTo("rejected");
            assertThat(postJson(base + "/api/v1/villages/" + NANSHAN + "/disclosures/2026-03", bookkeeper, month("3980.00", 1, null))
                    .getInteger("status")).isEqualTo(201);
            for (int row = 1; row <= 3; row++) {
                review(base, resident, v1, row, "approve", null);
            }

            awaitTrue(Duration.ofSeconds(90), () -> complete(v1) && groupSends("三务公开").size() == 1);
            assertThat(delivered(v1).keySet()).containsExactlyInAnyOrder("demo-" + NANSHAN + "-1", "demo-" + NANSHAN + "-2");
            delivered(v1).values().forEach(calls -> {
                assertThat(calls).as("exactly once per group: the markdown, then its image").hasSize(2);
                assertThat(calls.get(0).getString("type")).isEqualTo("text");
                assertThat(calls.get(0).getString("text")).contains("南山村 2026年3月三务公开").doesNotContain("更正");
                assertThat(calls.get(1).getString("type")).isEqualTo("image");
                assertThat(Base64.getDecoder().decode(calls.get(1).getJsonObject("image").getString("base64"))).startsWith(PNG_SIGNATURE);
            });

            // A correction after publication: version 2 with its reason, reviewed again, out at once.
            JsonObject v2 = postJson(base + "/api/v1/villages/" + NANSHAN + "/disclosures/2026-03", bookkeeper,
                    month("3900.00", 2, "水渠清淤金额按结算单更正"));
            assertThat(v2.getInteger("status")).as(v2.encode()).isEqualTo(201);
            long second = v2.getJsonObject("body").getLong("id");
            for (int row = 1; row <= 3; row++) {
                review(base, resident, second, row, "approve", null);
            }
            awaitTrue(Duration.ofSeconds(90), () -> complete(second) && groupSends("【更正】").size() == 1);
            delivered(second).values().forEach(calls -> {
                assertThat(calls).extracting(c -> c.getString("type")).containsExactly("text", "image");
                assertThat(calls.get(0).getString("text")).startsWith("## 【更正】南山村 2026年3月三务公开").contains("水渠清淤金额按结算单更正");
            });
            Thread.sleep(2_000);
            assertThat(delivered(v1).values().stream().mapToInt(List::size).sum()).as("nothing arrived twice meanwhile").isEqualTo(4);
            assertThat(groupSends("三务公开")).as("one group-send per version for the external group").hasSize(2);
            assertThat(groupSends("三务公开").stream().map(b -> b.getString("chat_type"))).containsOnly("group");

            HttpResponse<String> report = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/disclosure/push?month=2026-03&scope=359901102"))
                    .header("Authorization", "Bearer " + resident).build(), HttpResponse.BodyHandlers.ofString());
            JsonObject village = new JsonObject(report.body()).getJsonArray("villages").stream().map(JsonObject.class::cast)
                    .filter(v -> v.getString("code").equals(NANSHAN)).findFirst().orElseThrow();
            // Each version: two bridge groups (markdown and image both delivered) and the external group's task.
            assertThat(village.getInteger("delivered")).as(report.body()).isEqualTo(4);
            assertThat(village.getJsonArray("notes").encode()).contains("group-sends 1 queued");
        } finally {
            bridge.stop(0);
            wecom.stop();
            if (db != null) {
                db.close();
            }
        }
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G'};

    /** Both bridge groups have the version's markdown and image. */
    private boolean complete(long disclosureId) {
        Map<String, List<JsonObject>> calls = delivered(disclosureId);
        return calls.size() == 2 && calls.values().stream().allMatch(c -> c.size() >= 2);
    }

    /** Bridge calls for a version, by group. */
    private Map<String, List<JsonObject>> delivered(long disclosureId) {
        synchronized (bridgeCalls) {
            return bridgeCalls.stream().filter(c -> c.getString("deliveryId").startsWith("disclosure:" + disclosureId + "."))
                    .collect(Collectors.groupingBy(c -> c.getString("groupId")));
        }
    }

    /** The group-sends WeCom was asked to create whose text contains {@code containing}. */
    private List<JsonObject> groupSends(String containing) {
        return wecom.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/externalcontact/add_msg_template"))).stream()
                .map(r -> new JsonObject(r.getBodyAsString()))
                .filter(b -> b.getJsonObject("text", new JsonObject()).getString("content", "").contains(containing)).toList();
    }

    private static JsonObject invoice(String number, String amount, String payee, String date, String method) {
        return new JsonObject().put("code", "3500191130").put("number", number).put("amount", amount).put("payee", payee).put("date", date)
                .put("paymentMethod", method).put("purpose", "村道修补");
    }

    private static JsonObject month(String thirdAmount, int version, String reason) {
        return new JsonObject().put("version", version).put("correctionReason", reason)
                .put("finance", new JsonArray()
                        .add(new JsonObject().put("kind", "income").put("item", "上级转移支付").put("amount", "50000.00"))
                        .add(new JsonObject().put("kind", "spending").put("item", "村道修补材料").put("amount", "3200.00").put("invoice", "00012345")))
                .put("invoices", new JsonArray()
                        .add(invoice("00012345", "3200.00", "清源建材店", "2026-03-04", "transfer"))
                        .add(invoice("00022222", "860.50", "东岭文具店", "2026-03-11", "cash"))
                        .add(invoice("00033333", thirdAmount, "溪口劳务队", "2026-03-20", "transfer")));
    }

    private String login(String base, String user) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", user).put("password", "demo-officer").encode())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body()).getString("token");
    }

    private JsonObject postJson(String url, String token, JsonObject body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
                HttpResponse.BodyHandlers.ofString());
        return new JsonObject().put("status", r.statusCode()).put("body", new JsonObject(r.body()));
    }

    private JsonObject review(String base, String token, long id, int row, String decision, String reason) throws Exception {
        JsonObject r = postJson(base + "/api/v1/disclosures/" + id + "/invoices/" + row + "/review", token,
                new JsonObject().put("decision", decision).put("reason", reason));
        assertThat(r.getInteger("status")).as(r.encode()).isEqualTo(200);
        return r.getJsonObject("body");
    }

    private static void awaitTrue(Duration within, BooleanSupplier condition) throws InterruptedException {
        Instant until = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("not within " + within);
            }
            Thread.sleep(250);
        }
    }
}
