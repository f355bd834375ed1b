package org.jianqun.miniapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.jianqun.core.testing.TestServer;
import org.jianqun.miniapp.content.ContentCheckMapper;
import org.jianqun.miniapp.content.ContentChecks;
import org.jianqun.miniapp.wechat.WxWechat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ordinary reports from the phone: issue 12's "Bad input must get" lines that are about them, and the content check. */
class ReportApiTest {
    private static MiniappFixture fixture;
    private static String alice;
    private static String bob;

    @BeforeAll
    static void start() {
        fixture = new MiniappFixture(List.of());
        alice = fixture.token("o-alice");
        bob = fixture.token("o-bob");
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void budgets() {
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

    private static TestServer.Reply report(String token, JsonObject body) {
        return fixture.postJson("/miniapp/v1/reports", token, body);
    }

    private static JsonObject draft(String content) {
        return new JsonObject().put("villageCode", MiniappFixture.VILLAGE).put("content", content);
    }

    private static long reported(String token, String content) {
        TestServer.Reply reply = report(token, draft(content));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().getLong("no");
    }

    @Test
    void aVillageThatDoesNotExistIs404AndNothingIsMade() {
        long tickets = count("SELECT COUNT(*) FROM ticket");
        TestServer.Reply reply = report(alice, draft("路灯坏了").put("villageCode", "359901100299"));
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().getString("error")).isEqualTo("village_not_found");
        assertThat(report(alice, draft("路灯坏了").put("villageCode", "359901100")).status()).as("a town is no village").isEqualTo(404);
        assertThat(count("SELECT COUNT(*) FROM ticket")).isEqualTo(tickets);
    }

    @Test
    void tenThousandEmojiAre422NamingTheLimit() {
        TestServer.Reply reply = report(alice, draft("😀".repeat(10_000)));
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().getString("error")).isEqualTo("content_too_long");
        assertThat(reply.json().getInteger("limit")).isEqualTo(2000);
        assertThat(reply.json().getString("message")).contains("2000");
        assertThat(report(alice, draft("😀".repeat(2000))).status()).as("2,000 emoji are 2,000 characters").isEqualTo(201);
        assertThat(report(alice, draft("   ")).status()).isEqualTo(400);
    }

    @Test
    void aTenthPhotoIs422NamingTheLimitAndAnothersPhotoIsNotFound() {
        JsonArray ten = new JsonArray();
        for (int i = 0; i < 10; i++) {
            ten.add(fixture.photo(alice));
        }
        long tickets = count("SELECT COUNT(*) FROM ticket");
        TestServer.Reply reply = report(alice, draft("垃圾堆放").put("mediaIds", ten));
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().getString("error")).isEqualTo("too_many_photos");
        assertThat(reply.json().getString("message")).contains("9");

        String bobs = fixture.photo(bob);
        TestServer.Reply stolen = report(alice, draft("垃圾堆放").put("mediaIds", new JsonArray().add(ten.getString(0)).add(bobs)));
        assertThat(stolen.status()).isEqualTo(422);
        assertThat(stolen.json().getString("error")).isEqualTo("media_not_found");
        assertThat(count("SELECT COUNT(*) FROM ticket")).as("nothing half-written").isEqualTo(tickets);
        assertThat(count("SELECT COUNT(*) FROM ticket_media")).isZero();

