package org.jianqun.gateway.wecom;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.jianqun.gateway.inbox.InboxStatus;
import org.jianqun.core.operations.HealthRoutes;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.organisation.ChatGroup;
import org.jianqun.core.persistence.GroupMapper;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestRedis;
import org.jianqun.core.testing.TestServer;
import org.jianqun.gateway.inbox.Inbox;
import org.jianqun.gateway.inbox.InboxMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /wecom/callback} over real HTTP into the real database, with the official sample credentials
 * (token QDG6eK, corp wx5823bf96d3bd56c7) so that WeCom's own vectors can be replayed, and WxJava's
 * crypto playing WeCom for everything else.
 */
class WecomCallbackRoutesTest {
    private static final String CORP = WecomCryptTest.CORP_ID;
    private static final MutableClock WALL = new MutableClock(Instant.ofEpochSecond(1_409_659_589L));
    private static final MutableClock BUSINESS = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private static final WecomSender WECOM = new WecomSender(WecomCryptTest.TOKEN, WecomCryptTest.AES_KEY, CORP, WALL);
    private static final AtomicInteger WAKE_UPS = new AtomicInteger();
    private static final FakeArchive ARCHIVE = new FakeArchive();
    private static TestDatabase db;
    private static RedisStore redis;
    private static ArchivePuller puller;
    private static TestServer server;

    @BeforeAll
    static void start() {
        db = TestDatabase.fresh();
        redis = TestRedis.fresh();
        puller = new ArchivePuller(db.database(), new Inbox(db.database(), BUSINESS), ARCHIVE, CORP, BUSINESS);
        WecomCrypt crypt = new WecomCrypt(WecomCryptTest.TOKEN, WecomCryptTest.AES_KEY, CORP, WALL);
        server = TestServer.start(List.of(
                new WecomCallbackRoutes(crypt, new WecomGroups(db.database(), BUSINESS), Optional.of(puller), vertx -> WAKE_UPS.incrementAndGet()),
                new HealthRoutes(db.database(), redis)));
    }

    @AfterAll
    static void stop() {
        server.close();
        redis.close();
        db.close();
    }

    private static void wallClockAt(long epochSecond) {
        WALL.advance(Duration.between(WALL.instant(), Instant.ofEpochSecond(epochSecond)));
    }

