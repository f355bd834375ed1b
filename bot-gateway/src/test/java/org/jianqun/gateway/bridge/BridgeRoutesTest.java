package org.jianqun.gateway.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jianqun.gateway.inbox.InboxStatus;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestServer;
import org.jianqun.gateway.inbox.Inbox;
import org.jianqun.gateway.inbox.InboxMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The signed bridge webhook over real HTTP into the real inbox (MariaDB in CI). */
class BridgeRoutesTest {
    private static final String SECRET = "bridge-test-secret-0123456789";
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private static final BridgeSignature SIGNER = new BridgeSignature(SECRET, CLOCK);
    private static final AtomicInteger WAKE_UPS = new AtomicInteger();
    private static TestDatabase db;
    private static TestServer server;

    @BeforeAll
    static void start() {
        db = TestDatabase.fresh();
        Inbox inbox = new Inbox(db.database(), CLOCK);
        server = TestServer.start(List.of(new BridgeRoutes(SIGNER, inbox, vertx -> WAKE_UPS.incrementAndGet())));
    }

    @AfterAll
    static void stop() {
        server.close();
        db.close();
    }

    private static String message(String id, String text) {
        return new JsonObject().put("messageId", id).put("groupId", "g-201-1")
                .put("sender", new JsonObject().put("id", "wx-villager-1").put("name", "村民甲"))
                .put("type", "text").put("text", text).put("sentAt", "2026-03-02T00:59:58Z").encode();
    }