        JsonArray nine = new JsonArray(ten.getList().subList(0, 9));
        TestServer.Reply ok = report(alice, draft("垃圾堆放").put("mediaIds", nine));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(fixture.server.get("/miniapp/v1/reports/" + ok.json().getLong("no"), alice).json().getJsonArray("photos")).hasSize(9);
        assertThat(report(alice, draft("又一次").put("mediaIds", new JsonArray().add(ten.getString(0)))).status())
                .as("a photo serves one report").isEqualTo(422);
    }

    @Test
    void anotherUsersReportNumberIs404AsIfItDidNotExist() {
        long mine = reported(alice, "村道塌方，车辆无法通行");
        TestServer.Reply seen = fixture.server.get("/miniapp/v1/reports/" + mine, bob);
        TestServer.Reply missing = fixture.server.get("/miniapp/v1/reports/99999999", bob);
        assertThat(seen.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(seen.json().getString("error")).isEqualTo(missing.json().getString("error"));
        assertThat(seen.json().getString("message")).isEqualTo("没有找到反映 #" + mine);
        assertThat(fixture.postJson("/miniapp/v1/reports/" + mine + "/urge", bob, new JsonObject()).status()).isEqualTo(404);
        assertThat(fixture.postJson("/miniapp/v1/reports/" + mine + "/rating", bob, new JsonObject().put("rating", "满意")).status()).isEqualTo(404);
        assertThat(fixture.server.get("/miniapp/v1/reports", bob).json().getJsonArray("reports").stream()
                .map(r -> ((JsonObject) r).getLong("no"))).doesNotContain(mine);
        assertThat(fixture.server.get("/miniapp/v1/reports/abc", alice).status()).isEqualTo(404);
    }

    @Test
    void urgingIsOnceADayPerTicketAndUser() {
        long no = reported(alice, "自来水停了两天");
        TestServer.Reply first = fixture.postJson("/miniapp/v1/reports/" + no + "/urge", alice, new JsonObject());
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().getInteger("urged")).isEqualTo(1);
        TestServer.Reply second = fixture.postJson("/miniapp/v1/reports/" + no + "/urge", alice, new JsonObject());
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.json().getString("error")).isEqualTo("already_urged_today");
        assertThat(second.header("Retry-After")).isNotNull();
        fixture.clock.advance(java.time.Duration.ofDays(1));
        assertThat(fixture.postJson("/miniapp/v1/reports/" + no + "/urge", alice, new JsonObject()).json().getInteger("urged")).isEqualTo(2);
    }

    @Test
    void aRatingBeforeTheResultIsRefusedAndABadWordNamed() {
        long no = reported(alice, "路边排水沟堵塞");
        TestServer.Reply early = fixture.postJson("/miniapp/v1/reports/" + no + "/rating", alice, new JsonObject().put("rating", "满意"));
        assertThat(early.status()).isEqualTo(409);
        TestServer.Reply bad = fixture.postJson("/miniapp/v1/reports/" + no + "/rating", alice, new JsonObject().put("rating", "还行"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().getString("field")).isEqualTo("rating");
    }

    @Test
    void theWordsAreCheckedBeforeOthersSeeThemAndAnUnreachableWechatHoldsThemBack() {
        long pass = reported(alice, "村口路灯不亮");
        long risky = reported(alice, "某某敏感词");
        long held = reported(alice, "水井被填");
        fixture.wechat.stubFor(post(urlPathEqualTo("/wxa/msg_sec_check")).atPriority(5)
                .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\",\"result\":{\"suggest\":\"pass\",\"label\":100}}")));
        fixture.wechat.stubFor(post(urlPathEqualTo("/wxa/msg_sec_check")).atPriority(1).withRequestBody(WireMock.containing("敏感"))
                .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\",\"result\":{\"suggest\":\"risky\",\"label\":20001}}")));
        fixture.wechat.stubFor(post(urlPathEqualTo("/wxa/msg_sec_check")).atPriority(1).withRequestBody(WireMock.containing("水井"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"errcode\":-1,\"errmsg\":\"busy\"}")));
        ContentChecks checks = new ContentChecks(fixture.db.database(),
                WxWechat.create(fixture.core.config().miniapp().orElseThrow(), fixture.wechatBase(), fixture.redis), fixture.clock);
        checks.checkDue();
        ContentCheckMapper verdicts = null;
        assertThat(verdict(pass)).isEqualTo("PASS");
        assertThat(verdict(risky)).isEqualTo("RISKY");
        assertThat(verdict(held)).isEqualTo("PENDING");
        assertThat(fixture.server.get("/miniapp/v1/reports/" + risky, alice).json().getString("state")).as("the report itself stands").isEqualTo("open");
        fixture.wechat.stubFor(post(urlPathEqualTo("/wxa/msg_sec_check")).atPriority(1).withRequestBody(WireMock.containing("水井"))
                .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\",\"result\":{\"suggest\":\"review\",\"label\":20002}}")));
        checks.checkDue();
        assertThat(verdict(held)).as("tried again only after its backoff").isEqualTo("PENDING");
        fixture.clock.advance(java.time.Duration.ofMinutes(1));
        checks.checkDue();
        assertThat(verdict(held)).isEqualTo("REVIEW");
        assertThat(verdicts).isNull();
    }

    @Test
    void onePassChecksMoreThanOneBatch() {
        List<Long> reports = new java.util.ArrayList<>();
        for (int i = 0; i < 13; i++) {
            reports.add(reported(alice, "第" + (i + 1) + "组的水泥路面开裂"));
            reports.add(reported(bob, "第" + (i + 1) + "号路灯不亮"));
        }
        fixture.wechat.stubFor(post(urlPathEqualTo("/wxa/msg_sec_check")).atPriority(5)
                .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\",\"result\":{\"suggest\":\"pass\",\"label\":100}}")));
        ContentChecks checks = new ContentChecks(fixture.db.database(),
                WxWechat.create(fixture.core.config().miniapp().orElseThrow(), fixture.wechatBase(), fixture.redis), fixture.clock);
        assertThat(reports.size()).isGreaterThan(ContentChecks.BATCH);
        checks.checkDue();
        assertThat(reports).as("all %d checked in one pass, not the first %d", reports.size(), ContentChecks.BATCH)
                .allSatisfy(no -> assertThat(verdict(no)).isEqualTo("PASS"));
    }

    private static String verdict(long no) {
        return fixture.db.database().read(s -> s.getMapper(ContentCheckMapper.class).verdict(no));
    }
}
