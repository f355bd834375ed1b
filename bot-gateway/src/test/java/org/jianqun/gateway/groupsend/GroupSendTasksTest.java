package org.jianqun.gateway.groupsend;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.GroupSendLimit;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.gateway.groupsend.GroupSendTask.Purpose;
import org.jianqun.gateway.groupsend.GroupSendTask.Status;
import org.jianqun.gateway.groupsend.GroupSendTasks.Accepted;
import org.jianqun.gateway.groupsend.GroupSendTasks.Enqueued;
import org.jianqun.gateway.groupsend.GroupSendTasks.Refused;
import org.jianqun.gateway.wecom.WecomApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Group-send tasks against WireMock standing where WeCom's servers are (WxJava pointed at it through
 * its base URL), on H2 and on MariaDB when one is configured. Time is a {@link MutableClock}.
 */
class GroupSendTasksTest {
    private static final String CORP = "wwgroupsendtest";
    private static final String SECRET = "test-secret-not-real";
    private static final String ACCESS_TOKEN = "token-for-tests";
    private static final String CHAT = "wrOgQhDgAAgroupsend0001";
    private static final String OTHER_CHAT = "wrOgQhDgAAgroupsend0002";
    private static final String OWNER = "owner-cadre-0001";
    private static final String MSGID = "msgGroupSendTest0001";
    private static final String API = "/cgi-bin/externalcontact/";
    private static final String TEXT = "东岭村2026年2月三务公开：本月收入 12,000 元，支出 8,450 元，明细见小程序。";
    /** Monday 2 March 2026, 10:00 China time. */
    private static final Instant START = Instant.parse("2026-03-02T02:00:00Z");

    @Test
    void tasksRunOnlyWhenTheWecomAppHasItsSecret() {
        Map<String, String> wecom = Map.of("JIANQUN_WECOM_CORP_ID", CORP, "JIANQUN_WECOM_TOKEN", "t",
                "JIANQUN_WECOM_AES_KEY", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C");
        Map<String, String> withSecret = new HashMap<>(wecom);
        withSecret.put("JIANQUN_WECOM_SECRET", SECRET);
        try (TestDatabase db = TestDatabase.freshH2()) {
            assertThat(GroupSendTasks.configured(JianqunConfig.load(ConfigSource.of(Map.of())), db.database(), new MutableClock(START))).isEmpty();
            assertThat(GroupSendTasks.configured(JianqunConfig.load(ConfigSource.of(wecom)), db.database(), new MutableClock(START))).isEmpty();
            assertThat(GroupSendTasks.configured(JianqunConfig.load(ConfigSource.of(withSecret)), db.database(), new MutableClock(START))).isPresent();
        }
    }

    @Test
    void reminderHoursAreChinaDaytime() {
        assertThat(GroupSendSchedule.wakingFrom(Instant.parse("2026-03-02T13:30:00Z"))).as("21:30 waits for 08:00")
                .isEqualTo(Instant.parse("2026-03-03T00:00:00Z"));
        assertThat(GroupSendSchedule.wakingFrom(Instant.parse("2026-03-02T19:00:00Z"))).as("03:00 waits for 08:00")
                .isEqualTo(Instant.parse("2026-03-03T00:00:00Z"));
        assertThat(GroupSendSchedule.wakingFrom(Instant.parse("2026-03-02T12:59:00Z"))).as("20:59 is still day")
                .isEqualTo(Instant.parse("2026-03-02T12:59:00Z"));
    }

    @Nested
    class OnH2 extends Cases {
        OnH2() {
            super(TestDatabase::freshH2);
        }
    }

    @Nested
    class OnMariaDb extends Cases {
        OnMariaDb() {
            super(() -> {
                assumeTrue(TestDatabase.realServerConfigured(), "JIANQUN_TEST_DB_URL not set: MariaDB not configured here");
                return TestDatabase.freshMariaDb();
            });
        }
    }

    abstract class Cases {
        private final Supplier<TestDatabase> opener;
        final MutableClock clock = new MutableClock(START);
        WireMockServer wecom;
        TestDatabase db;
        GroupSendTasks tasks;

        Cases(Supplier<TestDatabase> opener) {
            this.opener = opener;
        }

        @BeforeEach
        void open() {
            db = opener.get();
            wecom = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1").jettyAcceptors(1));
            wecom.start();
            URI base = URI.create("http://127.0.0.1:" + wecom.port());
            // The cases below were written for the long-quoted four a month; the other limits have cases of their own.
            tasks = withLimit(GroupSendLimit.perMonth(4));
            wecom.stubFor(get(urlPathEqualTo("/cgi-bin/gettoken"))
                    .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\",\"access_token\":\"" + ACCESS_TOKEN + "\",\"expires_in\":7200}")));
            answer("groupchat/get", "{\"errcode\":0,\"errmsg\":\"ok\",\"group_chat\":{\"chat_id\":\"" + CHAT + "\",\"name\":\"东岭村村民群\","
                    + "\"owner\":\"" + OWNER + "\",\"create_time\":1767225600,\"member_list\":[]}}");
            answer("add_msg_template", "{\"errcode\":0,\"errmsg\":\"ok\",\"fail_list\":[],\"msgid\":\"" + MSGID + "\"}");
            answer("get_groupmsg_send_result", sendList(0, null));
            answer("remind_groupmsg_send", "{\"errcode\":0,\"errmsg\":\"ok\"}");
            answer("cancel_groupmsg_send", "{\"errcode\":0,\"errmsg\":\"ok\"}");
        }

