package org.jianqun.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.outbox.GroupAddress;
import org.jianqun.core.outbox.Outbox;
import org.jianqun.core.outbox.OutboxMessage;
import org.jianqun.core.redis.EmbeddedRedis;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestRedis;
import org.jianqun.gateway.bridge.BridgeSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/**
 * Destinations are isolated: one that never answers holds back only its own lane, and its messages
 * are retried, never lost. Pacing survives Redis going away (local counters, half the limit) and goes
 * back to Redis when it answers again. Two dispatchers on one outbox never send one message twice.
 */
class OutboxLanesTest {
    private static final BridgeSignature SIGNER = new BridgeSignature("lanes-secret-0123456789");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private TestDatabase db;
    private BridgeReceiver bridge;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void open() {
        db = TestDatabase.fresh();
        bridge = new BridgeReceiver(SIGNER);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        bridge.close();
        db.close();
    }

    private void enqueue(String groupId, String text) {
        db.database().inTransaction(s -> {
            Outbox.enqueue(s, clock.instant(), null, "TEST", OutboxMessage.toGroup(new GroupAddress(Channel.BRIDGE, groupId), text));
            return null;
        });
    }

    private String column(String sql) {
        try (var c = db.database().dataSource().getConnection(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return String.join(",", out);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The gateway's loop, as GatewayVerticle runs it: a pass, then another shortly after, on a thread of its own. */
    private AtomicBoolean loop(OutboxDispatcher dispatcher) {
        AtomicBoolean running = new AtomicBoolean(true);
        Thread t = new Thread(() -> {
            while (running.get()) {
                dispatcher.dispatchDue(200);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "dispatch-loop");
        t.setDaemon(true);
        t.start();
        closing.add(() -> {
            running.set(false);
            t.join(TimeUnit.SECONDS.toMillis(20));
        });
        return running;
    }

    private static boolean within(Duration wait, BooleanSupplier done) throws InterruptedException {
        long giveUp = System.nanoTime() + wait.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > giveUp) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private RedisStore redis() {
        RedisStore redis = TestRedis.fresh();
        closing.add(redis);
        return redis;
    }

    @Test
    void aDestinationThatNeverAnswersHoldsBackOnlyItsOwnLaneAndIsRetriedLater() throws InterruptedException {
        bridge.hang("g-hung");
        for (int i = 1; i <= 3; i++) {
            enqueue("g-hung", "挂起的群 第" + i + "条");
        }
        for (int g = 1; g <= 10; g++) {
            for (int i = 1; i <= 3; i++) {
                enqueue("g-" + g, "第" + g + "群 第" + i + "条");
            }
        }
        // Each send waits 6 s for an answer; before lanes, the first hung one alone held every other group for that long.
        OutboxDispatcher dispatcher = new OutboxDispatcher(db.database(), Optional.of(new BridgeOutbound(bridge.url(), SIGNER, Duration.ofSeconds(6))),
                Optional.empty(), Optional.empty(), new Pacer(redis(), clock), clock);
        loop(dispatcher);

        assertThat(within(Duration.ofSeconds(4), () -> {
            int n = 0;
            for (int g = 1; g <= 10; g++) {
                n += bridge.texts("g-" + g).size();
            }
            return n == 30;
        })).as("the other groups' 30 deliveries arrived while one group hung").isTrue();
        for (int g = 1; g <= 10; g++) {
            assertThat(bridge.texts("g-" + g)).as("in order").containsExactly("第" + g + "群 第1条", "第" + g + "群 第2条", "第" + g + "群 第3条");
        }
        assertThat(bridge.unanswered()).as("one in flight to the hung group, the others wait their turn unclaimed").hasSize(1);

        // The hung send times out: retried after a backoff, not lost (meanwhile the lane takes the group's next one).
        assertThat(within(Duration.ofSeconds(15), () -> column("SELECT last_error FROM outbox WHERE text LIKE '挂起的群 第1条'")
                .contains("did not answer within 6 s"))).isTrue();
        assertThat(column("SELECT status FROM outbox WHERE text LIKE '挂起的群 第1条'")).isEqualTo("PENDING");
        bridge.answer("g-hung");
        assertThat(within(Duration.ofSeconds(25), () -> {
            clock.advance(Duration.ofMinutes(1));
            return bridge.texts("g-hung").size() == 3;
        })).isTrue();
        assertThat(bridge.texts("g-hung")).containsExactlyInAnyOrder("挂起的群 第1条", "挂起的群 第2条", "挂起的群 第3条");
        assertThat(within(Duration.ofSeconds(5), () -> column("SELECT DISTINCT status FROM outbox").equals("SENT"))).isTrue();
        assertThat(column("SELECT attempts FROM outbox WHERE text LIKE '挂起的群 第1条'")).as("one timeout, one send").isEqualTo("2");
    }

    @Test
    void withRedisGoneDeliveriesGoOutPacedLocallyAndRedisIsUsedAgainWhenItAnswers() throws Exception {
        EmbeddedRedis gone = EmbeddedRedis.start();
        closing.add(gone);
        RedisStore redis = RedisStore.connect(gone.uri());
        closing.add(redis);
        Pacer pacer = new Pacer(redis, clock);
        OutboxDispatcher dispatcher = new OutboxDispatcher(db.database(), Optional.of(new BridgeOutbound(bridge.url(), SIGNER)),
                Optional.empty(), Optional.empty(), pacer, clock);
        gone.stop();
        for (int i = 1; i <= 40; i++) {
            enqueue("g-201-1", "第" + i + "条");
        }
        dispatcher.dispatchDue(200);
        assertThat(pacer.pacingLocally()).isTrue();
        assertThat(bridge.texts("g-201-1")).as("half of the 60 a minute, in this instance alone")
                .hasSize(Pacer.localLimit(OutboxDispatcher.BRIDGE_PER_GROUP_PER_MINUTE));
        assertThat(column("SELECT COUNT(*) FROM outbox WHERE status = 'PENDING' AND last_error LIKE 'paced:%'")).isEqualTo("10");
        clock.advance(Duration.ofMinutes(1));
        dispatcher.dispatchDue(200);
        assertThat(bridge.texts("g-201-1")).hasSize(40).doesNotHaveDuplicates();

        // The same Redis comes back on its port: once it answers, pacing is shared in Redis again.
        RedisServer back = RedisServer.newRedisServer().port(gone.port()).bind("127.0.0.1").setting("save \"\"").setting("appendonly no").build();
        back.start();
        closing.add(() -> {
            try {
                back.stop();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThat(within(Duration.ofSeconds(20), () -> {
            clock.advance(Pacer.TRY_REDIS_AGAIN_AFTER);
            enqueue("g-201-2", "恢复后 " + clock.instant());
            dispatcher.dispatchDue(200);
            return !pacer.pacingLocally();
        })).isTrue();
        assertThat(redis.sync().keys(RedisStore.key("pace", "bridge:g-201-2", "*"))).isNotEmpty();
    }

    @Test
    void theSendsOfAnInstanceThatStoppedBeatingAreTakenOverWellBeforeTheirLeaseUnderTheSameDeliveryId() {
        bridge.hang("g-1");
        enqueue("g-1", "实例被杀时在途的消息");
        RedisStore redis = redis();
        OutboxDispatcher killed = new OutboxDispatcher(db.database(), Optional.of(new BridgeOutbound(bridge.url(), SIGNER, Duration.ofSeconds(30))),
                Optional.empty(), Optional.empty(), new Pacer(redis, clock), clock);
        killed.dispatchDue(10); // posted, never answered, never settled: as if killed with -9 right after the post
        assertThat(bridge.unanswered()).hasSize(1);
        assertThat(column("SELECT status FROM outbox")).isEqualTo("SENDING");
        bridge.answer("g-1");

        OutboxDispatcher restarted = new OutboxDispatcher(db.database(), Optional.of(new BridgeOutbound(bridge.url(), SIGNER)),
                Optional.empty(), Optional.empty(), new Pacer(redis, clock), clock);
        restarted.dispatchDue(10);
        assertThat(bridge.texts("g-1")).as("the first instance beat a moment ago: its claim stands").isEmpty();

        clock.advance(OutboxDispatcher.SILENT_IS_DEAD.plusSeconds(1));
        assertThat(OutboxDispatcher.SILENT_IS_DEAD.plusSeconds(1)).isLessThan(OutboxDispatcher.LEASE);
        restarted.dispatchDue(10);
        assertThat(bridge.texts("g-1")).as("taken over once the first stopped beating, inside its lease").containsExactly("实例被杀时在途的消息");
        assertThat(column("SELECT delivery_id FROM outbox")).as("the same delivery id, which the bridge keeps once")
                .isEqualTo(bridge.unanswered().get(0));
        assertThat(column("SELECT status FROM outbox")).isEqualTo("SENT");
        assertThat(column("SELECT attempts FROM outbox")).isEqualTo("2");
    }

    @Test
    void twoDispatchersOnOneOutboxNeverSendAMessageTwice() throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            enqueue("g-" + (i % 60), "消息 " + i);
        }
        RedisStore redis = redis();
        for (int d = 0; d < 2; d++) {
            loop(new OutboxDispatcher(db.database(), Optional.of(new BridgeOutbound(bridge.url(), SIGNER)), Optional.empty(), Optional.empty(),
                    new Pacer(redis, clock), clock));
        }
        assertThat(within(Duration.ofSeconds(30), () -> column("SELECT COUNT(*) FROM outbox WHERE status = 'SENT'").equals("300"))).isTrue();
        assertThat(bridge.statuses()).as("each delivery posted once").hasSize(300).containsOnly(200);
        assertThat(column("SELECT DISTINCT attempts FROM outbox")).isEqualTo("1");
    }
}
