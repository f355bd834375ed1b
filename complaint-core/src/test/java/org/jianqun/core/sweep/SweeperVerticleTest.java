package org.jianqun.core.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jianqun.core.audit.AuditTrail;
import org.jianqun.core.desk.DeadlineSweep;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.periodic.SweepLock;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.redis.EmbeddedRedis;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.sweep.SweeperVerticle.Outcome;
import org.jianqun.core.sweep.SweeperVerticle.Pass;
import org.jianqun.core.sweep.SweeperVerticle.Settings;
import org.jianqun.core.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sweeper role on Vert.x: lock, batches, timer, and two instances racing with their own Redis connections and pools. */
class SweeperVerticleTest {
    private static final Instant PAST_CLAIM_DEADLINE = Instant.parse("2026-03-03T16:00:30Z");
    /** Ticks rarely: tests call runOnce themselves unless they test the timer. */
    private static final Settings ON_DEMAND = new Settings(Duration.ofHours(1), Duration.ofHours(1), 10, Duration.ofSeconds(20),
            Duration.ofSeconds(60));

    private SweepWorld world;
    private RedisStore redis;
    private Vertx vertx;

    @BeforeEach
    void open() {
        world = SweepWorld.open();
        redis = TestRedis.fresh();
        vertx = Vertx.vertx();
    }

