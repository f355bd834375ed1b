package org.jianqun.launcher;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.testing.CsvFiles.REGIONS;
import static org.jianqun.core.testing.CsvFiles.csv;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jianqun.core.CoreServices;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.http.ApiRoutes;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.media.TestImages;
import org.jianqun.core.persistence.TicketMapper;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestRedis;
import org.jianqun.core.testing.TestServer;
import org.jianqun.core.ticket.TicketState;
import org.jianqun.gateway.bridge.BridgeRoutes;
import org.jianqun.gateway.bridge.BridgeSignature;
import org.jianqun.gateway.flagging.MessageFlagger;
import org.jianqun.gateway.inbox.Inbox;
import org.jianqun.gateway.outbound.BridgeOutbound;
import org.jianqun.gateway.outbound.OutboxDispatcher;
import org.jianqun.gateway.outbound.Pacer;
import org.jianqun.gateway.outbound.SubscribeMessages;
import org.jianqun.gateway.processing.MessageProcessor;
import org.jianqun.miniapp.MiniappModule;
import org.jianqun.miniapp.wechat.WxWechat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's first "Done when": a villager's story from the phone, with the cadre in the chat and WireMock as
 * WeChat (and as the bridge's far end): session → home village → a photo → report → the cadre claims and resolves
 * in the village's group → the reporter's subscribe messages at WeChat and the steps in GET /reports/{no} →
 * rating → closed. Both roles (miniapp, gateway) in one process on one database, as the launcher runs them.
 */
class MiniappStoryTest {
    private static final String GROUP = "g-201-1";
    private static final String VILLAGE = "359901100201";
    private static final String TEMPLATE = "tmpl-progress-1";
    private static final BridgeSignature SIGNER = new BridgeSignature("story-secret-0123456789");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private TestDatabase db;
    private RedisStore redis;
    private WireMockServer wechat;
    private TestServer server;
    private MessageProcessor processor;
    private OutboxDispatcher dispatcher;
    private int sequence;

    @BeforeEach
    void open() {
        db = TestDatabase.fresh();
        redis = TestRedis.fresh();
        wechat = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1));
        wechat.start();
        wechat.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson("{\"access_token\":\"TOKEN\",\"expires_in\":7200}")));
        wechat.stubFor(get(urlPathEqualTo("/sns/jscode2session")).withQueryParam("js_code", equalTo("login-1"))
                .willReturn(okJson("{\"openid\":\"o-villager\",\"session_key\":\"SK\"}")));
        wechat.stubFor(post(urlPathEqualTo("/cgi-bin/message/subscribe/send")).willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\"}")));
        wechat.stubFor(post(urlPathEqualTo("/bridge-out")).willReturn(aResponse().withStatus(200)));
        byte[] dataKey = new byte[32];
        new SecureRandom().nextBytes(dataKey);
        JianqunConfig config = JianqunConfig.load(ConfigSource.of(Map.of("JIANQUN_MINIAPP_APPID", "wx-story", "JIANQUN_MINIAPP_SECRET", "s",
                "JIANQUN_MINIAPP_API_BASE", "http://127.0.0.1:" + wechat.port(), "JIANQUN_MINIAPP_TEMPLATE_PROGRESS", TEMPLATE)));
        CoreServices core = CoreServices.assemble(config, clock, db.database(), redis, new PasswordHasher(10_000));
        core.importer().importCsv(ImportKind.REGIONS, csv(REGIONS), null);
        core.importer().importCsv(ImportKind.GROUPS, csv("channel,group_id,village_code,name", "bridge," + GROUP + "," + VILLAGE + ",东岭村监督群"), null);
        core.importer().importCsv(ImportKind.PEOPLE, csv("name,role,scope_code,channel,channel_user_id,username,password",
                "东岭村干部,village_cadre," + VILLAGE + ",bridge,cadre-201,,"), null);
        List<ApiRoutes> routes = new ArrayList<>(new MiniappModule(core, dataKey,
                Optional.of(WxWechat.create(config.miniapp().orElseThrow(), config.miniappApiBase(), redis))).routes());
        routes.add(new BridgeRoutes(SIGNER, new Inbox(db.database(), clock), vertx -> { }));
        server = TestServer.start(routes);
        processor = new MessageProcessor(db.database(), core.desk(), core.queries(), new MessageFlagger(), clock);
        dispatcher = new OutboxDispatcher(db.database(), Optional.of(new BridgeOutbound(URI.create("http://127.0.0.1:" + wechat.port() + "/bridge-out"),
                SIGNER)), Optional.empty(), Optional.empty(), new Pacer(redis, clock), clock);
        dispatcher.carryingSubscribeMessagesBy(SubscribeMessages.configured(config, db.database(), redis, clock).orElseThrow());
    }

    @AfterEach
    void close() {
        server.close();
        wechat.stop();
        redis.close();
        db.close();
    }

    private void cadreSays(String text) {
        byte[] body = new JsonObject().put("messageId", "story-" + (++sequence)).put("groupId", GROUP)
                .put("sender", new JsonObject().put("id", "cadre-201").put("name", "东岭村干部")).put("type", "text").put("text", text)
                .put("sentAt", clock.instant().toString()).encode().getBytes(StandardCharsets.UTF_8);
        String ts = SIGNER.timestampNow();
        TestServer.Reply reply = server.send(HttpRequest.newBuilder(server.uri("/bridge/v1/messages"))
                .header(BridgeSignature.TIMESTAMP_HEADER, ts).header(BridgeSignature.SIGNATURE_HEADER, SIGNER.sign(ts, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        processor.processWaiting(50);
        deliver();
    }

    private void deliver() {
        for (int i = 0; i < 4; i++) { // a notice to a complainant is routed on to the reporter: a second pass sends it
            dispatcher.dispatchDue(50);
        }
    }

    /** The subscribe messages WeChat received, as their "thing2" (the step). */
    private List<String> subscribeSteps() {
        List<String> steps = new ArrayList<>();
        for (LoggedRequest r : wechat.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/message/subscribe/send")))) {
            JsonObject sent = new JsonObject(r.getBodyAsString());
            assertThat(sent.getString("touser")).isEqualTo("o-villager");
            assertThat(sent.getString("template_id")).isEqualTo(TEMPLATE);
            steps.add(sent.getJsonObject("data").getJsonObject("thing2").getString("value"));
            assertThat(sent.getJsonObject("data").getJsonObject("thing2").getString("value").length()).isLessThanOrEqualTo(20);
        }
        return steps;
    }

    private TestServer.Reply json(String method, String path, String token, JsonObject body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.encode()));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return server.send(b.build());
    }

    @Test
    void aVillagersReportFromThePhoneToClosed() {
        TestServer.Reply session = json("POST", "/miniapp/v1/session", null, new JsonObject().put("code", "login-1"));
        assertThat(session.status()).as(session.body()).isEqualTo(200);
        String token = session.json().getString("token");
        assertThat(json("PUT", "/miniapp/v1/me/village", token, new JsonObject().put("villageCode", VILLAGE)).status()).isEqualTo(200);

        String boundary = "----story";
        ByteArrayOutputStream multipart = new ByteArrayOutputStream();
        multipart.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"lamp.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        multipart.writeBytes(TestImages.jpegWithEverything(64, 48, 6));
        multipart.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        TestServer.Reply photo = server.post("/miniapp/v1/media", token, "multipart/form-data; boundary=" + boundary, multipart.toByteArray());
        assertThat(photo.status()).as(photo.body()).isEqualTo(201);
        String mediaId = photo.json().getString("mediaId");

        TestServer.Reply report = json("POST", "/miniapp/v1/reports", token, new JsonObject().put("villageCode", VILLAGE)
                .put("content", "村口路灯坏了三个月，晚上很黑").put("mediaIds", new JsonArray().add(mediaId)).put("subscribe", true));
        assertThat(report.status()).as(report.body()).isEqualTo(201);
        long no = report.json().getLong("no");
        deliver();
        assertThat(subscribeSteps()).hasSize(1);
        assertThat(subscribeSteps().get(0)).startsWith("已登记工单 #" + no);
        // Read before the cadre acts: the steps this process keeps of the report must give way to the chat's.
        assertThat(stepTexts(server.get("/miniapp/v1/reports/" + no, token).json())).containsExactly("已登记，由村级办理");

        cadreSays("认领 #" + no);
        cadreSays("办结 #" + no + " 已更换路灯");
        List<String> steps = subscribeSteps();
        assertThat(steps).hasSize(3);
        assertThat(steps.get(1)).contains("#" + no, "认领");
        assertThat(steps.get(2)).contains("#" + no, "已办结");

        JsonObject mine = server.get("/miniapp/v1/reports/" + no, token).json();
        assertThat(mine.getString("state")).isEqualTo("resolved");
        assertThat(mine.getBoolean("mayRate")).isTrue();
        assertThat(mine.getString("resolution")).isEqualTo("已更换路灯");
        assertThat(mine.getJsonArray("photos")).containsExactly(mediaId);
        List<String> shown = stepTexts(mine);
        assertThat(shown).containsExactly("已登记，由村级办理", "已受理，正在办理", "已办结：已更换路灯");
        assertThat(mine.encode()).doesNotContain("东岭村干部"); // no internal detail: not even who handled it
        assertThat(server.get("/miniapp/v1/reports", token).json().getJsonArray("reports").getJsonObject(0).getLong("no")).isEqualTo(no);

        TestServer.Reply rated = json("POST", "/miniapp/v1/reports/" + no + "/rating", token, new JsonObject().put("rating", "满意"));
        assertThat(rated.status()).as(rated.body()).isEqualTo(200);
        assertThat(rated.json().getString("state")).isEqualTo("closed");
        assertThat(db.database().<TicketState>read(s -> s.getMapper(TicketMapper.class).find(no).state())).isEqualTo(TicketState.CLOSED);
        deliver();
        assertThat(subscribeSteps()).hasSize(4);
        assertThat(subscribeSteps().get(3)).contains("已结案");
        JsonObject closed = server.get("/miniapp/v1/reports/" + no, token).json();
        assertThat(closed.getString("state")).isEqualTo("closed");
        assertThat(stepTexts(closed)).containsExactly("已登记，由村级办理", "已受理，正在办理", "已办结：已更换路灯", "已结案");
        assertThat(closed.getJsonArray("photos")).containsExactly(mediaId);
    }

    /** The words of a report's steps, as the reporter reads them in GET /reports/{no}. */
    private static List<String> stepTexts(JsonObject report) {
        return report.getJsonArray("steps").stream().map(step -> ((JsonObject) step).getString("text")).toList();
    }
}
