package org.jianqun.core.periodic;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.jianqun.core.periodic.PeriodicPass.Skip;
import org.jianqun.core.redis.EmbeddedRedis;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The base of the periodic verticles, on Vert.x and a real Redis: a pass of up to five batches whose work the test
 * steers between batches (takes the lock away, stops Redis, holds the pass while it undeploys).
 */
class PeriodicPassTest {
    private static final String NAME = "periodic-test";
    private static final int BATCHES = 5;
    /** Ticks rarely: tests call runOnce themselves unless they test the timer. */
    private static final Duration ON_DEMAND = Duration.ofHours(1);

    private RedisStore redis;
    private Vertx vertx;

    @BeforeEach
    void open() {
        redis = TestRedis.fresh();
        vertx = Vertx.vertx();
    }

    @AfterEach
    void close() throws Exception {
        await(vertx.close());
        redis.close();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    /** What a test pass did: its batches, whether it held the lock, or why it did not run. */
    record Done(int batches, boolean locked, Skip skipped) {
    }

    /** Up to {@link #BATCHES} batches; {@code eachBatch} runs inside each one (on the worker), given its number from 1. */
    static final class Batches extends PeriodicPass<Done> {
        private final IntConsumer eachBatch;

        Batches(Schedule schedule, IntConsumer eachBatch) {
            super(schedule);
            this.eachBatch = eachBatch;
        }

        @Override
        protected Done pass(Run run) {
            int batches = 0;
            do {
                batches++;
                eachBatch.accept(batches);
            } while (batches < BATCHES && run.goOn());
            return new Done(batches, run.locked(), null);
        }

        @Override
        protected Done skipped(Skip why) {
            return new Done(0, false, why);
        }
    }

    private Batches deploy(RedisStore store, IntConsumer eachBatch) throws Exception {
        Batches pass = new Batches(PeriodicPass.Schedule.locked(NAME, ON_DEMAND, ON_DEMAND, lock(store)), eachBatch);
        await(vertx.deployVerticle(pass));
        return pass;
    }

    private static SweepLock lock(RedisStore store) {
        return new SweepLock(store, NAME, Duration.ofSeconds(30));
    }

    private long lockKeys() {
        return redis.sync().exists("jianqun:lock:" + NAME);
    }

    @Test
    void aPassRunsItsBatchesUnderTheLockAndFreesIt() throws Exception {
        Batches pass = deploy(redis, batch -> assertThat(lockKeys()).as("held during batch %d", batch).isOne());

        assertThat(await(pass.runOnce())).isEqualTo(new Done(BATCHES, true, null));
        assertThat(lockKeys()).as("freed after the pass").isZero();
    }

    @Test
    void aPassDoesNothingWhileAnotherInstanceHoldsTheLock() throws Exception {
        Batches pass = deploy(redis, batch -> { });
        SweepLock.Held elsewhere = lock(redis).tryAcquire().orElseThrow();

        assertThat(await(pass.runOnce()).skipped()).isEqualTo(Skip.LOCK_HELD_ELSEWHERE);
        assertThat(elsewhere.release()).as("the other holder's lock was left alone").isTrue();
        assertThat(await(pass.runOnce()).batches()).isEqualTo(BATCHES);
    }

    @Test
    void aTickWhileThePassStillRunsDoesNothing() throws Exception {
        FirstBatchHeld held = new FirstBatchHeld();
        Batches pass = deploy(redis, held);
        Future<Done> first = held.runOnceAndWaitInside(pass);

        assertThat(await(pass.runOnce()).skipped()).isEqualTo(Skip.STILL_RUNNING);
        held.letGo();
        assertThat(await(first).batches()).isEqualTo(BATCHES);
    }

    /** The chosen behaviour: a renewal that finds the lock gone ends the pass; the new holder's lock is left alone. */
    @Test
    void aRenewalThatFindsTheLockTakenEndsThePassAfterItsBatch() throws Exception {
        RedisStore otherInstance = RedisStore.connect(TestRedis.uri());
        try {
            SweepLock.Held[] taken = new SweepLock.Held[1];
            Batches pass = deploy(redis, batch -> {
                if (batch == 2) {
                    // Our hold expired (a paused process, a flush) and another instance took the lock.
                    redis.sync().del("jianqun:lock:" + NAME);
                    taken[0] = lock(otherInstance).tryAcquire().orElseThrow();
                }
            });

            assertThat(await(pass.runOnce())).as("no third batch without the lock").isEqualTo(new Done(2, true, null));
            assertThat(taken[0].release()).as("the new holder's lock was neither renewed away nor freed").isTrue();
        } finally {
            otherInstance.close();
        }
    }

    /**
     * The chosen behaviour when Redis stops answering a renewal: the pass ends after its batch too (it does not go on
     * as if it still held the lock); the next pass, finding Redis away, runs without the lock as designed.
     */
    @Test
    void aRenewalRedisDoesNotAnswerEndsThePassAndTheNextRunsWithoutTheLock() throws Exception {
        EmbeddedRedis server = EmbeddedRedis.start();
        try (RedisStore store = RedisStore.connect(server.uri())) {
            Batches pass = deploy(store, batch -> {
                if (batch == 1) {
                    server.stop();
                }
            });

            assertThat(await(pass.runOnce())).as("ended at the failed renewal").isEqualTo(new Done(1, true, null));
            assertThat(await(pass.runOnce())).as("Redis away: the whole pass, without the lock").isEqualTo(new Done(BATCHES, false, null));
        } finally {
            server.close();
        }
    }

    @Test
    void undeployingEndsThePassAfterItsBatchAndFreesTheLock() throws Exception {
        FirstBatchHeld held = new FirstBatchHeld();
        Batches pass = deploy(redis, held);
        Future<Done> running = held.runOnceAndWaitInside(pass);

        Future<Void> undeployed = vertx.undeploy(vertx.deploymentIDs().iterator().next());
        Thread.sleep(200);
        assertThat(undeployed.isComplete()).as("undeploy waits for the pass in flight").isFalse();
        held.letGo();
        await(undeployed);
        assertThat(running.isComplete()).isTrue();
        assertThat(running.result()).as("no batch after the stop").isEqualTo(new Done(1, true, null));
        assertThat(lockKeys()).isZero();
    }

    @Test
    void withoutALockEveryInstanceRunsThePassOnItsTimer() throws Exception {
        CountDownLatch ran = new CountDownLatch(2 * BATCHES);
        PeriodicPass.Schedule everyInstance = PeriodicPass.Schedule.everyInstance(NAME, Duration.ofMillis(10), ON_DEMAND);
        Batches one = new Batches(everyInstance, batch -> ran.countDown());
        Batches two = new Batches(everyInstance, batch -> ran.countDown());
        await(vertx.deployVerticle(one));
        await(vertx.deployVerticle(two));

        assertThat(ran.await(30, TimeUnit.SECONDS)).as("both instances ran all their batches").isTrue();
        assertThat(lockKeys()).isZero();
    }

    /** Holds the pass inside its first batch until the test lets it go. */
    private static final class FirstBatchHeld implements IntConsumer {
        private final CountDownLatch inside = new CountDownLatch(1);
        private final CountDownLatch letGo = new CountDownLatch(1);

        @Override
        public void accept(int batch) {
            if (batch == 1) {
                inside.countDown();
                try {
                    if (!letGo.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never let the batch go on");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }

        /** Starts a pass of {@code pass} (deployed with this as its batch) and returns once it is inside its first batch. */
        Future<Done> runOnceAndWaitInside(Batches pass) throws InterruptedException {
            Future<Done> running = pass.runOnce();
            assertThat(inside.await(30, TimeUnit.SECONDS)).as("the pass reached its first batch").isTrue();
            return running;
        }

        void letGo() {
            letGo.countDown();
        }
    }
}
