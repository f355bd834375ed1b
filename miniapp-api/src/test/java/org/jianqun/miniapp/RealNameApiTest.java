package org.jianqun.miniapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.jianqun.core.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /miniapp/v1/reports/confidential} over HTTP: each bad input named and nothing written; a good report with
 * a photo becomes a confidential ticket with its identity sealed and its photo attached; another user's number is 404.
 */
class RealNameApiTest {
    private static final String ID_NUMBER = "11010519491231002X";
    private static MiniappFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new MiniappFixture(List.of());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void budgets() {
        fixture.redis.sync().keys("jianqun:miniapp:rate:*").forEach(k -> fixture.redis.sync().del(k));
    }

    private static String user(String openid, boolean phone) {
        String token = fixture.token(openid);
        assertThat(fixture.putJson("/miniapp/v1/me/village", token, new JsonObject().put("villageCode", MiniappFixture.VILLAGE)).status()).isEqualTo(200);
        if (phone) {
            assertThat(fixture.putJson("/miniapp/v1/me/phone", token, new JsonObject().put("code", "phone-good")).status()).isEqualTo(200);
        }
        return token;
    }

    private static JsonObject report() {
        return new JsonObject().put("villageCode", MiniappFixture.VILLAGE).put("realName", "林秀英").put("idNumber", ID_NUMBER)
                .put("accused", new JsonArray().add(new JsonObject().put("name", "王某").put("position", "村会计")))
                .put("content", "村会计挪用低保金");
    }

    private static TestServer.Reply submit(String token, JsonObject body) {
        return fixture.postJson("/miniapp/v1/reports/confidential", token, body);
    }

    private static long count(String table) {
        return fixture.db.database().read(s -> {
            try (var st = s.getConnection().prepareStatement("SELECT COUNT(*) FROM " + table); var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void refused(TestServer.Reply reply, int status, String error, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().getString("error")).as(reply.body()).isEqualTo(error);
        if (field != null) {
            assertThat(reply.json().getString("field")).isEqualTo(field);
        }
        assertThat(reply.body()).doesNotContain("林秀英", MiniappFixture.PHONE, ID_NUMBER);
    }

    @Test
    void badInputIsNamedAndLeavesNothingAGoodReportIsSealedAndOnlyItsReporterFollowsIt() {
        String noPhone = user("rn-no-phone", false);
        String reporter = user("rn-reporter", true);
        String other = user("rn-other", true);
        String othersPhoto = fixture.photo(other);

        refused(submit(noPhone, report()), 422, "phone_not_bound", "phone");
        refused(submit(reporter, report().put("idNumber", "110105194912310021")), 422, "invalid_id_number", "idNumber");
        refused(submit(reporter, report().put("villageCode", "359901100299")), 422, "unknown_village", "villageCode");
        refused(submit(reporter, report().put("accused", new JsonArray().add(new JsonObject().put("personId", 987654)))), 422,
                "unknown_accused", "accused[0].personId");
        refused(submit(reporter, report().put("accused", new JsonArray().add(new JsonObject().put("position", "镇长")))), 400,
                "invalid_input", "accused[0].name");
        refused(submit(reporter, report().put("mediaIds", new JsonArray().add(othersPhoto))), 422, "invalid_media", "mediaIds");
        JsonArray ten = new JsonArray();
        for (int i = 0; i < 10; i++) {
            ten.add("m" + i);
        }
        refused(submit(reporter, report().put("mediaIds", ten)), 422, "too_many_media", "mediaIds");
        refused(submit(reporter, report().put("content", "😀".repeat(2001))), 422, "field_too_long", "content");
        refused(submit(reporter, report().putNull("content")), 400, "invalid_input", "content");
        assertThat(count("ticket")).isZero();
        assertThat(count("reporter_identity")).isZero();
        assertThat(count("realname_report")).isZero();
        assertThat(count("miniapp_report")).isZero();

        String photo = fixture.photo(reporter);
        TestServer.Reply made = submit(reporter, report().put("mediaIds", new JsonArray().add(photo)).put("subscribe", true));
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        long no = made.json().getLong("no");
        assertThat(count("reporter_identity")).isEqualTo(1);
        assertThat(count("miniapp_report")).as("its reporter hears of it by subscribe message").isEqualTo(1);
        assertThat(fixture.db.database().<String>read(s -> {
            try (var st = s.getConnection().prepareStatement("SELECT media_id FROM ticket_media WHERE ticket_no = " + no); var rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        })).isEqualTo(photo);
        refused(submit(reporter, report().put("mediaIds", new JsonArray().add(photo))), 422, "invalid_media", "mediaIds");

        TestServer.Reply mine = fixture.server.get("/miniapp/v1/realname/reports/" + no, reporter);
        assertThat(mine.status()).as(mine.body()).isEqualTo(200);
        assertThat(mine.json().getString("label")).isEqualTo("已收到");
        assertThat(fixture.server.get("/miniapp/v1/realname/reports", reporter).json().getJsonArray("reports")).hasSize(1);
        assertThat(fixture.server.get("/miniapp/v1/realname/reports", other).json().getJsonArray("reports")).isEmpty();
        TestServer.Reply othersLook = fixture.server.get("/miniapp/v1/realname/reports/" + no, other);
        assertThat(othersLook.status()).isEqualTo(404);
        assertThat(othersLook.body().replace("#" + no, "#?"))
                .isEqualTo(fixture.server.get("/miniapp/v1/realname/reports/987654321", other).body().replace("#987654321", "#?"));
        TestServer.Reply early = fixture.postJson("/miniapp/v1/realname/reports/" + no + "/rating", reporter, new JsonObject().put("rating", "满意"));
        assertThat(early.status()).as("not resolved yet").isEqualTo(409);
        assertThat(fixture.postJson("/miniapp/v1/realname/reports/" + no + "/rating", other, new JsonObject().put("rating", "满意")).status())
                .isEqualTo(404);
    }
}
