package org.jianqun.miniapp.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.jianqun.core.redis.EmbeddedRedis;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.testing.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Several budgets taken in one round trip behave as if taken one by one; a Redis that forgot the script still counts. */
class RateLimitsTest {
    static RedisStore redis;

    @BeforeAll
    static void start() {
        redis = TestRedis.fresh();
    }

    @AfterAll
    static void stop() {
        redis.close();
    }

    static String count(RateLimits.Budget budget, String who) {
        return redis.sync().get(RedisStore.key("miniapp", "rate", budget.name(), who));
    }

    @Test
    void theFirstSpentBudgetRefusesAndTheLaterOnesAreNotTaken() {
        RateLimits limits = new RateLimits(redis);
        RateLimits.Budget narrow = new RateLimits.Budget("t-narrow", 2, Duration.ofMinutes(1));
        RateLimits.Budget wide = new RateLimits.Budget("t-wide", 100, Duration.ofMinutes(1));
        List<RateLimits.Take> both = List.of(new RateLimits.Take(narrow, "a"), new RateLimits.Take(wide, "a"));

        assertThat(limits.take(both)).isEmpty();
        assertThat(limits.take(both)).isEmpty();
        assertThat(limits.take(both)).hasValueSatisfying(wait -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1)));
        assertThat(count(narrow, "a")).isEqualTo("3");
        assertThat(count(wide, "a")).as("not taken from once the narrow one was spent").isEqualTo("2");
        assertThat(redis.sync().pttl(RedisStore.key("miniapp", "rate", "t-wide", "a"))).isPositive();
    }

    @Test
    void theLoopbackAddressIsNotCounted() {
        assertThat(RateLimits.forAddress(RateLimits.REQUESTS_PER_ADDRESS, "127.0.0.1")).isEmpty();
        assertThat(RateLimits.forAddress(RateLimits.REQUESTS_PER_ADDRESS, "203.0.113.7")).isPresent();
    }

    /** On an embedded Redis of its own, always: SCRIPT FLUSH would empty a shared server's script cache for everyone on it. */
    @Test
    void aRedisThatForgotTheScriptStillCounts() {
        try (EmbeddedRedis own = EmbeddedRedis.start(); RedisStore alone = RedisStore.connect(own.uri())) {
            RateLimits limits = new RateLimits(alone);
            RateLimits.Budget one = new RateLimits.Budget("t-one", 1, Duration.ofMinutes(1));
            assertThat(limits.take(one, "b")).isEmpty();
            alone.sync().scriptFlush();
            assertThat(limits.take(one, "b")).isPresent();
            assertThat(alone.sync().get(RedisStore.key("miniapp", "rate", one.name(), "b"))).isEqualTo("2");
        }
    }
}
