package org.jianqun.miniapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.jianqun.core.testing.CsvFiles.REGIONS;
import static org.jianqun.core.testing.CsvFiles.csv;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.vertx.core.json.JsonObject;
import java.net.URI;
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
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestRedis;
import org.jianqun.core.testing.TestServer;
import org.jianqun.miniapp.wechat.WxWechat;

/**
 * The mini-program API over real HTTP on the real database and Redis, with WireMock standing where WeChat's
 * servers would: {@code /cgi-bin/token}, {@code /sns/jscode2session}, getPhoneNumber and msgSecCheck.
 * A login code {@code code-<openid>} signs that openid in; WeChat's refusals are stubbed per test.
 */
final class MiniappFixture implements AutoCloseable {
    static final String APP_ID = "wx-test-app";
    static final String ACCESS_TOKEN = "ACCESS-TOKEN-NEVER-LOGGED";
    static final String SESSION_KEY = "SESSION-KEY-NEVER-LEAVES";
    static final String PHONE = "13912345678";
    static final String VILLAGE = "359901100201";

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    final TestDatabase db;
    final RedisStore redis;
    final WireMockServer wechat;
    final CoreServices core;
    final byte[] dataKey = new byte[32];
    final TestServer server;

    MiniappFixture(List<ApiRoutes> extraRoutes) {
        db = TestDatabase.fresh();
        redis = TestRedis.fresh();
        wechat = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1));
        wechat.start();
        stubWechat();
        new SecureRandom().nextBytes(dataKey);
        JianqunConfig config = JianqunConfig.load(ConfigSource.of(Map.of("JIANQUN_MINIAPP_APPID", APP_ID, "JIANQUN_MINIAPP_SECRET", "app-secret",
                "JIANQUN_MINIAPP_API_BASE", "http://127.0.0.1:" + wechat.port())));
        core = CoreServices.assemble(config, clock, db.database(), redis, new PasswordHasher(10_000));
        core.importer().importCsv(ImportKind.REGIONS, csv(REGIONS), null);
        List<ApiRoutes> routes = new ArrayList<>(new MiniappModule(core, dataKey,
                Optional.of(WxWechat.create(config.miniapp().orElseThrow(), config.miniappApiBase(), redis))).routes());
        routes.addAll(extraRoutes);
        server = TestServer.start(routes);
    }

    void stubWechat() {
        wechat.resetAll();
        wechat.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson("{\"access_token\":\"" + ACCESS_TOKEN + "\",\"expires_in\":7200}")));
        wechat.stubFor(get(urlPathEqualTo("/sns/jscode2session")).atPriority(10)
                .willReturn(okJson("{\"errcode\":40029,\"errmsg\":\"invalid code\"}")));
        wechat.stubFor(post(urlPathEqualTo("/wxa/business/getuserphonenumber")).atPriority(10)
                .willReturn(okJson("{\"errcode\":40029,\"errmsg\":\"invalid code\"}")));
        wechat.stubFor(post(urlPathEqualTo("/wxa/business/getuserphonenumber")).atPriority(1)
                .withRequestBody(WireMock.equalToJson("{\"code\":\"phone-good\"}"))
                .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\",\"phone_info\":{\"phoneNumber\":\"" + PHONE + "\",\"purePhoneNumber\":\""
                        + PHONE + "\",\"countryCode\":\"86\"}}")));
    }

    /** Makes {@code code-<openid>} a good login code for that openid. */
    void loginCode(String openid) {
        wechat.stubFor(get(urlPathEqualTo("/sns/jscode2session")).atPriority(1).withQueryParam("js_code", WireMock.equalTo("code-" + openid))
                .willReturn(okJson("{\"openid\":\"" + openid + "\",\"session_key\":\"" + SESSION_KEY + "\"}")));
    }

    /** Makes WeChat answer {@code code} with an error code. */
    void refusedCode(String code, int errcode) {
        wechat.stubFor(get(urlPathEqualTo("/sns/jscode2session")).atPriority(1).withQueryParam("js_code", WireMock.equalTo(code))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"errcode\":" + errcode + ",\"errmsg\":\"refused\"}")));
    }

    TestServer.Reply signIn(String code) {
        return postJson("/miniapp/v1/session", null, new JsonObject().put("code", code));
    }

    /** Signs {@code openid} in and answers its token (fails the test otherwise). */
    String token(String openid) {
        loginCode(openid);
        TestServer.Reply reply = signIn("code-" + openid);
        if (reply.status() != 200) {
            throw new IllegalStateException("sign-in answered " + reply.status() + ": " + reply.body());
        }
        return reply.json().getString("token");
    }

    TestServer.Reply postJson(String path, String token, JsonObject body) {
        return server.post(path, token, "application/json", body.encode().getBytes(StandardCharsets.UTF_8));
    }

    TestServer.Reply putJson(String path, String token, JsonObject body) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(server.uri(path))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body.encode())).header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return server.send(b.build());
    }

    /** {@code POST /miniapp/v1/media} with one file part, as wx.uploadFile sends it. */
    TestServer.Reply upload(String token, String fileName, String declaredType, byte[] file) {
        String boundary = "----jianqun" + Long.toHexString(System.nanoTime());
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: " + declaredType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return server.post("/miniapp/v1/media", token, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    /** Uploads a plain JPEG and answers its media id (fails the test otherwise). */
    String photo(String token) {
        TestServer.Reply reply = upload(token, "photo.jpg", "image/jpeg", org.jianqun.core.media.TestImages.plainJpeg(32, 24));
        if (reply.status() != 201) {
            throw new IllegalStateException("upload answered " + reply.status() + ": " + reply.body());
        }
        return reply.json().getString("mediaId");
    }

    URI wechatBase() {
        return URI.create("http://127.0.0.1:" + wechat.port());
    }

    @Override
    public void close() {
        server.close();
        wechat.stop();
        redis.close();
        db.close();
    }
}
