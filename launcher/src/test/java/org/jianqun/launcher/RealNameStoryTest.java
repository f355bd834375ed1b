package org.jianqun.launcher;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.identity.IdentityCipher;
import org.jianqun.core.persistence.PersonMapper;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 12's real-name "Done when", through the whole platform (every role in one process, the demo county, the
 * bridge simulator as the groups, WireMock as WeChat, MariaDB and Redis when configured): a real-name report
 * accusing the village cadre is unknown to the cadre, the village's groups, the town officer, the county officer and
 * an admin by every route (ticket API list and detail, commands, 进度/催办/认领 in the chat, notices, logs); the town's
 * discipline officer works it, reveals the identity with a reason and that read is audited; one accusing a town
 * official goes to the county's office. The identity columns hold ciphertext.
 */
class RealNameStoryTest {
    private static final String VILLAGE = "359901100201";
    private static final String VILLAGE_GROUP = "demo-359901100201-1";
    private static final String NAME = "林秀英";
    private static final String PHONE = "13912345678";
    private static final String ID_NUMBER = "11010519491231002X";
    private static final String SECRET = "村干部虚报危房改造补贴十二万元";
    private static final long MISSING = 987_654_321L;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;
    private static WireMockServer wechat;
    private static TestDatabase db;
    private static Platform platform;
    private static ListAppender<ILoggingEvent> log;
    private static final Map<String, String> TOKENS = new HashMap<>();

    @BeforeAll
    static void start() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        // DEBUG: every SQL statement and its parameters are logged too, and still carry no identity.
        ((Logger) LoggerFactory.getLogger("org.jianqun")).setLevel(Level.DEBUG);

