package org.jianqun.core.periodic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Redis lock, held by two "instances" each with its own connection. */
class SweepLockTest {
    private RedisStore redisA;
    private RedisStore redisB;

    @BeforeEach
    void open() {
        redisA = TestRedis.fresh();
        redisB = RedisStore.connect(TestRedis.uri());
    }

    @AfterEach
    void close() {
        redisA.close();
        redisB.close();
    }

    @Test
    void aSecondAcquirerFailsWhileTheLockIsHeldAndSucceedsOnceItIsReleased() {
        SweepLock a = new SweepLock(redisA, "test-sweep", Duration.ofSeconds(30));
        SweepLock b = new SweepLock(redisB, "test-sweep", Duration.ofSeconds(30));
        SweepLock.Held held = a.tryAcquire().orElseThrow();
        assertThat(redisB.sync().get("jianqun:lock:test-sweep")).isNotNull();
        assertThat(b.tryAcquire()).isEmpty();
        assertThat(a.tryAcquire()).as("not re-entrant: a second pass in the same process waits too").isEmpty();
        assertThat(new SweepLock(redisB, "other-job", Duration.ofSeconds(30)).tryAcquire()).as("locks are per name").isPresent();

        assertThat(held.release()).isTrue();
        assertThat(redisB.sync().exists("jianqun:lock:test-sweep")).isZero();
        assertThat(held.release()).as("releasing twice does nothing").isFalse();
        assertThat(b.tryAcquire()).isPresent();
    }

    @Test
    void aHolderWhoseLockExpiredCanNeitherReleaseNorRenewTheNextHoldersLock() throws Exception {
        SweepLock a = new SweepLock(redisA, "test-sweep", Duration.ofMillis(200));
        SweepLock b = new SweepLock(redisB, "test-sweep", Duration.ofSeconds(30));
        SweepLock.Held stale = a.tryAcquire().orElseThrow();
        SweepLock.Held fresh = awaitAcquired(b);
        String token = redisB.sync().get("jianqun:lock:test-sweep");

        assertThat(stale.release()).as("a release by a non-owner").isFalse();
        assertThat(stale.renew()).as("a renewal by a non-owner").isFalse();
        assertThat(redisB.sync().get("jianqun:lock:test-sweep")).as("the owner's lock is untouched").isEqualTo(token);
        assertThat(redisB.sync().pttl("jianqun:lock:test-sweep")).isGreaterThan(20_000L);
        assertThat(a.tryAcquire()).isEmpty();
        assertThat(fresh.release()).isTrue();
    }

    @Test
    void expiryFreesALockWhoseHolderStoppedRenewingIt() throws Exception {
        SweepLock a = new SweepLock(redisA, "test-sweep", Duration.ofMillis(300));
        SweepLock b = new SweepLock(redisB, "test-sweep", Duration.ofSeconds(30));
        a.tryAcquire().orElseThrow();
        long ttl = redisB.sync().pttl("jianqun:lock:test-sweep");
        assertThat(ttl).as("the holder's TTL is on the key").isBetween(1L, 300L);
        assertThat(awaitAcquired(b)).isNotNull();
    }

    @Test
    void renewingExtendsTheHoldToTheFullTtl() throws Exception {
        SweepLock a = new SweepLock(redisA, "test-sweep", Duration.ofSeconds(5));
        SweepLock.Held held = a.tryAcquire().orElseThrow();
        Thread.sleep(1_200);
        assertThat(redisA.sync().pttl("jianqun:lock:test-sweep")).isLessThanOrEqualTo(3_800L);
        assertThat(held.renew()).isTrue();
        assertThat(redisA.sync().pttl("jianqun:lock:test-sweep")).isGreaterThan(3_800L);
    }

    @Test
    void aFlushedRedisLosesTheLockAndTheHolderNoticesWhenItRenews() {
        SweepLock a = new SweepLock(redisA, "test-sweep", Duration.ofSeconds(30));
        SweepLock.Held held = a.tryAcquire().orElseThrow();
        redisB.sync().flushdb();
        assertThat(held.renew()).isFalse();
        assertThat(held.release()).isFalse();
    }

    private static SweepLock.Held awaitAcquired(SweepLock lock) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<SweepLock.Held> held = lock.tryAcquire();
            if (held.isPresent()) {
                return held.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the lock never came free");
    }
}
