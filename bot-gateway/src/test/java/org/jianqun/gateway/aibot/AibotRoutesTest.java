package org.jianqun.gateway.aibot;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestServer;
import org.jianqun.gateway.inbox.InboxMapper;
import org.jianqun.gateway.wecom.CallbackXml;
import org.jianqun.gateway.wecom.WecomCrypt;
import org.jianqun.gateway.wecom.WecomSender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /wecom/aibot} over real HTTP into the real inbox, with WxJava's crypto (receive-id "") playing WeCom. */
class AibotRoutesTest {
    static final String TOKEN = "aibotTestToken01";
    static final String AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private static final URI API_BASE = URI.create("https://qyapi.weixin.qq.com");
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private static final WecomSender WECOM = new WecomSender(TOKEN, AES_KEY, "", CLOCK);
    private static final AtomicInteger WAKE_UPS = new AtomicInteger();
    private static TestDatabase db;
    private static TestServer server;

    @BeforeAll
    static void start() {
        db = TestDatabase.fresh();
        db.database().addMapper(InboxMapper.class); // to read what was stored
        server = TestServer.start(List.of(new AibotRoutes(new WecomCrypt(TOKEN, AES_KEY, "", CLOCK), new org.jianqun.gateway.inbox.Inbox(db.database(), CLOCK), API_BASE, CLOCK,
                vertx -> WAKE_UPS.incrementAndGet())));
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    /** A decrypted callback as the robot documents it. */
    static JsonObject mention(String msgId, String chatId, String userId, String content, String responseUrl) {
        return new JsonObject().put("msgid", msgId).put("aibotid", "AIBOTID").put("chatid", chatId).put("chattype", "group")
                .put("from", new JsonObject().put("userid", userId)).put("response_url", responseUrl).put("msgtype", "text")
                .put("text", new JsonObject().put("content", content));
    }

    private static TestServer.Reply post(String query, byte[] body) {
        return server.send(HttpRequest.newBuilder(server.uri(AibotRoutes.PATH + query)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static TestServer.Reply send(JsonObject callback) {
        WecomSender.Sealed sealed = WECOM.seal(callback.encode());
        return post(sealed.query(), WecomSender.jsonBody(sealed));
    }

    private static InboxMapper.Stored stored(String msgId) {
        return db.database().read(s -> s.getMapper(InboxMapper.class).find("AIBOT", msgId));
    }

    private static String responseUrlOf(String msgId) {
        try (var c = db.database().dataSource().getConnection();
             var ps = c.prepareStatement("SELECT response_url FROM inbox_message WHERE channel = 'AIBOT' AND message_id = ?")) {
            ps.setString(1, msgId);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "(no row)";
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theUrlCheckOpensWithAnEmptyReceiveId() {
        WecomSender.Sealed sealed = WECOM.seal("5551234567");
        TestServer.Reply echo = server.get(AibotRoutes.PATH + sealed.verifyQuery(), null);
        assertThat(echo.status()).isEqualTo(200);
        assertThat(echo.body()).isEqualTo("5551234567");
        // Sealed for a corp instead, as an app callback would be: not the robot's.
        WecomSender corp = new WecomSender(TOKEN, AES_KEY, "wwcorp0000000001", CLOCK);
        assertThat(server.get(AibotRoutes.PATH + corp.seal("5551234567").verifyQuery(), null).status()).isEqualTo(403);
    }

    @Test
    void aGroupMentionIsStoredOnceWithItsResponseUrl() {
        String url = "https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RC-1";
        JsonObject callback = mention("ai-msg-1", "wrkSFfCgAAchat1", "cadre-zhang", "@监群 认领 #12", url);
        int wakeUps = WAKE_UPS.get();
        for (int i = 0; i < 100; i++) {
            TestServer.Reply reply = send(callback);
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.body()).as("no passive reply: the answer goes through response_url").isEmpty();
        }
        assertThat(db.database().<Integer>read(s -> s.getMapper(InboxMapper.class).count("AIBOT", "ai-msg-1"))).isEqualTo(1);
        assertThat(WAKE_UPS.get() - wakeUps).isEqualTo(1);
        InboxMapper.Stored row = stored("ai-msg-1");
        assertThat(row.groupId()).isEqualTo("wrkSFfCgAAchat1");
        assertThat(row.senderId()).isEqualTo("cadre-zhang");
        assertThat(row.text()).as("the mention itself is taken off").isEqualTo("认领 #12");
        assertThat(row.mentionsBot()).isTrue();
        assertThat(responseUrlOf("ai-msg-1")).isEqualTo(url);
    }

    @Test
    void mixedMessagesKeepTheirTextAndForeignResponseUrlsAreNotKept() {
        JsonObject mixed = mention("ai-msg-2", "wrkSFfCgAAchat1", "cadre-li", null, "https://attacker.example/steal");
        mixed.remove("text");
        mixed.put("msgtype", "mixed").put("mixed", new JsonObject().put("msg_item", new JsonArray()
                .add(new JsonObject().put("msgtype", "text").put("text", new JsonObject().put("content", "@监群 #反映 水渠堵了")))
                .add(new JsonObject().put("msgtype", "image").put("image", new JsonObject().put("url", "https://x/y.png")))));
        assertThat(send(mixed).status()).isEqualTo(200);
        assertThat(stored("ai-msg-2").text()).isEqualTo("#反映 水渠堵了");
        assertThat(responseUrlOf("ai-msg-2")).as("the platform only posts to WeCom").isNull();
    }

    @Test
    void oneToOneChatsEventsAndStreamsAreAnsweredAndLetGo() {
        JsonObject single = mention("ai-msg-3", "ignored", "cadre-wang", "你好", "https://qyapi.weixin.qq.com/r");
        single.put("chattype", "single");
        JsonObject event = new JsonObject().put("msgid", "ai-msg-4").put("chattype", "group").put("chatid", "wrkSFfCgAAchat1")
                .put("msgtype", "event").put("event", new JsonObject().put("eventtype", "enter_chat"));
        JsonObject stream = new JsonObject().put("msgid", "ai-msg-5").put("chattype", "group").put("msgtype", "stream")
                .put("stream", new JsonObject().put("id", "s1"));
        for (JsonObject callback : List.of(single, event, stream)) {
            assertThat(send(callback).status()).isEqualTo(200);
        }
        assertThat(Arrays.asList(stored("ai-msg-3"), stored("ai-msg-4"), stored("ai-msg-5"))).containsOnlyNulls();
    }

    @Test
    void badCallbacksAreRefusedAndNothingIsStored() {
        JsonObject callback = mention("ai-msg-bad", "wrkSFfCgAAchat1", "cadre-zhao", "#反映 x", "https://qyapi.weixin.qq.com/r");
        WecomSender.Sealed good = WECOM.seal(callback.encode());
        assertThat(post(good.withSignature("1".repeat(40)).query(), WecomSender.jsonBody(good)).status()).isEqualTo(401);
        WecomSender.Sealed stale = WECOM.sealAt(callback.encode(), CLOCK.instant().getEpochSecond() - 400);
        assertThat(post(stale.query(), WecomSender.jsonBody(stale)).status()).isEqualTo(401);
        WecomSender corp = new WecomSender(TOKEN, AES_KEY, "wwcorp0000000001", CLOCK);
        WecomSender.Sealed foreign = corp.seal(callback.encode());
        assertThat(post(foreign.query(), WecomSender.jsonBody(foreign)).status()).isEqualTo(403);
        assertThat(post(good.query(), "not json".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
        assertThat(post(good.query(), "{\"other\":1}".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
        assertThat(post(good.query(), new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}).status()).isEqualTo(400);
        assertThat(server.rawPost(AibotRoutes.PATH + good.query(), "none", "application/json", CallbackXml.MAX_BYTES + 1L,
                CallbackXml.MAX_BYTES + 1)).startsWith("HTTP/1.1 413");
        WecomSender.Sealed notJson = WECOM.seal("<xml>not json</xml>");
        assertThat(post(notJson.query(), WecomSender.jsonBody(notJson)).status()).isEqualTo(400);
        WecomSender.Sealed noMsgId = WECOM.seal(callback.copy().put("msgid", "").encode());
        assertThat(post(noMsgId.query(), WecomSender.jsonBody(noMsgId)).status()).isEqualTo(400);
        assertThat(stored("ai-msg-bad")).isNull();

        // And after all that, the genuine callback is still taken.
        assertThat(post(good.query(), WecomSender.jsonBody(good)).status()).isEqualTo(200);
        assertThat(stored("ai-msg-bad")).isNotNull();
    }

    @Test
    void aNestedEnvelopeIsRefusedBeforeItsSignatureIsLookedAt() {
        WecomSender.Sealed good = WECOM.seal(mention("ai-msg-deep", "wrkSFfCgAAchat1", "cadre-zhao", "#反映 x", null).encode());
        JsonObject envelope = new JsonObject(new String(WecomSender.jsonBody(good), StandardCharsets.UTF_8));
        // A little nesting next to a genuine encrypt: no recursive parser sees an unauthenticated body.
        String nested = "{\"encrypt\":\"" + envelope.getString("encrypt") + "\",\"pad\":" + "[".repeat(500) + "]".repeat(500) + "}";
        TestServer.Reply reply = post(good.query(), nested.getBytes(StandardCharsets.UTF_8));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().getString("message")).contains("deeper than");
        assertThat(post(good.query(), "[".repeat(200_000).getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
        assertThat(stored("ai-msg-deep")).isNull();
        // Fields around it are passed over, flat ones and shallow ones alike.
        String padded = "{\"pad\":{\"a\":[1,2]},\"encrypt\":\"" + envelope.getString("encrypt") + "\",\"n\":1}";
        assertThat(post(good.query(), padded.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        assertThat(stored("ai-msg-deep")).isNotNull();
    }

    @Test
    void theCryptoJudgesTimeByTheClockItIsGiven() {
        // Production passes the wall clock: a sandbox business clock must not make WeCom's callbacks stale.
        WecomCrypt wall = new WecomCrypt(TOKEN, AES_KEY, "", Clock.systemUTC());
        me.chanjar.weixin.common.util.crypto.WxCryptUtil.EncryptContext sealed =
                new me.chanjar.weixin.common.util.crypto.WxCryptUtil(TOKEN, AES_KEY, "").encryptContext("{\"msgid\":\"x\"}");
        assertThat(wall.open(sealed.getSignature(), sealed.getTimeStamp(), sealed.getNonce(), sealed.getEncrypt())).isEqualTo("{\"msgid\":\"x\"}");
    }
}