        wechat = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1));
        wechat.start();
        wechat.stubFor(get(urlPathEqualTo("/cgi-bin/token")).willReturn(okJson("{\"access_token\":\"T\",\"expires_in\":7200}")));
        for (String who : List.of("reporter", "other")) {
            wechat.stubFor(get(urlPathEqualTo("/sns/jscode2session")).withQueryParam("js_code", WireMock.equalTo("code-" + who))
                    .willReturn(okJson("{\"openid\":\"openid-" + who + "\",\"session_key\":\"K\"}")));
        }
        wechat.stubFor(post(urlPathEqualTo("/wxa/business/getuserphonenumber")).willReturn(okJson(
                "{\"errcode\":0,\"errmsg\":\"ok\",\"phone_info\":{\"phoneNumber\":\"" + PHONE + "\",\"purePhoneNumber\":\"" + PHONE
                        + "\",\"countryCode\":\"86\"}}")));
        wechat.stubFor(post(urlPathEqualTo("/wxa/msg_sec_check")).willReturn(okJson("{\"errcode\":0,\"result\":{\"suggest\":\"pass\"}}")));

        Map<String, String> env = new HashMap<>(Map.of("JIANQUN_HTTP_PORT", "0", "JIANQUN_DATA_DIR", dataDir.toString(),
                "JIANQUN_PROFILE", "demo", "JIANQUN_MINIAPP_APPID", "wx-story", "JIANQUN_MINIAPP_SECRET", "secret",
                "JIANQUN_MINIAPP_API_BASE", "http://127.0.0.1:" + wechat.port()));
        if (TestDatabase.realServerConfigured()) {
            db = TestDatabase.fresh();
            env.put("JIANQUN_DB_URL", db.settings().url());
            env.put("JIANQUN_DB_USER", db.settings().user());
            env.put("JIANQUN_DB_PASSWORD", db.settings().password());
        }
        String redisUrl = System.getenv("JIANQUN_TEST_REDIS_URL");
        if (redisUrl != null && !redisUrl.isBlank()) {
            TestRedis.fresh().close();
            env.put("JIANQUN_REDIS_URL", redisUrl);
        }
        platform = Platform.start(JianqunConfig.load(ConfigSource.of(env)), EnumSet.allOf(ServiceRole.class));
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
        wechat.stop();
        if (db != null) {
            db.close();
        }
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
        ((Logger) LoggerFactory.getLogger("org.jianqun")).setLevel(null);
    }

    record Reply(int status, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    private static Reply call(String method, String path, String token, JsonObject body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.port() + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path, e);
        }
    }

    private static String officer(String username) {
        return TOKENS.computeIfAbsent(username, u -> {
            String password = u.equals("admin") ? AdminAccount.DEMO_PASSWORD : "demo-officer";
            Reply r = call("POST", "/api/v1/auth/login", null, new JsonObject().put("username", u).put("password", password));
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            return r.json().getString("token");
        });
    }

    private static String miniappUser(String who, boolean withPhone) {
        return TOKENS.computeIfAbsent("mp-" + who + withPhone, k -> {
            Reply session = call("POST", "/miniapp/v1/session", null, new JsonObject().put("code", "code-" + who));
            assertThat(session.status()).as(session.body()).isEqualTo(200);
            String token = session.json().getString("token");
            assertThat(call("PUT", "/miniapp/v1/me/village", token, new JsonObject().put("villageCode", VILLAGE)).status()).isEqualTo(200);
            if (withPhone) {
                assertThat(call("PUT", "/miniapp/v1/me/phone", token, new JsonObject().put("code", "phone-code")).status()).isEqualTo(200);
            }
            return token;
        });
    }

    private static long personId(String username) {
        return platform.core().database().read(s -> s.getMapper(PersonMapper.class).findByUsername(username)).id();
    }

    private static JsonObject report(JsonArray accused) {
        return new JsonObject().put("villageCode", VILLAGE).put("realName", NAME).put("idNumber", ID_NUMBER).put("accused", accused)
                .put("content", SECRET).put("subscribe", true);
    }

    private static long submit(JsonArray accused) {
        Reply r = call("POST", "/miniapp/v1/reports/confidential", miniappUser("reporter", true), report(accused));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().getString("receipt")).startsWith("SM" + r.json().getLong("no") + "-");
        assertThat(r.body()).doesNotContain(NAME, PHONE, ID_NUMBER);
        return r.json().getLong("no");
    }

    private static long tickets() {
        return count("SELECT COUNT(*) FROM ticket");
    }

    private static long count(String sql) {
        try (Connection c = platform.core().database().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<List<String>> rows(String sql, Object... args) {
        try (Connection c = platform.core().database().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<List<String>> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.add(rs.getString(i));
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the simulator's group received since the start (replies, notices, digests). */
    private static List<String> feed(String groupId) {
        Reply r = call("GET", "/simulator/v1/groups/" + groupId + "/feed?after=0", null, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonArray items = r.json().getJsonArray("items");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonObject item = items.getJsonObject(i);
            if (!"said".equals(item.getString("kind"))) {
                out.add(item.getString("text"));
            }
        }
        return out;
    }

    private static List<String> allGroups() {
        JsonArray groups = call("GET", "/simulator/v1/groups", null, null).json().getJsonArray("groups");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            out.add(groups.getJsonObject(i).getString("groupId"));
        }
        return out;
    }

    private static void say(String senderId, String senderName, String text) {
        Reply r = call("POST", "/simulator/v1/say", null, new JsonObject().put("groupId", VILLAGE_GROUP).put("senderId", senderId)
                .put("senderName", senderName).put("text", text));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static void eventually(Supplier<Boolean> condition, String what) {
        long until = System.currentTimeMillis() + 30_000;
        while (!condition.get()) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String without(String text, long no) {
        return text.replace("#" + no, "#?");
    }

    @Test
    void aReportAccusingTheVillageCadreExistsOnlyForTheTownsDisciplineOfficeAndItsReporter() throws InterruptedException {
        // Bad input first: nothing is written for any of it.
        long before = tickets();
        long identitiesBefore = count("SELECT COUNT(*) FROM reporter_identity");
        Reply noPhone = call("POST", "/miniapp/v1/reports/confidential", miniappUser("other", false), report(new JsonArray()));
        assertThat(noPhone.status()).as(noPhone.body()).isEqualTo(422);
        assertThat(noPhone.json().getString("error")).isEqualTo("phone_not_bound");
        Reply badId = call("POST", "/miniapp/v1/reports/confidential", miniappUser("reporter", true),
                report(new JsonArray()).put("idNumber", "110105194912310021"));
        assertThat(badId.status()).as(badId.body()).isEqualTo(422);
        assertThat(badId.json().getString("error")).isEqualTo("invalid_id_number");
        assertThat(badId.json().getString("message")).contains("校验码").doesNotContain("110105194912310021");
        assertThat(tickets()).isEqualTo(before);
        assertThat(count("SELECT COUNT(*) FROM reporter_identity")).isEqualTo(identitiesBefore);

        long no = submit(new JsonArray().add(new JsonObject().put("personId", personId("cadre-1-1"))));
        assertThat(rows("SELECT confidential_office, level FROM ticket WHERE no = ?", no)).containsExactly(List.of("359901100", "TOWN"));

        // The identity columns hold ciphertext under the current key, bound to the ticket.
        List<List<String>> identity = rows("SELECT key_id, name_sealed, phone_sealed, id_no_sealed FROM reporter_identity WHERE ticket_no = ?", no);
        assertThat(identity).hasSize(1);
        String keyId = new IdentityCipher(DataKey.ring(platform.core().config())).ring().currentId().value();
        assertThat(identity.get(0).get(0)).isEqualTo(keyId);
        for (String sealed : identity.get(0).subList(1, 4)) {
            assertThat(sealed).startsWith("v1." + keyId + ".").doesNotContain(NAME, PHONE, ID_NUMBER, "13912", "1101");
        }

        // Another mini-program user: the reporter's number is not there.
        Reply othersView = call("GET", "/miniapp/v1/realname/reports/" + no, miniappUser("other", false), null);
        assertThat(othersView.status()).isEqualTo(404);
        assertThat(without(othersView.body(), no)).isEqualTo(without(call("GET", "/miniapp/v1/realname/reports/" + MISSING,
                miniappUser("other", false), null).body(), MISSING));
        Reply mine = call("GET", "/miniapp/v1/realname/reports/" + no, miniappUser("reporter", true), null);
        assertThat(mine.status()).as(mine.body()).isEqualTo(200);
        assertThat(mine.json().getString("stage")).isEqualTo("received");
        assertThat(mine.json().getString("acknowledgeBy")).isNotBlank();

        // The console, for everyone but its office: absent from lists, 404 as a missing number for reading and commands.
        for (String stranger : List.of("cadre-1-1", "town1-officer", "town1-resident", "county-officer", "city-officer", "county-jjw", "admin")) {
            String token = officer(stranger);
            Reply list = call("GET", "/api/v1/tickets?limit=200", token, null);
            assertThat(list.body()).as(stranger).doesNotContain(SECRET);
            if (list.status() == 200) {
                assertThat(list.json().getJsonArray("tickets").stream().map(t -> ((JsonObject) t).getLong("no"))).as(stranger).doesNotContain(no);
            }
            for (String verb : List.of("", "/claim", "/urge", "/acknowledge", "/identity")) {
                String path = "/api/v1/tickets/" + no + verb;
                boolean read = verb.isEmpty();
                JsonObject body = verb.equals("/identity") ? new JsonObject().put("reason", "核实举报人身份") : new JsonObject();
                Reply hidden = call(read ? "GET" : "POST", path, token, read ? null : body);
                Reply missing = call(read ? "GET" : "POST", "/api/v1/tickets/" + MISSING + verb, token, read ? null : body);
                assertThat(hidden.status()).as(stranger + " " + path).isEqualTo(missing.status()).isIn(403, 404);
                assertThat(without(hidden.body(), no)).as(stranger + " " + path).isEqualTo(without(missing.body(), MISSING));
            }
        }

        // The chat: 进度, 催办, 认领 by the cadre, a villager and the town officer in the village's group are answered as for a missing number.
        List<String[]> senders = List.of(new String[] {"cadre-359901100201", "东岭村村干部（示范）"},
                new String[] {"villager-359901100201-1", "东岭村村民甲（示范）"}, new String[] {"officer-359901100", "东岭镇办事员（示范）"});
        int asked = 0;
        for (String[] sender : senders) {
            for (String command : List.of("进度 #", "催办 #", "认领 #")) {
                say(sender[0], sender[1], command + no);
                say(sender[0], sender[1], command + MISSING);
                asked += 2;
            }
        }
        int expected = asked;
        eventually(() -> feed(VILLAGE_GROUP).stream().filter(t -> t.contains("#" + no) || t.contains("#" + MISSING)).count() >= expected,
                "the chat replies");
        List<String> replies = feed(VILLAGE_GROUP).stream().filter(t -> t.contains("#" + no) || t.contains("#" + MISSING)).toList();
        for (int i = 0; i + 1 < replies.size(); i += 2) {
            assertThat(without(replies.get(i), no)).as("reply %d", i).isEqualTo(without(replies.get(i + 1), MISSING));
        }
        assertThat(rows("SELECT state, urged FROM ticket WHERE no = ?", no)).as("nothing changed").containsExactly(List.of("OPEN", "0"));

        // Its office works it: the town's discipline officer.
        String office = officer("town1-jjw");
        Reply list = call("GET", "/api/v1/tickets?limit=200", office, null);
        assertThat(list.json().getJsonArray("tickets").stream().map(t -> ((JsonObject) t).getLong("no"))).contains(no);
        Reply detail = call("GET", "/api/v1/tickets/" + no, office, null);
        assertThat(detail.status()).as(detail.body()).isEqualTo(200);
        assertThat(detail.body()).contains(SECRET).doesNotContain(NAME, PHONE, ID_NUMBER);
        Reply noReason = call("POST", "/api/v1/tickets/" + no + "/identity", office, new JsonObject());
        assertThat(noReason.status()).as(noReason.body()).isEqualTo(400);
        assertThat(noReason.json().getString("error")).isEqualTo("reason_required");
        Reply revealed = call("POST", "/api/v1/tickets/" + no + "/identity", office, new JsonObject().put("reason", "需当面核实举报线索"));
        assertThat(revealed.status()).as(revealed.body()).isEqualTo(200);
        assertThat(revealed.json().getString("realName")).isEqualTo(NAME);
        assertThat(revealed.json().getString("phone")).isEqualTo(PHONE);
        assertThat(revealed.json().getString("idNumber")).isEqualTo(ID_NUMBER);
        List<List<String>> audited = rows("SELECT type, actor, detail FROM audit_event WHERE ticket_no = ? AND type = 'IDENTITY_REVEALED'", no);
        assertThat(audited).hasSize(1);
        assertThat(audited.get(0).get(2)).contains("需当面核实举报线索").doesNotContain(NAME, PHONE);
        assertThat(audited.get(0).get(1)).contains("东岭镇纪委干部");
        assertThat(call("POST", "/api/v1/audit/verify", officer("town1-jjw"), new JsonObject()).json().getBoolean("ok")).isTrue();

        // 受理, then the result written for the reporter, whom the mini-program shows each step; the reporter rates it.
        Reply ack = call("POST", "/api/v1/tickets/" + no + "/acknowledge", office, new JsonObject());
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(call("GET", "/miniapp/v1/realname/reports/" + no, miniappUser("reporter", true), null).json().getString("stage"))
                .isEqualTo("acknowledged");
        Reply resolved = call("POST", "/api/v1/tickets/" + no + "/resolve", office, new JsonObject().put("result", "经查属实，已立案处理"));
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        JsonObject concluded = call("GET", "/miniapp/v1/realname/reports/" + no, miniappUser("reporter", true), null).json();
        assertThat(concluded.getString("stage")).isEqualTo("concluded");
        assertThat(concluded.getString("result")).isEqualTo("经查属实，已立案处理");
        assertThat(concluded.getJsonArray("steps").stream().map(s -> ((JsonObject) s).getString("label"))).containsExactly("已收到", "已受理", "已办结");
        assertThat(concluded.encode()).doesNotContain("东岭镇纪委", "359901100");
        Reply otherRates = call("POST", "/miniapp/v1/realname/reports/" + no + "/rating", miniappUser("other", false),
                new JsonObject().put("rating", "满意"));
        assertThat(otherRates.status()).isEqualTo(404);
        Reply rated = call("POST", "/miniapp/v1/realname/reports/" + no + "/rating", miniappUser("reporter", true),
                new JsonObject().put("rating", "满意"));
        assertThat(rated.status()).as(rated.body()).isEqualTo(200);
        assertThat(rated.json().getString("rating")).isEqualTo("满意");

        // Notices: every message about it went to its reporter alone, and none carries the matter or the identity.
        // The gateway turns each COMPLAINANT notice of a mini-program reporter into a REPORTER delivery as it dispatches:
        // wait (up to 30 s) until each step's has been.
        List<List<String>> told = List.of(
                List.of("REPORTER", "您的实名举报已收到（#" + no + "），纪检监察机关将在 15 个工作日内告知是否受理。"),
                List.of("REPORTER", "您的实名举报（#" + no + "）已受理，办结后将告知结果。"),
                List.of("REPORTER", "您的实名举报（#" + no + "）已办结，请在小程序中查看并评价。"));
        List<List<String>> outbox = rows("SELECT audience, text FROM outbox WHERE ticket_no = ?", no);
        for (int i = 0; i < 300 && !outbox.containsAll(told); i++) {
            Thread.sleep(100);
            outbox = rows("SELECT audience, text FROM outbox WHERE ticket_no = ?", no);
        }
        assertThat(outbox).isNotEmpty().allSatisfy(m -> {
            assertThat(m.get(0)).isIn("COMPLAINANT", "REPORTER");
            assertThat(m.get(1)).doesNotContain(SECRET, NAME, PHONE, "经查属实");
        });
        // Each step told to its reporter as a subscribe message (the gateway's REPORTER deliveries; sent when templates are set).
        assertThat(outbox).anySatisfy(m -> assertThat(m).containsExactly("REPORTER", "您的实名举报已收到（#" + no + "），纪检监察机关将在 15 个工作日内告知是否受理。"))
                .anySatisfy(m -> assertThat(m).containsExactly("REPORTER", "您的实名举报（#" + no + "）已受理，办结后将告知结果。"))
                .anySatisfy(m -> assertThat(m).containsExactly("REPORTER", "您的实名举报（#" + no + "）已办结，请在小程序中查看并评价。"));
        for (String group : allGroups()) {
            assertThat(feed(group)).as(group).noneMatch(t -> t.contains(SECRET) || t.contains(NAME) || t.contains(PHONE) || t.contains("#" + no + " "));
        }

        // Logs: neither the reporter's name, phone nor ID number.
        List<String> lines = log.list.stream().map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage()))
                .toList();
        assertThat(lines).isNotEmpty().noneMatch(l -> l.contains(NAME) || l.contains(PHONE) || l.contains(ID_NUMBER));
    }

    @Test
    void aReportAccusingATownOfficialGoesToTheCountysDisciplineOffice() {
        long registered = submit(new JsonArray().add(new JsonObject().put("personId", personId("town1-officer"))));
        long written = submit(new JsonArray().add(new JsonObject().put("name", "某某").put("position", "镇长")));
        for (long no : List.of(registered, written)) {
            assertThat(rows("SELECT confidential_office, level FROM ticket WHERE no = ?", no)).containsExactly(List.of("359901", "COUNTY"));
            assertThat(call("GET", "/api/v1/tickets/" + no, officer("county-jjw"), null).status()).isEqualTo(200);
            assertThat(call("GET", "/api/v1/tickets/" + no, officer("town1-jjw"), null).status()).isEqualTo(404);
            assertThat(call("POST", "/api/v1/tickets/" + no + "/identity", officer("town1-jjw"), new JsonObject().put("reason", "核实线索")).status())
                    .isEqualTo(404);
            Reply revealed = call("POST", "/api/v1/tickets/" + no + "/identity", officer("county-jjw"), new JsonObject().put("reason", "核实线索"));
            assertThat(revealed.status()).as(revealed.body()).isEqualTo(200);
            assertThat(revealed.json().getString("realName")).isEqualTo(NAME);
        }
    }
}
