package org.jianqun.gateway.outbound;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jianqun.core.redis.RedisStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces deliveries per destination (a WeCom group robot takes 20 messages a minute): a counter per
 * destination and minute in Redis, shared by every gateway instance. Over the limit, the caller is
 * told how long to wait and reschedules the message — paced, never dropped. Losing Redis only
 * forgets the current minute's counts: while Redis does not answer, each instance paces on its own
 * in-process counters at half the limit (instances cannot see each other then, so each keeps to less),
 * says so once, and tries Redis again every {@link #TRY_REDIS_AGAIN_AFTER}.
 */
public final class Pacer {
    private static final Logger LOG = LoggerFactory.getLogger(Pacer.class);
    /** How long one batch of counters may take in Redis before the batch is paced locally instead. */
    static final Duration REDIS_WAIT = Duration.ofSeconds(2);
    /** While pacing locally, Redis is asked again this often (not on every batch: a Redis that hangs costs {@link #REDIS_WAIT}). */
    static final Duration TRY_REDIS_AGAIN_AFTER = Duration.ofSeconds(10);

    /** One send wanted for {@code destination}, which takes {@code perMinute}. */
    public record Want(String destination, int perMinute) {
    }

    private final RedisStore redis;
    private final Clock clock;
    /** Local counts by destination and minute ({@code <minute>|<destination>}); only the current minute's are kept. */
    private final Map<String, AtomicInteger> local = new ConcurrentHashMap<>();
    private volatile long localMinute = Long.MIN_VALUE;
    /** Set while Redis is away: when to ask it again. */
    private volatile Instant redisAwayUntil;

    public Pacer(RedisStore redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** Takes one send for {@code destination}; empty if it may go now, else how long until the next minute opens. */
    public Optional<Duration> take(String destination, int perMinute) {
        return takeAll(List.of(new Want(destination, perMinute))).get(0);
    }

    /**
     * Takes one send for each of {@code wants}, in one round trip to Redis; answers in the same order,
     * each empty if it may go now, else how long until the next minute opens. Never throws for Redis.
     */
    public List<Optional<Duration>> takeAll(List<Want> wants) {
        Instant now = clock.instant();
        long minute = now.getEpochSecond() / 60;
        Duration untilNextMinute = Duration.between(now, Instant.ofEpochSecond((minute + 1) * 60));
        if (wants.isEmpty()) {
            return List.of();
        }
        Instant away = redisAwayUntil;
        if (away == null || !now.isBefore(away)) {
            Optional<List<Long>> used = countInRedis(wants, minute);
            if (used.isPresent()) {
                if (away != null) {
                    redisAwayUntil = null;
                    LOG.info("Redis answers again: deliveries are paced in Redis, shared by every instance");
                }
                List<Optional<Duration>> out = new ArrayList<>(wants.size());
                for (int i = 0; i < wants.size(); i++) {
                    out.add(used.get().get(i) <= wants.get(i).perMinute() ? Optional.empty() : Optional.of(untilNextMinute));
                }
                return out;
            }
            if (away == null) {
                LOG.warn("Redis does not answer: deliveries are paced locally in this instance, at half of each destination's limit, "
                        + "until it does");
            }
            redisAwayUntil = now.plus(TRY_REDIS_AGAIN_AFTER);
        }
        return takeLocally(wants, minute, untilNextMinute);
    }

    /** True while this instance paces on its own counters because Redis did not answer. */
    boolean pacingLocally() {
        return redisAwayUntil != null;
    }

    private Optional<List<Long>> countInRedis(List<Want> wants, long minute) {
        try {
            RedisAsyncCommands<String, String> r = redis.async();
            List<String> keys = new ArrayList<>(wants.size());
            List<RedisFuture<Long>> counts = new ArrayList<>(wants.size());
            for (Want w : wants) {
                String key = RedisStore.key("pace", w.destination(), Long.toString(minute));
                keys.add(key);
                counts.add(r.incr(key));
            }
            long deadline = System.nanoTime() + REDIS_WAIT.toNanos();
            List<Long> used = new ArrayList<>(wants.size());
            List<RedisFuture<Boolean>> expiries = new ArrayList<>();
            for (int i = 0; i < counts.size(); i++) {
                long n = counts.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                used.add(n);
                if (n == 1) {
                    expiries.add(r.expire(keys.get(i), 120));
                }
            }
            for (RedisFuture<Boolean> e : expiries) {
                e.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            return Optional.of(used);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // Rejected while disconnected, timed out, refused: all the same here, and Redis's words say nothing of ours.
            return Optional.empty();
        }
    }

    private List<Optional<Duration>> takeLocally(List<Want> wants, long minute, Duration untilNextMinute) {
        if (localMinute != minute) {
            localMinute = minute;
            String current = minute + "|";
            local.keySet().removeIf(k -> !k.startsWith(current));
        }
        List<Optional<Duration>> out = new ArrayList<>(wants.size());
        for (Want w : wants) {
            int used = local.computeIfAbsent(minute + "|" + w.destination(), k -> new AtomicInteger()).incrementAndGet();
            out.add(used <= localLimit(w.perMinute()) ? Optional.empty() : Optional.of(untilNextMinute));
        }
        return out;
    }

    static int localLimit(int perMinute) {
        return Math.max(1, perMinute / 2);
    }
}
