package org.jianqun.miniapp;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.jianqun.core.access.Role;
import org.jianqun.core.account.ClientAddress;
import org.jianqun.core.account.LoginResult;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.http.ApiRoutes;
import org.jianqun.core.http.Authentication;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.persistence.PersonMapper;
import org.jianqun.core.testing.TestServer;
import org.jianqun.miniapp.wechat.WechatSession;
import org.jianqun.miniapp.wechat.WxWechat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 12 item 1: sessions, the two kinds of token, the region tree, the home village and the phone. */
class SessionApiTest {
    /** An officer route as the console mounts one: core's bearer authentication in front. */
    private static MiniappFixture fixture;

    private static final ApiRoutes OFFICER_PROBE = (router, blocking) -> router.get("/api/v1/probe")
            .handler(ctx -> Authentication.bearer(fixture.core.auth(), blocking).handle(ctx))
            .handler(ctx -> ctx.response().end("officer"));

    @BeforeAll
    static void start() {
        fixture = new MiniappFixture(List.of(OFFICER_PROBE));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void fresh() {
        fixture.stubWechat();
        fixture.redis.sync().keys("jianqun:miniapp:rate:*").forEach(k -> fixture.redis.sync().del(k));
    }

    private static long count(String sql) {
        return fixture.db.database().read(s -> {
            try (var st = s.getConnection().createStatement(); var rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aGoodCodeGivesATokenAndTheSameUserEachTime() {
        fixture.loginCode("o-alice");
        TestServer.Reply first = fixture.signIn("code-o-alice");
        assertThat(first.status()).isEqualTo(200);
        JsonObject body = first.json();
        assertThat(body.getString("token")).startsWith("mp.");
        assertThat(body.getLong("expiresIn")).isEqualTo(7 * 24 * 3600L);
        assertThat(body.getJsonObject("user").getBoolean("phoneBound")).isFalse();
        assertThat(first.body()).doesNotContain(MiniappFixture.SESSION_KEY).doesNotContain("o-alice");

        TestServer.Reply again = fixture.signIn("code-o-alice");
        assertThat(again.json().getJsonObject("user").getLong("id")).isEqualTo(body.getJsonObject("user").getLong("id"));
        assertThat(again.json().getString("token")).isNotEqualTo(body.getString("token"));
        assertThat(count("SELECT COUNT(*) FROM miniapp_user WHERE openid = 'o-alice'")).isEqualTo(1);

        TestServer.Reply me = fixture.server.get("/miniapp/v1/me", body.getString("token"));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().getLong("id")).isEqualTo(body.getJsonObject("user").getLong("id"));
    }

    @Test
    void aBadOrUsedCodeIs401AndMakesNoUser() {
        long users = count("SELECT COUNT(*) FROM miniapp_user");
        fixture.refusedCode("used-code", 40163);
        for (String code : new String[] {"used-code", "never-issued"}) {
            TestServer.Reply reply = fixture.signIn(code);
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.json().getString("error")).isEqualTo("invalid_code");
            assertThat(reply.json().getString("message")).contains("登录码");
        }
        assertThat(count("SELECT COUNT(*) FROM miniapp_user")).isEqualTo(users);
    }

    @Test
    void aBusyWechatIs503WithRetryAfterAndIsNotRetried() {
        long people = count("SELECT COUNT(*) FROM person");
        fixture.refusedCode("busy-code", -1);
        fixture.refusedCode("limited-code", 45011);
        for (String code : new String[] {"busy-code", "limited-code"}) {
            TestServer.Reply reply = fixture.signIn(code);
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.json().getString("error")).isEqualTo("wechat_busy");
            assertThat(reply.header("Retry-After")).isNotNull();
            assertThat(Integer.parseInt(reply.header("Retry-After"))).isPositive();
        }
        // WxJava retries -1 by default; here each refused code reached WeChat once.
        fixture.wechat.verify(1, getRequestedFor(urlPathEqualTo("/sns/jscode2session")).withQueryParam("js_code",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo("busy-code")));
        assertThat(count("SELECT COUNT(*) FROM person")).isEqualTo(people);
    }

    @Test
    void missingOrMalformedBodiesNameTheField() {
        TestServer.Reply none = fixture.postJson("/miniapp/v1/session", null, new JsonObject());
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().getString("field")).isEqualTo("code");
        TestServer.Reply notJson = fixture.server.post("/miniapp/v1/session", null, "application/json", "{code".getBytes());
        assertThat(notJson.status()).isEqualTo(400);
    }

    @Test
    void tokensOfOneKindAreRefusedByTheOther() {
        fixture.db.database().inTransaction(s -> {
            s.getMapper(PersonMapper.class).insert(new Person(null, "东岭镇办事员", Role.TOWN_OFFICER, "359901100", null, null, "town-officer",
                    new PasswordHasher(10_000).hash("town-password")), fixture.clock.instant());
            return null;
        });
        LoginResult login = fixture.core.auth().login("town-officer", "town-password", ClientAddress.ofLiteral("127.0.0.1"));
        String officer = ((LoginResult.Success) login).token();
        assertThat(fixture.server.get("/api/v1/probe", officer).status()).isEqualTo(200);

        TestServer.Reply officerHere = fixture.server.get("/miniapp/v1/me", officer);
        assertThat(officerHere.status()).isEqualTo(401);
        assertThat(officerHere.json().getString("error")).isEqualTo("unauthorized");

        String miniapp = fixture.token("o-bob");
        assertThat(fixture.server.get("/miniapp/v1/me", miniapp).status()).isEqualTo(200);
        assertThat(fixture.server.get("/api/v1/probe", miniapp).status()).isEqualTo(401);
        assertThat(fixture.server.get("/miniapp/v1/me", null).status()).isEqualTo(401);
        assertThat(fixture.server.get("/miniapp/v1/me", "mp.forged").status()).isEqualTo(401);
    }

    @Test
    void theRegionTreeLeadsToAVillageThatBecomesHome() {
        String token = fixture.token("o-carol");
        JsonObject roots = fixture.server.get("/miniapp/v1/regions", token).json();
        assertThat(roots.getJsonArray("regions").getJsonObject(0).getString("code")).isEqualTo("3599");
        JsonObject villages = fixture.server.get("/miniapp/v1/regions?parent=359901100", token).json();
        assertThat(villages.getJsonArray("regions")).hasSize(2);
        JsonObject found = fixture.server.get("/miniapp/v1/regions?q=" + java.net.URLEncoder.encode("上洋", java.nio.charset.StandardCharsets.UTF_8), token).json();
        assertThat(found.getJsonArray("regions")).hasSize(1);
        assertThat(found.getJsonArray("regions").getJsonObject(0).getString("code")).isEqualTo("359901100202");
        assertThat(fixture.server.get("/miniapp/v1/regions?q=%25", token).json().getJsonArray("regions")).isEmpty();
        assertThat(fixture.server.get("/miniapp/v1/regions?parent=abc", token).status()).isEqualTo(400);

        TestServer.Reply town = fixture.putJson("/miniapp/v1/me/village", token, new JsonObject().put("villageCode", "359901100"));
        assertThat(town.status()).isEqualTo(404);
        assertThat(town.json().getString("error")).isEqualTo("village_not_found");
        TestServer.Reply missing = fixture.putJson("/miniapp/v1/me/village", token, new JsonObject().put("villageCode", "359901100299"));
        assertThat(missing.status()).isEqualTo(404);

        TestServer.Reply home = fixture.putJson("/miniapp/v1/me/village", token, new JsonObject().put("villageCode", MiniappFixture.VILLAGE));
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.json().getString("villageCode")).isEqualTo(MiniappFixture.VILLAGE);
        long id = home.json().getLong("id");
        assertThat(fixture.db.database().read(s -> s.getMapper(PersonMapper.class).find(id)).scopeCode()).isEqualTo(MiniappFixture.VILLAGE);
    }

