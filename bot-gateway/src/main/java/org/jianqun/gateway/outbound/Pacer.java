package org.jianqun.gateway.outbound;

import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jianqun.core.redis.RedisStore;

/**
 * Paces deliveries per destination (a WeCom group robot takes 20 messages a minute): a counter per
 * destination and minute in Redis, shared by every gateway instance. Over the limit, the caller is
 * told how long to wait and reschedules the message — paced, never dropped. Losing Redis only
 * forgets the current minute's counts.
 */
public final class Pacer {
    private final RedisStore redis;
    private final Clock clock;

    public Pacer(RedisStore redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** Takes one send for {@code destination}; empty if it may go now, else how long until the next minute opens. */
    public Optional<Duration> take(String destination, int perMinute) {
        Instant now = clock.instant();
        long minute = now.getEpochSecond() / 60;
        String key = RedisStore.key("pace", destination, Long.toString(minute));
        RedisCommands<String, String> r = redis.sync();
        long used = r.incr(key);
        if (used == 1) {
            r.expire(key, 120);
        }
        if (used <= perMinute) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, Instant.ofEpochSecond((minute + 1) * 60)));
    }
}
