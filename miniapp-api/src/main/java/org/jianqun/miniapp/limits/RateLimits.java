package org.jianqun.miniapp.limits;

import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jianqun.core.redis.RedisStore;

/**
 * Fixed-window request budgets in Redis, shared by every instance: per mini-program user and per client
 * address (an address may be a whole village's carrier NAT, so its budget is the larger). A spent budget
 * answers how long until the window turns; the caller answers 429 with that as Retry-After.
 */
public final class RateLimits {
    /** A named budget: how many requests in how long. */
    public record Budget(String name, int requests, Duration window) {
        public Budget {
            if (requests < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("a budget needs requests and a window: " + name);
            }
        }
    }

    /** Signing in: WeChat's codes are single-use, so a burst of them is a script, not a person. */
    public static final Budget SESSION_PER_ADDRESS = new Budget("session-addr", 60, Duration.ofMinutes(1));
    /** Everything a signed-in user asks, reads included. */
    public static final Budget REQUESTS_PER_USER = new Budget("user", 120, Duration.ofMinutes(1));
    public static final Budget REQUESTS_PER_ADDRESS = new Budget("addr", 1200, Duration.ofMinutes(1));
    /** What writes tickets or stores images: a person reports a few matters a day, not hundreds. */
    public static final Budget WRITES_PER_USER = new Budget("user-write", 20, Duration.ofHours(1));
    /** Photos: nine a report, a few reports. */
    public static final Budget MEDIA_PER_USER = new Budget("user-media", 60, Duration.ofHours(1));

    // INCR then (first hit only) PEXPIRE, atomically: the window never loses its expiry.
    private static final String TAKE = "local n = redis.call('INCR', KEYS[1]) "
            + "if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end "
            + "return {n, redis.call('PTTL', KEYS[1])}";

    private final RedisStore redis;

    public RateLimits(RedisStore redis) {
        this.redis = redis;
    }

    /** Takes one request from the budget of {@code who}; empty when allowed, else how long to wait. Blocking (Redis). */
    public Optional<Duration> take(Budget budget, String who) {
        List<Long> answer = redis.sync().eval(TAKE, ScriptOutputType.MULTI, new String[] {RedisStore.key("miniapp", "rate", budget.name(), who)},
                Long.toString(budget.window().toMillis()));
        long count = answer.get(0);
        long ttl = answer.get(1);
        if (count <= budget.requests()) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(ttl > 0 ? ttl : budget.window().toMillis()));
    }
}