    @AfterEach
    void close() throws Exception {
        await(vertx.close());
        redis.close();
        world.close();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    private SweeperVerticle deploy(Vertx on, DeadlineSweep sweep, RedisStore store, Settings settings, SimpleMeterRegistry metrics) throws Exception {
        SweeperVerticle sweeper = new SweeperVerticle(sweep, new SweepLock(store, SweeperVerticle.LOCK_NAME, settings.lockTtl()), settings, metrics);
        await(on.deployVerticle(sweeper));
        return sweeper;
    }

    private void overdue() {
        world.clock.advance(Duration.between(world.clock.instant(), PAST_CLAIM_DEADLINE));
    }

    @Test
    void aPassSweepsBatchAfterBatchWhileTheyComeBackFullThenReleasesTheLock() throws Exception {
        world.register(25);
        overdue();
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        SweeperVerticle sweeper = deploy(vertx, world.sweep, redis, ON_DEMAND, metrics);

        Pass pass = await(sweeper.runOnce());
        assertThat(pass.outcome()).isEqualTo(Outcome.SWEPT);
        assertThat(pass.batches()).as("10 + 10 + 5").isEqualTo(3);
        assertThat(pass.total().escalated()).isEqualTo(25);
        assertThat(world.auditCountsByTicket("ESCALATED_OVERDUE")).hasSize(25);
        assertThat(redis.sync().exists("jianqun:lock:" + SweeperVerticle.LOCK_NAME)).as("released after the pass").isZero();
        assertThat(metrics.get("jianqun.sweep.tickets").tag("outcome", "escalated").counter().count()).isEqualTo(25.0);
        assertThat(metrics.get("jianqun.sweep.passes").tag("outcome", "swept").counter().count()).isEqualTo(1.0);

        Pass again = await(sweeper.runOnce());
        assertThat(again.batches()).isEqualTo(1);
        assertThat(again.total().looked()).isZero();
    }

    @Test
    void aPassDoesNothingWhileAnotherInstanceHoldsTheLock() throws Exception {
        world.register(3);
        overdue();
        SweeperVerticle sweeper = deploy(vertx, world.sweep, redis, ON_DEMAND, new SimpleMeterRegistry());
        SweepLock.Held elsewhere = new SweepLock(redis, SweeperVerticle.LOCK_NAME, Duration.ofSeconds(30)).tryAcquire().orElseThrow();

        assertThat(await(sweeper.runOnce()).outcome()).isEqualTo(Outcome.LOCK_HELD_ELSEWHERE);
        assertThat(world.auditCountsByTicket("ESCALATED_OVERDUE")).isEmpty();
        assertThat(elsewhere.release()).as("the other holder's lock was left alone").isTrue();

        assertThat(await(sweeper.runOnce()).total().escalated()).isEqualTo(3);
    }

    @Test
    void withRedisDownThePassSweepsAnyway() throws Exception {
        world.register(3);
        overdue();
        EmbeddedRedis server = EmbeddedRedis.start();
        try (RedisStore store = RedisStore.connect(server.uri())) {
            SweeperVerticle sweeper = deploy(vertx, world.sweep, store, ON_DEMAND, new SimpleMeterRegistry());
            server.stop();

            Pass pass = await(sweeper.runOnce());
            assertThat(pass.outcome()).isEqualTo(Outcome.SWEPT_WITHOUT_LOCK);
            assertThat(pass.total().escalated()).isEqualTo(3);
        } finally {
            server.close();
        }
    }

    @Test
    void aPassThatFailsFreesTheLockAndIsCounted() throws Exception {
        Database closed = world.db.openAnother(2);
        closed.close();
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        SweeperVerticle sweeper = deploy(vertx, world.sweepOn(closed), redis, ON_DEMAND, metrics);

        assertThatThrownBy(() -> await(sweeper.runOnce())).isInstanceOf(ExecutionException.class);
        assertThat(redis.sync().exists("jianqun:lock:" + SweeperVerticle.LOCK_NAME)).as("the next tick (or instance) can sweep").isZero();
        assertThat(metrics.get("jianqun.sweep.passes").tag("outcome", "failed").counter().count()).isEqualTo(1.0);
    }

    @Test
    void theTimerSweepsOnItsOwn() throws Exception {
        List<TicketRow> tickets = world.register(3);
        overdue();
        deploy(vertx, world.sweep, redis, new Settings(Duration.ofMillis(100), Duration.ofMillis(10), 10, Duration.ofSeconds(5),
                Duration.ofSeconds(10)), new SimpleMeterRegistry());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (world.auditCountsByTicket("ESCALATED_OVERDUE").size() < tickets.size() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(world.auditCountsByTicket("ESCALATED_OVERDUE")).hasSize(3);
        Thread.sleep(400); // a few more ticks: nothing is escalated again
        assertThat(world.auditCountsByTicket("ESCALATED_OVERDUE").values()).containsOnly(1L);
        assertThat(world.row(tickets.get(0).no()).level()).isEqualTo(RegionLevel.TOWN);
    }

    @Test
    void undeployingWaitsForThePassAndFreesTheLock() throws Exception {
        world.register(25);
        overdue();
        SweeperVerticle sweeper = deploy(vertx, world.sweep, redis, ON_DEMAND, new SimpleMeterRegistry());
        Future<Pass> pass = sweeper.runOnce();
        await(vertx.undeploy(vertx.deploymentIDs().iterator().next()));
        assertThat(pass.isComplete()).as("undeploy completes after the pass in flight").isTrue();
        assertThat(pass.result().total().escalated()).isPositive();
        assertThat(redis.sync().exists("jianqun:lock:" + SweeperVerticle.LOCK_NAME)).isZero();
    }

    @Test
    void twoInstancesStartedTogetherEscalateEachTicketExactlyOnce() throws Exception {
        List<TicketRow> tickets = world.register(50);
        overdue();
        Vertx otherVertx = Vertx.vertx();
        RedisStore otherRedis = RedisStore.connect(TestRedis.uri());
        Database otherPool = world.db.openAnother(4);
        try {
            SweeperVerticle one = deploy(vertx, world.sweep, redis, ON_DEMAND, new SimpleMeterRegistry());
            SweeperVerticle two = deploy(otherVertx, world.sweepOn(otherPool), otherRedis, ON_DEMAND, new SimpleMeterRegistry());

            Future<Pass> a = one.runOnce();
            Future<Pass> b = two.runOnce();
            Pass passA = await(a);
            Pass passB = await(b);

            assertThat(passA.total().escalated() + passB.total().escalated()).as("%s / %s", passA, passB).isEqualTo(50);
            assertThat(List.of(passA.outcome(), passB.outcome())).doesNotContain(Outcome.SWEPT_WITHOUT_LOCK).contains(Outcome.SWEPT);
            Map<Long, Long> escalations = world.auditCountsByTicket("ESCALATED_OVERDUE");
            assertThat(escalations).containsOnlyKeys(tickets.stream().map(TicketRow::no).toList());
            assertThat(escalations.values()).containsOnly(1L);
            for (TicketRow t : tickets) {
                assertThat(world.row(t.no()).level()).isEqualTo(RegionLevel.TOWN);
            }
            assertThat(AuditTrail.verify(world.database()).ok()).isTrue();
        } finally {
            await(otherVertx.close());
            otherRedis.close();
            otherPool.close();
        }
    }
}