        GroupSendTasks withLimit(GroupSendLimit limit) {
            URI base = URI.create("http://127.0.0.1:" + wecom.port());
            return new GroupSendTasks(db.database(),
                    WecomApiClient.service(WecomApiClient.settings(CORP, SECRET, Optional.of(1000002), base)).getExternalContactService(), clock, limit);
        }

        @AfterEach
        void close() {
            if (wecom != null) {
                wecom.stop();
            }
            if (db != null) {
                db.close();
            }
        }

        // ---- WeCom at WireMock ----

        void answer(String api, String json) {
            wecom.stubFor(post(urlPathEqualTo(API + api)).willReturn(okJson(json)));
        }

        String sendList(int status, Instant sentAt) {
            JsonObject entry = new JsonObject().put("chat_id", CHAT).put("userid", OWNER).put("status", status);
            if (sentAt != null) {
                entry.put("send_time", sentAt.getEpochSecond());
            }
            return new JsonObject().put("errcode", 0).put("errmsg", "ok").put("next_cursor", "").put("send_list", new JsonArray().add(entry)).encode();
        }

        List<LoggedRequest> requests(String api) {
            return wecom.findAll(postRequestedFor(urlPathEqualTo(API + api)));
        }

        List<JsonObject> bodies(String api) {
            return requests(api).stream().map(r -> new JsonObject(r.getBodyAsString())).toList();
        }

        GroupSendTask task(Enqueued enqueued) {
            return tasks.find(enqueued.taskId()).orElseThrow();
        }