    private static TestServer.Reply send(byte[] body, String timestamp, String signature) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/bridge/v1/messages"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (timestamp != null) {
            b.header(BridgeSignature.TIMESTAMP_HEADER, timestamp);
        }
        if (signature != null) {
            b.header(BridgeSignature.SIGNATURE_HEADER, signature);
        }
        return server.send(b.build());
    }

    private static TestServer.Reply signed(byte[] body) {
        String ts = Long.toString(CLOCK.instant().getEpochSecond());
        return send(body, ts, SIGNER.sign(ts, body));
    }

    private static int stored(String messageId) {
        return db.database().read(s -> s.getMapper(InboxMapper.class).count("BRIDGE", messageId));
    }

    @Test
    void aSignedMessageIsStoredOnceHoweverOftenItComes() {
        byte[] body = message("m-1", "#反映 村口路灯坏了🌃").getBytes(StandardCharsets.UTF_8);
        int before = WAKE_UPS.get();
        TestServer.Reply first = signed(body);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json()).isEqualTo(new JsonObject().put("accepted", true).put("duplicate", false));
        for (int i = 0; i < 100; i++) {
            TestServer.Reply again = signed(body);
            assertThat(again.json().getBoolean("duplicate")).isTrue();
        }
        assertThat(stored("m-1")).isEqualTo(1);
        assertThat(WAKE_UPS.get() - before).as("the processor is woken for new messages only").isEqualTo(1);
        InboxMapper.Stored row = db.database().read(s -> s.getMapper(InboxMapper.class).find("BRIDGE", "m-1"));
        assertThat(row.text()).isEqualTo("#反映 村口路灯坏了🌃");
        assertThat(row.status()).isEqualTo(InboxStatus.RECEIVED);
        assertThat(row.sentAt()).isEqualTo(Instant.parse("2026-03-02T00:59:58Z"));
    }

    /** A message id is compared exactly, trailing space included (V11: MariaDB's utf8mb4_bin padded it away). */
    @Test
    void messageIdsDifferingByATrailingSpaceAreTwoMessages() {
        TestServer.Reply first = signed(message("m-pad", "第一条").getBytes(StandardCharsets.UTF_8));
        TestServer.Reply second = signed(message("m-pad ", "第二条").getBytes(StandardCharsets.UTF_8));
        assertThat(first.json().getBoolean("duplicate")).isFalse();
        assertThat(second.json().getBoolean("duplicate")).isFalse();
        assertThat(stored("m-pad")).isEqualTo(1);
        assertThat(stored("m-pad ")).isEqualTo(1);
        assertThat(db.database().<InboxMapper.Stored>read(s -> s.getMapper(InboxMapper.class).find("BRIDGE", "m-pad ")).text()).isEqualTo("第二条");
    }

    @Test
    void forgedStaleAndMissingSignaturesAre401() {
        byte[] body = message("m-2", "hello").getBytes(StandardCharsets.UTF_8);
        String now = Long.toString(CLOCK.instant().getEpochSecond());
        assertThat(send(body, now, SIGNER.sign(now, "other".getBytes(StandardCharsets.UTF_8))).status()).isEqualTo(401);
        assertThat(send(body, now, new BridgeSignature("another-secret-0123456789", CLOCK).sign(now, body)).status()).isEqualTo(401);
        String stale = Long.toString(CLOCK.instant().getEpochSecond() - 301);
        TestServer.Reply old = send(body, stale, SIGNER.sign(stale, body));
        assertThat(old.status()).isEqualTo(401);
        assertThat(old.json().getString("message")).contains("300 s");
        assertThat(send(body, null, null).json().getString("message")).contains("missing");
        assertThat(send(body, now, "zz").status()).isEqualTo(401);
        assertThat(stored("m-2")).isZero();
    }

    @Test
    void malformedBodiesNameTheField() {
        assertThat(signed("{\"groupId\":\"g\"}".getBytes(StandardCharsets.UTF_8)).json().getString("field")).isEqualTo("messageId");
        JsonObject noSender = new JsonObject(message("m-3", "x"));
        noSender.remove("sender");
        assertThat(signed(noSender.encode().getBytes(StandardCharsets.UTF_8)).json().getString("field")).isEqualTo("sender");
        JsonObject badType = new JsonObject(message("m-3", "x")).put("type", "video");
        assertThat(signed(badType.encode().getBytes(StandardCharsets.UTF_8)).json().getString("field")).isEqualTo("type");
        JsonObject longId = new JsonObject(message("m".repeat(129), "x"));
        TestServer.Reply tooLong = signed(longId.encode().getBytes(StandardCharsets.UTF_8));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().getString("field")).isEqualTo("messageId");
        TestServer.Reply emoji = signed(message("m-4", "😀".repeat(10_000)).getBytes(StandardCharsets.UTF_8));
        assertThat(emoji.status()).isEqualTo(400);
        assertThat(emoji.json().getString("message")).contains("text is 10000 characters long; at most 5000");
        assertThat(signed(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}).json().getString("message")).contains("not UTF-8");
        assertThat(signed("[1,2]".getBytes(StandardCharsets.UTF_8)).json().getString("message")).contains("JSON object");
        JsonObject voice = new JsonObject(message("m-5", null)).put("type", "voice").put("voice", new JsonObject().put("durationSec", 12));
        assertThat(signed(voice.encode().getBytes(StandardCharsets.UTF_8)).json().getString("field")).isEqualTo("voice.url");
        // Instant.parse takes year 10000; the DATETIME column does not, and would fail the whole group-committed batch.
        TestServer.Reply farFuture = signed(new JsonObject(message("m-7", "x")).put("sentAt", "+10000-01-01T00:00:00Z").encode()
                .getBytes(StandardCharsets.UTF_8));
        assertThat(farFuture.status()).isEqualTo(400);
        assertThat(farFuture.json().getString("field")).isEqualTo("sentAt");
        assertThat(stored("m-3") + stored("m-4") + stored("m-5") + stored("m-7")).isZero();
    }

    @Test
    void aVoiceMessageWithItsTranscriptIsKept() {
        JsonObject voice = new JsonObject(message("m-6", null)).put("type", "voice")
                .put("voice", new JsonObject().put("url", "https://bridge.example/audio/6.amr").put("durationSec", 12).put("transcript", "反映 低保的事"));
        assertThat(signed(voice.encode().getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
        InboxMapper.Stored row = db.database().read(s -> s.getMapper(InboxMapper.class).find("BRIDGE", "m-6"));
        assertThat(row.transcript()).isEqualTo("反映 低保的事");
        assertThat(row.voiceSeconds()).isEqualTo(12);
    }

    @Test
    void messageIdsDifferingOnlyInCaseAreTwoMessages() {
        TestServer.Reply upper = signed(message("Case-A", "第一条").getBytes(StandardCharsets.UTF_8));
        TestServer.Reply lower = signed(message("case-a", "第二条").getBytes(StandardCharsets.UTF_8));
        assertThat(upper.json().getBoolean("duplicate")).isFalse();
        assertThat(lower.json().getBoolean("duplicate")).isFalse();
        assertThat(db.database().<String>read(s -> s.getMapper(InboxMapper.class).find("BRIDGE", "Case-A").text())).isEqualTo("第一条");
        assertThat(db.database().<String>read(s -> s.getMapper(InboxMapper.class).find("BRIDGE", "case-a").text()))
                .as("acknowledged as new, so it must be stored").isEqualTo("第二条");
    }

    /**
     * A store that cannot write in time: another transaction holds the message's unique key, so the
     * gateway's insert waits on the database's lock. The bridge must hear 503 + Retry-After within the
     * store timeout (not hang, not hear "accepted"), and its resend after the store recovers is
     * accepted and stored once.
     */
    @Test
    void aStuckStoreIsAnswered503WithRetryAfterAndTheResendIsStoredOnce() throws SQLException {
        byte[] body = message("m-stuck", "#反映 水渠堵了").getBytes(StandardCharsets.UTF_8);
        TestServer.Reply refused;
        try (Connection blocker = db.database().dataSource().getConnection()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement hold = blocker.prepareStatement("INSERT INTO inbox_message (channel, message_id, group_id, sender_id, kind, "
                    + "sent_at, received_at, status) VALUES ('BRIDGE', 'm-stuck', 'g-201-1', 'someone', 'TEXT', ?, ?, 'RECEIVED')")) {
                hold.setObject(1, java.time.LocalDateTime.of(2026, 3, 2, 1, 0));
                hold.setObject(2, java.time.LocalDateTime.of(2026, 3, 2, 1, 0));
                hold.executeUpdate();
            }
            long started = System.nanoTime();
            refused = signed(body);
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            blocker.rollback();
            assertThat(tookMs).as("answered within the store timeout, well before a client gives up").isLessThan(BridgeRoutes.STORE_TIMEOUT_MS + 2_000);
        }
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isEqualTo("5");
        assertThat(refused.json().getString("message")).contains("resend the same message");
        // The gateway's own insert may still complete once the lock is gone; either way a resend is
        // accepted (new or duplicate) and there is exactly one row.
        TestServer.Reply resent = signed(body);
        assertThat(resent.status()).isEqualTo(200);
        assertThat(resent.json().getBoolean("accepted")).isTrue();
        assertThat(stored("m-stuck")).isEqualTo(1);
        assertThat(db.database().<String>read(s -> s.getMapper(InboxMapper.class).find("BRIDGE", "m-stuck").text())).isEqualTo("#反映 水渠堵了");
    }

    @Test
    void overAMegabyteIs413() {
        assertThat(server.rawPost("/bridge/v1/messages", "none", "application/json", BridgeRoutes.BODY_LIMIT + 1L, BridgeRoutes.BODY_LIMIT + 1))
                .startsWith("HTTP/1.1 413");
    }
}
