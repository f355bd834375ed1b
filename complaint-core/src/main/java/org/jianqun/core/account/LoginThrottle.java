package org.jianqun.core.account;

import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.jianqun.core.redis.RedisStore;

/**
 * Slows down password guessing: after {@link #MAX_FAILURES} wrong passwords for one username within
 * {@link #WINDOW}, further attempts are refused until the window has passed. The counter lives in
 * Redis (shared by every instance; losing it only forgets recent failures).
 */
public final class LoginThrottle {
    public static final int MAX_FAILURES = 5;
    public static final Duration WINDOW = Duration.ofMinutes(15);

    private final RedisStore redis;

    public LoginThrottle(RedisStore redis) {
        this.redis = redis;
    }

    /** How long the caller must wait, if this username is throttled now. */
    public Optional<Duration> blockedFor(String username) {
        RedisCommands<String, String> r = redis.sync();
        String count = r.get(key(username));
        if (count == null || Long.parseLong(count) < MAX_FAILURES) {
            return Optional.empty();
        }
        long ttl = r.pttl(key(username));
        return Optional.of(Duration.ofMillis(ttl > 0 ? ttl : WINDOW.toMillis()));
    }

    public void recordFailure(String username) {
        RedisCommands<String, String> r = redis.sync();
        String key = key(username);
        if (r.incr(key) == 1) {
            r.pexpire(key, WINDOW.toMillis());
        }
    }

    public void reset(String username) {
        redis.sync().del(key(username));
    }

    private static String key(String username) {
        return RedisStore.key("login-failures", username.toLowerCase(Locale.ROOT));
    }
}