        long rowsOf(String chatId) {
            try (var c = db.database().dataSource().getConnection();
                 var ps = c.prepareStatement("SELECT COUNT(*) FROM wecom_group_send WHERE chat_id = ?")) {
                ps.setString(1, chatId);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Passes every 15 minutes (the poll interval) for {@code span}; the instants at which a reminder went to WeCom. */
        List<Instant> remindersOver(Duration span) {
            List<Instant> at = new ArrayList<>();
            Instant end = clock.instant().plus(span);
            while (clock.instant().isBefore(end)) {
                clock.advance(Duration.ofMinutes(15));
                int before = requests("remind_groupmsg_send").size();
                tasks.advance(50);
                if (requests("remind_groupmsg_send").size() > before) {
                    at.add(clock.instant());
                }
            }
            return at;
        }

        // ---- the cases ----

        /** A published disclosure version with a rendered image (the bytes as given). */
        long publishedDisclosure(byte[] png) {
            try (var c = db.database().dataSource().getConnection();
                 var ps = c.prepareStatement("INSERT INTO disclosure (village_code, county_code, disclosure_month, version, status, content_hash, "
                         + "lines_json, uploaded_by, uploaded_at, published_at, summary_md, details_png) "
                         + "VALUES ('359901100201', '359901', '2026-02', 1, 'PUBLISHED', ?, '[]', 1, ?, ?, ?, ?)",
                         java.sql.Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, "0".repeat(64));
                ps.setTimestamp(2, java.sql.Timestamp.from(START));
                ps.setTimestamp(3, java.sql.Timestamp.from(START));
                ps.setString(4, TEXT);
                ps.setBytes(5, png);
                ps.executeUpdate();
                try (var keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        GroupSendTasks withCards(Optional<String> appId) {
            URI base = URI.create("http://127.0.0.1:" + wecom.port());
            me.chanjar.weixin.cp.api.WxCpService service = WecomApiClient.service(WecomApiClient.settings(CORP, SECRET, Optional.of(1000002), base));
            return new GroupSendTasks(db.database(), service.getExternalContactService(), clock, GroupSendLimit.monthDays(),
                    new DisclosureCards(db.database(), service.getMediaService(), appId));
        }

        @Test
        void aDisclosuresTaskCarriesItsMiniProgramCardItsImageUploadedAsTemporaryMedia() {
            byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3, 4};
            long version = publishedDisclosure(png);
            wecom.stubFor(post(urlPathEqualTo("/cgi-bin/media/upload")).willReturn(okJson(
                    "{\"errcode\":0,\"errmsg\":\"\",\"type\":\"image\",\"media_id\":\"MEDIA-COVER-1\",\"created_at\":\"1772416800\"}")));
            tasks = withCards(Optional.of("wxminiapp0001"));
            Enqueued enqueued = tasks.enqueue(Purpose.DISCLOSURE, CHAT, "disclosure:" + version + "@" + CHAT, TEXT, version);

            assertThat(tasks.advance(50).created()).isEqualTo(1);

            List<LoggedRequest> uploads = wecom.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/media/upload")));
            assertThat(uploads).hasSize(1);
            assertThat(uploads.get(0).queryParameter("type").firstValue()).isEqualTo("image");
            assertThat(uploads.get(0).queryParameter("access_token").firstValue()).isEqualTo(ACCESS_TOKEN);
            assertThat(uploads.get(0).getParts()).singleElement().satisfies(part -> assertThat(part.getBody().asBytes()).isEqualTo(png));
            JsonObject body = bodies("add_msg_template").get(0);
            assertThat(body.getJsonObject("text").getString("content")).isEqualTo(TEXT);
            assertThat(body.getJsonArray("attachments").size()).isEqualTo(1);
            JsonObject attachment = body.getJsonArray("attachments").getJsonObject(0);
            assertThat(attachment.getString("msgtype")).isEqualTo("miniprogram");
            assertThat(attachment.getJsonObject("miniprogram")).isEqualTo(new JsonObject().put("title", "2026年2月三务公开明细")
                    .put("pic_media_id", "MEDIA-COVER-1").put("appid", "wxminiapp0001").put("page", "pages/disclosure/index?id=" + version));
            assertThat(task(enqueued).note()).isNull();
            assertThat(task(enqueued).disclosureId()).isEqualTo(version);
        }

        @Test
        void aFailedCoverUploadIsRetriedAndUploadedAgainBeforeTheTaskIsCreated() {
            long version = publishedDisclosure(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
            wecom.stubFor(post(urlPathEqualTo("/cgi-bin/media/upload")).inScenario("upload").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(okJson("{\"errcode\":-1,\"errmsg\":\"system busy\"}")).willSetStateTo("busy once"));
            wecom.stubFor(post(urlPathEqualTo("/cgi-bin/media/upload")).inScenario("upload").whenScenarioStateIs("busy once")
                    .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"\",\"type\":\"image\",\"media_id\":\"MEDIA-COVER-2\",\"created_at\":\"1\"}")));
            tasks = withCards(Optional.of("wxminiapp0001"));
            Enqueued enqueued = tasks.enqueue(Purpose.DISCLOSURE, CHAT, "disclosure:" + version + "@" + CHAT, TEXT, version);

            assertThat(tasks.advance(50).retried()).isEqualTo(1);
            assertThat(requests("add_msg_template")).as("no task without its card").isEmpty();
            assertThat(task(enqueued).lastError()).startsWith("上传公开明细图失败");

            clock.advance(Duration.ofHours(1));
            assertThat(tasks.advance(50).created()).isEqualTo(1);
            assertThat(bodies("add_msg_template")).singleElement().satisfies(b -> assertThat(b.getJsonArray("attachments").getJsonObject(0)
                    .getJsonObject("miniprogram").getString("pic_media_id")).isEqualTo("MEDIA-COVER-2"));
        }

        @Test
        void withoutTheMiniProgramsAppIdADisclosuresTaskGoesAsTextWithANoteSayingWhy() {
            long version = publishedDisclosure(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
            tasks = withCards(Optional.empty());
            Enqueued enqueued = tasks.enqueue(Purpose.DISCLOSURE, CHAT, "disclosure:" + version + "@" + CHAT, TEXT, version);

            assertThat(tasks.advance(50).created()).isEqualTo(1);

            assertThat(wecom.findAll(postRequestedFor(urlPathEqualTo("/cgi-bin/media/upload")))).isEmpty();
            assertThat(bodies("add_msg_template")).singleElement().satisfies(b -> {
                assertThat(b.getJsonObject("text").getString("content")).isEqualTo(TEXT);
                assertThat(b.containsKey("attachments") && !b.getJsonArray("attachments").isEmpty()).isFalse();
            });
            assertThat(task(enqueued).note()).contains("JIANQUN_MINIAPP_APPID");
        }

        @Test
        void theTaskGoesToTheGroupsOwnerWithTheGroupAndTheText() {
            Enqueued enqueued = tasks.enqueue(Purpose.DISCLOSURE, CHAT, "disclosure:2026-02:" + CHAT, TEXT);
            assertThat(enqueued).isEqualTo(new Accepted(enqueued.taskId(), false));
            assertThat(task(enqueued).status()).isEqualTo(Status.QUEUED);

            assertThat(tasks.advance(50).created()).isEqualTo(1);

            LoggedRequest token = wecom.findAll(getRequestedFor(urlPathEqualTo("/cgi-bin/gettoken"))).get(0);
            assertThat(token.queryParameter("corpid").firstValue()).isEqualTo(CORP);
            assertThat(token.queryParameter("corpsecret").firstValue()).isEqualTo(SECRET);
            assertThat(bodies("groupchat/get")).singleElement().satisfies(b -> assertThat(b.getString("chat_id")).isEqualTo(CHAT));

            LoggedRequest add = requests("add_msg_template").get(0);
            assertThat(requests("add_msg_template")).hasSize(1);
            assertThat(add.queryParameter("access_token").firstValue()).isEqualTo(ACCESS_TOKEN);
            JsonObject body = new JsonObject(add.getBodyAsString());
            assertThat(body.getString("chat_type")).isEqualTo("group");
            assertThat(body.getString("sender")).isEqualTo(OWNER);
            assertThat(body.getJsonArray("chat_id_list").encode()).isEqualTo("[\"" + CHAT + "\"]");
            assertThat(body.getJsonObject("text").getString("content")).isEqualTo(TEXT);
            assertThat(body.containsKey("external_userid")).isFalse();

            GroupSendTask created = task(enqueued);
            assertThat(created.status()).isEqualTo(Status.CREATED);
            assertThat(created.msgid()).isEqualTo(MSGID);
            assertThat(created.ownerUserid()).isEqualTo(OWNER);
            assertThat(created.wecomCreatedAt()).isEqualTo(START);
            assertThat(created.sendMonth()).isEqualTo("2026-03");
            assertThat(created.purpose()).isEqualTo(Purpose.DISCLOSURE);
        }

        @Test
        void aCreatedTaskIsFollowedUntilTheOwnerSendsIt() {
            Enqueued enqueued = tasks.enqueue(Purpose.DIGEST, CHAT, "digest:w10:" + CHAT, "本周：登记 3 件，办结 2 件。");
            tasks.advance(50);

            clock.advance(Duration.ofMinutes(10));
            assertThat(tasks.advance(50).looked()).as("not due before the poll interval").isZero();
            assertThat(requests("get_groupmsg_send_result")).isEmpty();

            clock.advance(Duration.ofMinutes(5));
            tasks.advance(50);
            assertThat(bodies("get_groupmsg_send_result")).singleElement().satisfies(b -> {
                assertThat(b.getString("msgid")).isEqualTo(MSGID);
                assertThat(b.getString("userid")).isEqualTo(OWNER);
            });
            assertThat(task(enqueued).status()).as("owner has not sent yet").isEqualTo(Status.CREATED);

            Instant sentAt = START.plus(Duration.ofMinutes(21));
            answer("get_groupmsg_send_result", sendList(1, sentAt));
            clock.advance(Duration.ofMinutes(15));
            assertThat(tasks.advance(50).sent()).isEqualTo(1);
            GroupSendTask sent = task(enqueued);
            assertThat(sent.status()).isEqualTo(Status.SENT);
            assertThat(sent.sentAt()).isEqualTo(sentAt);
            assertThat(sent.nextAttemptAt()).isNull();

            clock.advance(Duration.ofDays(1));
            assertThat(tasks.advance(50).looked()).isZero();
            assertThat(requests("get_groupmsg_send_result")).hasSize(2);
            assertThat(requests("remind_groupmsg_send")).as("a sent task is not reminded").isEmpty();
        }

        @Test
        void theOwnerIsRemindedTwoHoursOnThenDailyAtMostThreeTimes() {
            Enqueued enqueued = tasks.enqueue(Purpose.DISCLOSURE, CHAT, "disclosure:2026-02:" + CHAT, TEXT);
            tasks.advance(50); // created at 10:00 China time

            List<Instant> reminders = remindersOver(Duration.ofDays(3).minusMinutes(15));

            assertThat(reminders).containsExactly(
                    Instant.parse("2026-03-02T04:00:00Z"),  // 12:00 the same day
                    Instant.parse("2026-03-03T04:00:00Z"),  // 12:00 the next day
                    Instant.parse("2026-03-04T04:00:00Z")); // and the day after; no fourth
            assertThat(bodies("remind_groupmsg_send")).allSatisfy(b -> assertThat(b.getString("msgid")).isEqualTo(MSGID));
            GroupSendTask task = task(enqueued);
            assertThat(task.remindersSent()).isEqualTo(3);
            assertThat(task.status()).isEqualTo(Status.CREATED);
        }

        @Test
        void noReminderGoesAtNight() {
            clock.advance(Duration.ofHours(9).plusMinutes(30)); // 19:30 China time
            tasks.enqueue(Purpose.DISCLOSURE, CHAT, "disclosure:2026-02:" + CHAT, TEXT);
            tasks.advance(50);

            List<Instant> reminders = remindersOver(Duration.ofDays(3).minusMinutes(15));

            // Due at 21:30, two hours on: held until 08:00; then a day apart, each at 08:00.
            assertThat(reminders).containsExactly(
                    Instant.parse("2026-03-03T00:00:00Z"),
                    Instant.parse("2026-03-04T00:00:00Z"),
                    Instant.parse("2026-03-05T00:00:00Z"));
            assertThat(reminders).allSatisfy(at -> assertThat(GroupSendSchedule.waking(at)).isTrue());
        }

        @Test
        void aTaskUnsentForThreeDaysIsWithdrawnAndShown() {
            Enqueued enqueued = tasks.enqueue(Purpose.DIGEST, CHAT, "digest:w10:" + CHAT, "本周：登记 3 件，办结 2 件。");
            tasks.advance(50);

            clock.advance(Duration.ofDays(3).minusMinutes(1));
            tasks.advance(50);
            assertThat(task(enqueued).status()).as("a minute before").isEqualTo(Status.CREATED);
            assertThat(requests("cancel_groupmsg_send")).isEmpty();

            clock.advance(Duration.ofMinutes(1));
            assertThat(tasks.advance(50).expired()).isEqualTo(1);
            assertThat(bodies("cancel_groupmsg_send")).singleElement().satisfies(b -> assertThat(b.getString("msgid")).isEqualTo(MSGID));
            GroupSendTask expired = task(enqueued);
            assertThat(expired.status()).isEqualTo(Status.EXPIRED);
            assertThat(expired.lastError()).contains("3 days", "withdrawn");
            assertThat(expired.nextAttemptAt()).isNull();
            assertThat(tasks.unsent(YearMonth.of(2026, 3), 100)).extracting(GroupSendTask::id).containsExactly(enqueued.taskId());

            clock.advance(Duration.ofDays(1));
            assertThat(tasks.advance(50).looked()).isZero();
            assertThat(requests("cancel_groupmsg_send")).hasSize(1);
            // An expired digest never reached the group: its place in the month's budget is free again.
            for (int i = 1; i <= 3; i++) {
                assertThat(tasks.enqueue(Purpose.DIGEST, CHAT, "digest:again:" + i, "摘要 " + i)).isInstanceOf(Accepted.class);
            }
        }

        @Test
        void aBusyOrUnreachableWecomIsAskedAgainWithBackoff() {
            wecom.stubFor(post(urlPathEqualTo(API + "add_msg_template")).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                    .willReturn(okJson("{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}")).willSetStateTo("calm"));
            wecom.stubFor(post(urlPathEqualTo(API + "add_msg_template")).inScenario("busy").whenScenarioStateIs("calm")
                    .willReturn(okJson("{\"errcode\":0,\"errmsg\":\"ok\",\"fail_list\":[],\"msgid\":\"" + MSGID + "\"}")));
            Enqueued enqueued = tasks.enqueue(Purpose.DISCLOSURE, CHAT, "disclosure:2026-02:" + CHAT, TEXT);

            assertThat(tasks.advance(50).retried()).isEqualTo(1);
            GroupSendTask waiting = task(enqueued);
            assertThat(waiting.status()).isEqualTo(Status.QUEUED);
            assertThat(waiting.attempts()).isEqualTo(1);
            assertThat(waiting.lastError()).contains("45009");
            assertThat(waiting.attemptStartedAt()).as("WeCom answered: nothing was created").isNull();
            assertThat(waiting.nextAttemptAt()).isEqualTo(START.plus(Duration.ofMinutes(1)));
            assertThat(tasks.advance(50).looked()).as("waits out its backoff").isZero();

            clock.advance(Duration.ofMinutes(1));
            assertThat(tasks.advance(50).created()).isEqualTo(1);
            assertThat(requests("add_msg_template")).hasSize(2);
            assertThat(requests("get_groupmsg_list_v2")).as("an answered refusal needs no search").isEmpty();
            assertThat(task(enqueued).status()).isEqualTo(Status.CREATED);

            // Polling: system busy, then HTTP 503; the waits double (1, then 2 minutes).
            answer("get_groupmsg_send_result", "{\"errcode\":-1,\"errmsg\":\"system busy\"}");
            clock.advance(Duration.ofMinutes(15));
            assertThat(tasks.advance(50).retried()).isEqualTo(1);
            assertThat(requests("get_groupmsg_send_result")).as("asked once; WxJava's own sleeping retry is off").hasSize(1);
            wecom.stubFor(post(urlPathEqualTo(API + "get_groupmsg_send_result")).willReturn(aResponse().withStatus(503)));
            clock.advance(Duration.ofMinutes(1));
            assertThat(tasks.advance(50).retried()).isEqualTo(1);
            GroupSendTask troubled = task(enqueued);
            assertThat(troubled.status()).isEqualTo(Status.CREATED);
            assertThat(troubled.attempts()).isEqualTo(2);
            assertThat(troubled.lastError()).contains("503");
            assertThat(troubled.nextAttemptAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(2)));

            answer("get_groupmsg_send_result", sendList(1, clock.instant()));
            clock.advance(Duration.ofMinutes(2));
            assertThat(tasks.advance(50).sent()).isEqualTo(1);
            assertThat(task(enqueued).status()).isEqualTo(Status.SENT);
        }

        @Test
        void wecomsRefusalFailsTheTaskWithItsErrcodeAndMessage() {
            answer("add_msg_template", "{\"errcode\":40058,\"errmsg\":\"invalid Parameter, hint: [test]\"}");
            Enqueued enqueued = tasks.enqueue(Purpose.DISCLOSURE, CHAT, "disclosure:2026-02:" + CHAT, TEXT);

            assertThat(tasks.advance(50).failed()).isEqualTo(1);
            GroupSendTask failed = task(enqueued);
            assertThat(failed.status()).isEqualTo(Status.FAILED);
            assertThat(failed.lastError()).startsWith("errcode 40058: invalid Parameter, hint: [test] (").contains("不合法的参数");
            assertThat(failed.nextAttemptAt()).isNull();
            assertThat(tasks.unsent(YearMonth.of(2026, 3), 100)).extracting(GroupSendTask::status).containsExactly(Status.FAILED);

            clock.advance(Duration.ofHours(1));
            assertThat(tasks.advance(50).looked()).isZero();
            assertThat(requests("add_msg_template")).hasSize(1);
        }

        @Test
        void anUnansweredCreateIsLookedUpInWecomBeforeTryingAgain() {
            wecom.stubFor(post(urlPathEqualTo(API + "add_msg_template")).willReturn(aResponse().withStatus(502)));
            Enqueued enqueued = tasks.enqueue(Purpose.DISCLOSURE, CHAT, "disclosure:2026-02:" + CHAT, TEXT);
            tasks.advance(50);
            GroupSendTask uncertain = task(enqueued);
            assertThat(uncertain.status()).isEqualTo(Status.QUEUED);
            assertThat(uncertain.attemptStartedAt()).as("no answer: it may exist").isEqualTo(START);
            assertThat(uncertain.lastError()).contains("502");

            // WeCom did create it: it lists a task with this text whose send list holds this group.
            answer("get_groupmsg_list_v2", new JsonObject().put("errcode", 0).put("errmsg", "ok").put("next_cursor", "")
                    .put("group_msg_list", new JsonArray()
                            .add(new JsonObject().put("msgid", "msgSomeoneElse").put("create_type", 0).put("text", new JsonObject().put("content", "另一条")))
                            .add(new JsonObject().put("msgid", "msgFound").put("create_type", 0).put("text", new JsonObject().put("content", TEXT))))
                    .encode());
            wecom.stubFor(post(urlPathEqualTo(API + "get_groupmsg_send_result")).withRequestBody(matchingJsonPath("$.msgid", equalTo("msgFound")))
                    .willReturn(okJson(sendList(0, null))));
            answer("add_msg_template", "{\"errcode\":0,\"errmsg\":\"ok\",\"fail_list\":[],\"msgid\":\"msgSecond\"}");
            clock.advance(Duration.ofMinutes(1));
            assertThat(tasks.advance(50).created()).isEqualTo(1);

            GroupSendTask adopted = task(enqueued);
            assertThat(adopted.status()).isEqualTo(Status.CREATED);
            assertThat(adopted.msgid()).isEqualTo("msgFound");
            assertThat(adopted.wecomCreatedAt()).isEqualTo(START);
            assertThat(requests("add_msg_template")).as("not created twice").hasSize(1);
            assertThat(bodies("get_groupmsg_list_v2")).singleElement().satisfies(b -> {
                assertThat(b.getString("chat_type")).isEqualTo("group");
                assertThat(b.getInteger("filter_type")).isZero();
                assertThat(b.getLong("start_time")).isLessThanOrEqualTo(START.getEpochSecond());
            });
        }

        @Test
        void anUnansweredCreateThatWecomDoesNotHoldIsMadeAgain() {
            wecom.stubFor(post(urlPathEqualTo(API + "add_msg_template")).willReturn(aResponse().withStatus(502)));
            Enqueued enqueued = tasks.enqueue(Purpose.DISCLOSURE, CHAT, "disclosure:2026-02:" + CHAT, TEXT);
            tasks.advance(50);

            answer("get_groupmsg_list_v2", "{\"errcode\":0,\"errmsg\":\"ok\",\"next_cursor\":\"\",\"group_msg_list\":[]}");
            answer("add_msg_template", "{\"errcode\":0,\"errmsg\":\"ok\",\"fail_list\":[],\"msgid\":\"" + MSGID + "\"}");
            clock.advance(Duration.ofMinutes(1));
            assertThat(tasks.advance(50).created()).isEqualTo(1);
            assertThat(requests("get_groupmsg_list_v2")).hasSize(1);
            assertThat(requests("add_msg_template")).hasSize(2);
            GroupSendTask created = task(enqueued);
            assertThat(created.msgid()).isEqualTo(MSGID);
            assertThat(created.attemptStartedAt()).isNull();
        }

        @Test
        void aDigestMayNotTakeThePlaceKeptForTheDisclosure() {
            for (int i = 1; i <= 3; i++) {
                assertThat(tasks.enqueue(Purpose.DIGEST, CHAT, "digest:" + i, "摘要 " + i)).isInstanceOf(Accepted.class);
            }
            Enqueued fourth = tasks.enqueue(Purpose.DIGEST, CHAT, "digest:4", "摘要 4");
            assertThat(fourth).isInstanceOf(Refused.class);
            assertThat(((Refused) fourth).reason()).contains("三务公开", "kept for the monthly disclosure");
            assertThat(tasks.enqueue(Purpose.DISCLOSURE, CHAT, "disclosure:2026-02", TEXT)).isInstanceOf(Accepted.class);
            Enqueued fifth = tasks.enqueue(Purpose.DISCLOSURE, CHAT, "disclosure:2026-02:v2", TEXT + "（更正）");
            assertThat(fifth).isInstanceOf(Refused.class);
            assertThat(((Refused) fifth).reason()).contains("4 group-sends of the month are all taken");

            // Refusals are stored and shown, never dropped.
            assertThat(rowsOf(CHAT)).isEqualTo(6);
            assertThat(tasks.unsent(YearMonth.of(2026, 3), 100)).extracting(GroupSendTask::requestKey, GroupSendTask::status)
                    .containsExactly(tuple("digest:4", Status.REFUSED),
                            tuple("disclosure:2026-02:v2", Status.REFUSED));
            assertThat(tasks.advance(50).created()).as("refused tasks are never sent").isEqualTo(4);

            // Once the disclosure is in, digests may fill the month; another group has its own budget.
            assertThat(tasks.enqueue(Purpose.DISCLOSURE, OTHER_CHAT, "disclosure:2026-02:other", TEXT)).isInstanceOf(Accepted.class);
            for (int i = 1; i <= 3; i++) {
                assertThat(tasks.enqueue(Purpose.DIGEST, OTHER_CHAT, "other-digest:" + i, "摘要 " + i)).isInstanceOf(Accepted.class);
            }
            assertThat(tasks.enqueue(Purpose.DIGEST, OTHER_CHAT, "other-digest:4", "摘要 4")).isInstanceOf(Refused.class);

            // A new natural month in China (00:00 on 1 April there is 16:00 UTC the day before) has a new budget.
            clock.advance(Duration.between(START, Instant.parse("2026-03-31T16:00:00Z")));
            Enqueued april = tasks.enqueue(Purpose.DIGEST, CHAT, "digest:april:1", "四月摘要");
            assertThat(april).isInstanceOf(Accepted.class);
            assertThat(task(april).sendMonth()).isEqualTo("2026-04");
        }

        @Test
        void byDefaultAGroupMayReceiveAsManyGroupSendsAMonthAsTheMonthHasDaysOneKeptForTheDisclosure() {
            GroupSendTasks official = withLimit(GroupSendLimit.monthDays());
            // March has 31 days: 30 digests fit, the 31st place is the disclosure's.
            for (int i = 1; i <= 30; i++) {
                assertThat(official.enqueue(Purpose.DIGEST, CHAT, "digest:" + i, "摘要 " + i)).as("digest %d", i).isInstanceOf(Accepted.class);
            }
            Enqueued kept = official.enqueue(Purpose.DIGEST, CHAT, "digest:31", "摘要 31");
            assertThat(kept).isInstanceOf(Refused.class);
            assertThat(((Refused) kept).reason()).contains("本群本月已排 30 条群发", "三务公开", "of its 31 group-sends this month");
            assertThat(official.enqueue(Purpose.DISCLOSURE, CHAT, "disclosure:2026-02", TEXT)).isInstanceOf(Accepted.class);
            Enqueued over = official.enqueue(Purpose.DISCLOSURE, CHAT, "disclosure:2026-02:v2", TEXT);
            assertThat(((Refused) over).reason()).contains("本群本月的 31 条群发已经排满");
            // April has 30.
            clock.advance(Duration.between(START, Instant.parse("2026-03-31T16:00:00Z")));
            for (int i = 1; i <= 30; i++) {
                official.enqueue(i == 1 ? Purpose.DISCLOSURE : Purpose.DIGEST, CHAT, "april:" + i, "四月 " + i);
            }
            assertThat(official.enqueue(Purpose.DIGEST, CHAT, "april:31", "四月 31")).isInstanceOf(Refused.class);
        }

        @Test
        void oneADayCountsTheChinaDayAndKeepsTheMonthsLastDayForAMissingDisclosure() {
            GroupSendTasks daily = withLimit(GroupSendLimit.daily1());
            assertThat(daily.enqueue(Purpose.DIGEST, CHAT, "d:1", "摘要 1")).isInstanceOf(Accepted.class);
            Enqueued second = daily.enqueue(Purpose.DIGEST, CHAT, "d:2", "摘要 2");
            assertThat(((Refused) second).reason()).contains("本群本日的 1 条群发已经排满", "of the day are all taken");
            // 00:00 the next day in China (16:00 UTC): a new day's place.
            clock.advance(Duration.between(START, Instant.parse("2026-03-02T16:00:00Z")));
            assertThat(daily.enqueue(Purpose.DIGEST, CHAT, "d:3", "摘要 3")).isInstanceOf(Accepted.class);
            // On 31 March, with no disclosure this month, a digest would take its last place.
            clock.advance(Duration.between(clock.instant(), Instant.parse("2026-03-31T02:00:00Z")));
            assertThat(((Refused) daily.enqueue(Purpose.DIGEST, CHAT, "d:31", "摘要 31")).reason()).contains("三务公开");
            assertThat(daily.enqueue(Purpose.DISCLOSURE, CHAT, "disclosure:2026-02", TEXT)).isInstanceOf(Accepted.class);
        }

        @Test
        void sevenAWeekCountsMondayToSundayAcrossTheMonthsEnd() {
            GroupSendTasks weekly = withLimit(GroupSendLimit.weekly7());
            // Mon 2026-03-30 to Sun 04-05 is one week across two months; 7 fit, the 8th does not.
            clock.advance(Duration.between(START, Instant.parse("2026-03-30T02:00:00Z")));
            weekly.enqueue(Purpose.DISCLOSURE, CHAT, "disclosure:2026-02", TEXT);
            for (int i = 1; i <= 3; i++) {
                assertThat(weekly.enqueue(Purpose.DIGEST, CHAT, "w:" + i, "摘要 " + i)).isInstanceOf(Accepted.class);
            }
            clock.advance(Duration.ofDays(3)); // Thu 04-02
            weekly.enqueue(Purpose.DISCLOSURE, CHAT, "disclosure:2026-03", TEXT);
            for (int i = 4; i <= 5; i++) {
                assertThat(weekly.enqueue(Purpose.DIGEST, CHAT, "w:" + i, "摘要 " + i)).isInstanceOf(Accepted.class);
            }
            assertThat(((Refused) weekly.enqueue(Purpose.DIGEST, CHAT, "w:6", "摘要 6")).reason()).contains("本群本周的 7 条群发已经排满");
            clock.advance(Duration.ofDays(4)); // Mon 04-06: a new week
            assertThat(weekly.enqueue(Purpose.DIGEST, CHAT, "w:7", "摘要 7")).isInstanceOf(Accepted.class);
        }

        @Test
        void theBudgetHoldsWhenEnqueuesRace() throws Exception {
            List<Callable<Enqueued>> digests = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < 8; i++) {
                int n = i;
                digests.add(() -> {
                    go.await();
                    return tasks.enqueue(Purpose.DIGEST, CHAT, "race:" + n, "摘要 " + n);
                });
            }
            for (int i = 0; i < 4; i++) {
                digests.add(() -> {
                    go.await();
                    return tasks.enqueue(Purpose.DISCLOSURE, OTHER_CHAT, "same-key", TEXT);
                });
            }
            ExecutorService pool = Executors.newFixedThreadPool(12);
            try {
                List<Future<Enqueued>> futures = new ArrayList<>();
                for (Callable<Enqueued> digest : digests) {
                    futures.add(pool.submit(digest));
                }
                go.countDown();
                List<Enqueued> outcomes = new ArrayList<>();
                for (Future<Enqueued> f : futures) {
                    outcomes.add(f.get());
                }
                assertThat(outcomes.subList(0, 8)).filteredOn(o -> o instanceof Accepted).hasSize(3);
                assertThat(outcomes.subList(0, 8)).filteredOn(o -> o instanceof Refused).hasSize(5);
                assertThat(outcomes.subList(8, 12)).extracting(Enqueued::taskId).containsOnly(outcomes.get(8).taskId());
                assertThat(outcomes.subList(8, 12)).filteredOn(o -> !o.duplicate()).hasSize(1);
                assertThat(rowsOf(OTHER_CHAT)).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void aRetriedEnqueueFindsItsTaskInsteadOfAddingOne() {
            Enqueued first = tasks.enqueue(Purpose.DISCLOSURE, CHAT, "disclosure:2026-02:" + CHAT, TEXT);
            Enqueued again = tasks.enqueue(Purpose.DISCLOSURE, CHAT, "disclosure:2026-02:" + CHAT, TEXT);
            assertThat(again).isEqualTo(new Accepted(first.taskId(), true));
            assertThat(rowsOf(CHAT)).isEqualTo(1);
            tasks.advance(50);
            tasks.enqueue(Purpose.DISCLOSURE, CHAT, "disclosure:2026-02:" + CHAT, TEXT);
            tasks.advance(50);
            assertThat(requests("add_msg_template")).hasSize(1);

            Enqueued refused = tasks.enqueue(Purpose.DIGEST, CHAT, "digest:too-long", "长".repeat(2000));
            Enqueued refusedAgain = tasks.enqueue(Purpose.DIGEST, CHAT, "digest:too-long", "长".repeat(2000));
            assertThat(refusedAgain).isEqualTo(new Refused(refused.taskId(), ((Refused) refused).reason(), true));
            assertThat(rowsOf(CHAT)).isEqualTo(2);
        }

        @Test
        void aTextOverWecomsLimitIsRefusedAtEnqueue() {
            String exactly = "好".repeat(1333) + "a"; // 3 × 1333 + 1 = 4000 bytes
            assertThat(exactly.getBytes(StandardCharsets.UTF_8)).hasSize(4000);
            assertThat(tasks.enqueue(Purpose.DIGEST, CHAT, "t:4000", exactly)).isInstanceOf(Accepted.class);
            assertThat(tasks.enqueue(Purpose.DIGEST, CHAT, "t:emoji", "🌾".repeat(1000))).as("4 bytes each").isInstanceOf(Accepted.class);

            Enqueued over = tasks.enqueue(Purpose.DIGEST, CHAT, "t:4002", "好".repeat(1334));
            assertThat(over).isInstanceOf(Refused.class);
            assertThat(((Refused) over).reason()).contains("4002 bytes", "at most 4000 bytes");
            assertThat(task(over).text().getBytes(StandardCharsets.UTF_8).length).as("kept cut to the limit").isLessThanOrEqualTo(4000);
            assertThat(tasks.enqueue(Purpose.DIGEST, CHAT, "t:emoji-over", "🌾".repeat(1000) + "a")).isInstanceOf(Refused.class);
            assertThat(tasks.enqueue(Purpose.DIGEST, CHAT, "t:blank", " \n ")).isInstanceOf(Refused.class);

            tasks.advance(50);
            assertThat(bodies("add_msg_template")).extracting(b -> b.getJsonObject("text").getString("content"))
                    .containsExactlyInAnyOrder(exactly, "🌾".repeat(1000));
        }
    }
}