    private static TestServer.Reply post(String query, byte[] body) {
        return server.send(HttpRequest.newBuilder(server.uri(WecomCallbackRoutes.PATH + query)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "text/xml").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static TestServer.Reply event(String plaintext) {
        WecomSender.Sealed sealed = WECOM.seal(plaintext);
        return post(sealed.query(), WECOM.xmlBody(sealed));
    }

    private static ChatGroup group(String chatId) {
        return db.database().read(s -> s.getMapper(GroupMapper.class).find(Channel.WECOM, chatId));
    }

    private static int groupCount() {
        return db.database().<Integer>read(s -> s.getMapper(GroupMapper.class).ofChannel(Channel.WECOM, 1000).size());
    }

    private static int inboxCount() {
        try (var c = db.database().dataSource().getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*) FROM inbox_message")) {
            rs.next();
            return rs.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier done) {
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not done within 15 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void theOfficialVectorsOpenOverHttp() {
        wallClockAt(1_409_659_589L);
        TestServer.Reply echo = server.get(WecomCallbackRoutes.PATH + "?msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3"
                + "&timestamp=1409659589&nonce=263014780&echostr=" + URLEncoder.encode(
                "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==", StandardCharsets.UTF_8), null);
        assertThat(echo.status()).isEqualTo(200);
        assertThat(echo.body()).isEqualTo("1616140317555161061");
        assertThat(echo.header("Content-Type")).startsWith("text/plain");

        // The sample message is a member writing to the app itself: answered, and nothing kept.
        wallClockAt(1_409_659_813L);
        int groups = groupCount();
        TestServer.Reply message = post("?msg_signature=477715d11cdb4164915debcba66cb864d751f3e6&timestamp=1409659813&nonce=1372623149",
                WecomCryptTest.MESSAGE_BODY.getBytes(StandardCharsets.UTF_8));
        assertThat(message.status()).as(message.body()).isEqualTo(200);
        assertThat(message.body()).isEqualTo("success");
        assertThat(groupCount()).isEqualTo(groups);
    }

    @Test
    void aUrlCheckSealedByWxJavaAnswersItsEcho() {
        WecomSender.Sealed sealed = WECOM.seal("8472619350");
        TestServer.Reply echo = server.get(WecomCallbackRoutes.PATH + sealed.verifyQuery(), null);
        assertThat(echo.status()).isEqualTo(200);
        assertThat(echo.body()).isEqualTo("8472619350");
        // A '+' in echostr that arrived unescaped reads as a space; it is put back before the signature is checked.
        String raw = sealed.query() + "&echostr=" + sealed.encrypt().replace("/", "%2F").replace("=", "%3D");
        TestServer.Reply unescaped = server.get(WecomCallbackRoutes.PATH + raw, null);
        assertThat(unescaped.status()).as(unescaped.body()).isEqualTo(200);
        assertThat(unescaped.body()).isEqualTo("8472619350");
    }

    @Test
    void aNewGroupIsRegisteredUnassignedOnceUpdatesKeepItAndDismissalIsRecorded() {
        String chatId = "wrOgQhDgAAcwMTB7YmDkbeBsgT_AAAA";
        int before = groupCount();
        for (int i = 0; i < 100; i++) {
            TestServer.Reply reply = event(WecomSender.changeExternalChat(CORP, chatId, "create", 1_409_659_589L));
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.body()).isEqualTo("success");
        }
        assertThat(groupCount()).isEqualTo(before + 1);
        ChatGroup created = group(chatId);
        assertThat(created.regionCode()).as("unassigned until an admin binds it").isNull();
        assertThat(created.name()).isEqualTo(WecomGroups.UNNAMED + chatId);

        assertThat(event(WecomSender.changeExternalChat(CORP, chatId, "update", 1_409_659_590L)).body()).isEqualTo("success");
        assertThat(group(chatId)).isEqualTo(created);

        for (int i = 0; i < 3; i++) {
            assertThat(event(WecomSender.changeExternalChat(CORP, chatId, "dismiss", 1_409_659_591L)).status()).isEqualTo(200);
        }
        assertThat(group(chatId).name()).isEqualTo(WecomGroups.DISMISSED + WecomGroups.UNNAMED + chatId);
        assertThat(groupCount()).isEqualTo(before + 1);

        // An update for a group we never heard created (a missed callback) registers it.
        assertThat(event(WecomSender.changeExternalChat(CORP, "wrOgQhDgAAmissed", "update", 1_409_659_592L)).status()).isEqualTo(200);
        assertThat(group("wrOgQhDgAAmissed")).isNotNull();
    }

    @Test
    void msgauditNotifyPullsTheArchiveIntoTheInboxOnce() {
        long at = Instant.parse("2026-03-02T00:59:00Z").toEpochMilli();
        ARCHIVE.add(new MessageArchive.Archived(1, "arch-msg-1", "send", "wrOgQhDgAAroom1", "wmVillager01", "text", "#反映 村口路灯坏了",
                null, Instant.ofEpochMilli(at)));
        ARCHIVE.add(new MessageArchive.Archived(2, "arch-msg-2", "send", "wrOgQhDgAAroom1", "wmVillager02", "text", "今天开会吗",
                null, Instant.ofEpochMilli(at + 1000)));
        ARCHIVE.add(new MessageArchive.Archived(3, "arch-msg-3", "send", "wrOgQhDgAAroom1", "wmVillager01", "voice", null,
                12, Instant.ofEpochMilli(at + 2000)));
        int wakeUps = WAKE_UPS.get();

        TestServer.Reply first = event(WecomSender.msgauditNotify(CORP, 1_409_659_589L));
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("success");
        await(() -> stored("arch-msg-3") == 1 && !puller.busy());
        assertThat(Arrays.asList(stored("arch-msg-1"), stored("arch-msg-2"), stored("arch-msg-3"))).containsOnly(1);
        assertThat(WAKE_UPS.get()).as("the processor is woken").isGreaterThan(wakeUps);
        InboxMapper.Stored report = db.database().read(s -> s.getMapper(InboxMapper.class).find("WECOM", "arch-msg-1"));
        assertThat(report.groupId()).isEqualTo("wrOgQhDgAAroom1");
        assertThat(report.senderId()).isEqualTo("wmVillager01");
        assertThat(report.text()).isEqualTo("#反映 村口路灯坏了");
        assertThat(report.sentAt()).isEqualTo(Instant.ofEpochMilli(at));
        assertThat(report.status()).isEqualTo(InboxStatus.RECEIVED);
        InboxMapper.Stored voice = db.database().read(s -> s.getMapper(InboxMapper.class).find("WECOM", "arch-msg-3"));
        assertThat(voice.kind()).isEqualTo("VOICE");
        assertThat(voice.voiceSeconds()).isEqualTo(12);

        int pullsBefore = ARCHIVE.askedAfter().size();
        assertThat(event(WecomSender.msgauditNotify(CORP, 1_409_659_600L)).status()).isEqualTo(200);
        await(() -> ARCHIVE.askedAfter().size() > pullsBefore && !puller.busy());
        assertThat(ARCHIVE.askedAfter()).last().as("the next pull starts after the last stored seq").isEqualTo(3L);
        assertThat(Arrays.asList(stored("arch-msg-1"), stored("arch-msg-2"), stored("arch-msg-3"))).containsOnly(1);
    }

    private static int stored(String messageId) {
        return db.database().read(s -> s.getMapper(InboxMapper.class).count("WECOM", messageId));
    }

    @Test
    void deepOrWideXmlIsRefusedAs400BeforeAnySignatureWorkAndLoggedInAFewShortLines() {
        WecomSender.Sealed good = WECOM.seal(WecomSender.changeExternalChat(CORP, "wrOgQhDgAAdeep", "create", 1_409_659_589L));
        String forgedQuery = good.withSignature("0".repeat(40)).query();
        byte[] deep = ("<xml><Encrypt>" + "<a>".repeat(140_000) + "</a>".repeat(140_000) + "</Encrypt></xml>").getBytes(StandardCharsets.UTF_8);
        byte[] wide = ("<xml><Encrypt>x</Encrypt>" + "<a/>".repeat(CallbackXml.MAX_ELEMENTS) + "</xml>").getBytes(StandardCharsets.UTF_8);
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines = new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        root.addAppender(lines);
        try {
            for (int i = 0; i < 50; i++) {
                TestServer.Reply reply = post(forgedQuery, i % 2 == 0 ? deep : wide);
                assertThat(reply.status()).isEqualTo(400);
                assertThat(reply.json().getString("error")).isEqualTo("bad_request");
                assertThat(reply.json().getString("message")).containsAnyOf("deeper than", "more than");
            }
        } finally {
            root.detachAppender(lines);
        }
        List<ch.qos.logback.classic.spi.ILoggingEvent> ours = lines.list.stream().filter(e -> e.getLoggerName().startsWith("jianqun")).toList();
        assertThat(ours).hasSizeLessThanOrEqualTo(10);
        for (ch.qos.logback.classic.spi.ILoggingEvent line : ours) {
            assertThat(line.getThrowableProxy()).isNull();
            assertThat(line.getFormattedMessage()).hasSizeLessThan(1_000);
        }
        assertThat(group("wrOgQhDgAAdeep")).isNull();
        assertThat(post(good.query(), WECOM.xmlBody(good)).body()).as("the genuine one is still taken").isEqualTo("success");
    }

    @Test
    void badCallbacksAreRefusedNothingIsStoredAndTheServerStillAnswers() {
        int groups = groupCount();
        int inbox = inboxCount();
        String create = WecomSender.changeExternalChat(CORP, "wrOgQhDgAAforged", "create", 1_409_659_589L);
        WecomSender.Sealed good = WECOM.seal(create);

        TestServer.Reply forged = post(good.withSignature("0".repeat(40)).query(), WECOM.xmlBody(good));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.json().getString("error")).isEqualTo("bad_signature");
        assertThat(post("?timestamp=" + good.timestamp() + "&nonce=" + good.nonce(), WECOM.xmlBody(good)).status()).isEqualTo(401);

        WecomSender.Sealed stale = WECOM.sealAt(create, WALL.instant().getEpochSecond() - 301);
        TestServer.Reply staleReply = post(stale.query(), WECOM.xmlBody(stale));
        assertThat(staleReply.status()).isEqualTo(401);
        assertThat(staleReply.json().getString("message")).contains("300 s");
        WecomSender.Sealed future = WECOM.sealAt(create, WALL.instant().getEpochSecond() + 301);
        assertThat(post(future.query(), WECOM.xmlBody(future)).status()).isEqualTo(401);

        WecomSender otherCorp = new WecomSender(WecomCryptTest.TOKEN, WecomCryptTest.AES_KEY, "wwsomeothercorp01", WALL);
        WecomSender.Sealed foreign = otherCorp.seal(create);
        TestServer.Reply wrongCorp = post(foreign.query(), otherCorp.xmlBody(foreign));
        assertThat(wrongCorp.status()).isEqualTo(403);
        assertThat(wrongCorp.json().getString("error")).isEqualTo("wrong_receiver");

        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
                + "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">]><xml><Encrypt>&lol4;</Encrypt></xml>";
        assertThat(post(good.query(), laughs.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><Encrypt>&e;</Encrypt></xml>";
        assertThat(post(good.query(), xxe.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
        // A DTD around a correctly signed Encrypt is refused all the same.
        String withDtd = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x \"y\">]>" + new String(WECOM.xmlBody(good), StandardCharsets.UTF_8);
        assertThat(post(good.query(), withDtd.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);

        // Over the limit the server answers and hangs up mid-upload, which the JDK client cannot read: a raw socket can.
        assertThat(server.rawPost(WecomCallbackRoutes.PATH + good.query(), "none", "text/xml", WecomCallbackRoutes.BODY_LIMIT + 1L,
                WecomCallbackRoutes.BODY_LIMIT + 1)).startsWith("HTTP/1.1 413");

        byte[] notUtf8 = WECOM.xmlBody(good);
        notUtf8[3] = (byte) 0xC3;
        notUtf8[4] = (byte) 0x28;
        TestServer.Reply badBytes = post(good.query(), notUtf8);
        assertThat(badBytes.status()).isEqualTo(400);
        assertThat(badBytes.json().getString("message")).contains("UTF-8");
        assertThat(post(good.query(), "not xml at all".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
        assertThat(post(good.query(), "<xml><ToUserName>x</ToUserName></xml>".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
        String garbage = "bm90IGEgY2lwaGVydGV4dCBhdCBhbGwsIGp1c3QgdGV4dA==";
        String garbageSignature = me.chanjar.weixin.common.util.crypto.SHA1.gen(WecomCryptTest.TOKEN, good.timestamp(), good.nonce(), garbage);
        assertThat(post("?msg_signature=" + garbageSignature + "&timestamp=" + good.timestamp() + "&nonce=" + good.nonce(),
                ("<xml><Encrypt><![CDATA[" + garbage + "]]></Encrypt></xml>").getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);

        WecomSender.Sealed echo = WECOM.seal("123");
        assertThat(server.get(WecomCallbackRoutes.PATH + echo.withSignature("f".repeat(40)).verifyQuery(), null).status()).isEqualTo(401);
        assertThat(server.get(WecomCallbackRoutes.PATH + echo.query(), null).status()).as("no echostr").isEqualTo(400);

        assertThat(groupCount()).isEqualTo(groups);
        assertThat(group("wrOgQhDgAAforged")).isNull();
        assertThat(inboxCount()).isEqualTo(inbox);

        TestServer.Reply health = server.get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().getString("status")).isEqualTo("up");
        assertThat(server.get(WecomCallbackRoutes.PATH + echo.verifyQuery(), null).body()).isEqualTo("123");
        assertThat(post(good.query(), WECOM.xmlBody(good)).body()).as("the genuine one is still taken").isEqualTo("success");
        assertThat(group("wrOgQhDgAAforged")).isNotNull();
    }
}