    @Test
    void aPhoneIsBoundFromItsCodeAndStoredOnlyAsCiphertext() {
        String token = fixture.token("o-dave");
        TestServer.Reply bad = fixture.putJson("/miniapp/v1/me/phone", token, new JsonObject().put("code", "phone-used"));
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.json().getString("message")).contains("手机号授权码");

        TestServer.Reply bound = fixture.putJson("/miniapp/v1/me/phone", token, new JsonObject().put("code", "phone-good"));
        assertThat(bound.status()).isEqualTo(200);
        assertThat(bound.json().getBoolean("phoneBound")).isTrue();
        assertThat(bound.body()).doesNotContain(MiniappFixture.PHONE);
        long id = bound.json().getLong("id");
        String raw = fixture.db.database().read(s -> {
            try (var st = s.getConnection().prepareStatement("SELECT phone_sealed FROM miniapp_user WHERE person_id = ?")) {
                st.setLong(1, id);
                try (var rs = st.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(raw).startsWith("v1.").doesNotContain(MiniappFixture.PHONE).doesNotContain("3912345678");
        MiniappParts parts = MiniappModule.parts(fixture.core, fixture.dataKey, null);
        assertThat(parts.users().phone(id)).contains(MiniappFixture.PHONE);
    }

    @Test
    void aUserOverTheirBudgetGets429WithRetryAfter() {
        String token = fixture.token("o-erin");
        int ok = 0;
        TestServer.Reply last = null;
        for (int i = 0; i < 130; i++) {
            last = fixture.server.get("/miniapp/v1/me", token);
            if (last.status() == 200) {
                ok++;
            } else {
                break;
            }
        }
        assertThat(ok).isLessThanOrEqualTo(120);
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.json().getString("error")).isEqualTo("rate_limited");
        assertThat(last.header("Retry-After")).isNotNull();
    }

    @Test
    void everyInstanceSharesOneAccessTokenFetchedOnce() throws Exception {
        fixture.redis.sync().keys("jianqun:miniapp:wx-access-token*").forEach(k -> fixture.redis.sync().del(k));
        fixture.loginCode("o-frank");
        // Two instances of the platform: two WxMaServices, one Redis.
        var config = fixture.core.config();
        WxWechat one = WxWechat.create(config.miniapp().orElseThrow(), fixture.wechatBase(), fixture.redis);
        WxWechat two = WxWechat.create(config.miniapp().orElseThrow(), fixture.wechatBase(), fixture.redis);
        fixture.wechat.resetRequests();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<WechatSession>> all = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            WxWechat w = i % 2 == 0 ? one : two;
            all.add(pool.submit(() -> w.session("code-o-frank")));
        }
        for (var f : all) {
            assertThat(f.get().openid()).isEqualTo("o-frank");
        }
        pool.shutdown();
        fixture.wechat.verify(1, getRequestedFor(urlPathEqualTo("/cgi-bin/token")));
        assertThat(fixture.redis.sync().get("jianqun:miniapp:wx-access-token:" + MiniappFixture.APP_ID)).isEqualTo(MiniappFixture.ACCESS_TOKEN);
        assertThat(Map.of()).isEmpty();
    }

    /** Nothing of WeChat's session, the access token or the phone reaches a log, at any level the platform logs at. */
    @Test
    void noSecretOrPhoneIsLogged() {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Level before = root.getLevel();
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> captured = new ch.qos.logback.core.read.ListAppender<>();
        captured.start();
        root.addAppender(captured);
        root.setLevel(ch.qos.logback.classic.Level.TRACE);
        try {
            fixture.redis.sync().keys("jianqun:miniapp:wx-access-token*").forEach(k -> fixture.redis.sync().del(k));
            String token = fixture.token("o-logged");
            assertThat(fixture.putJson("/miniapp/v1/me/phone", token, new JsonObject().put("code", "phone-good")).status()).isEqualTo(200);
            fixture.refusedCode("busy-again", -1);
            assertThat(fixture.signIn("busy-again").status()).isEqualTo(503);
        } finally {
            root.setLevel(before);
            root.detachAppender(captured);
        }
        java.util.List<ch.qos.logback.classic.spi.ILoggingEvent> events;
        synchronized (captured) { // appends hold the appender's lock; a worker thread may still be finishing one
            events = new java.util.ArrayList<>(captured.list);
        }
        assertThat(events).isNotEmpty(); // the capture works: the platform and its libraries did log
        for (ch.qos.logback.classic.spi.ILoggingEvent event : events) {
            String logger = event.getLoggerName();
            if (logger.startsWith("org.eclipse.jetty") || logger.startsWith("wiremock") || logger.startsWith("com.github.tomakehurst")) {
                continue; // WireMock is WeChat here, not the platform: it may log what WeChat receives
            }
            String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
            assertThat(line).doesNotContain(MiniappFixture.SESSION_KEY, MiniappFixture.ACCESS_TOKEN, MiniappFixture.PHONE, "app-secret");
        }
    }
}
