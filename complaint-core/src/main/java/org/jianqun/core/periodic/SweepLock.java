package org.jianqun.core.periodic;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jianqun.core.redis.RedisStore;

/**
 * A lock in Redis for a scheduled job, so that one instance of many runs it at a time:
 * {@code SET key token NX PX ttl} to take it; renew and release only while the key still holds our
 * token (a Lua compare-and-pexpire / compare-and-delete, atomic in Redis), so an instance whose lock
 * expired never frees or extends the lock another instance took since.
 *
 * <p>The lock is an efficiency guard, not what keeps the job correct. It can be lost: the TTL runs
 * out while a process is paused (GC, a stalled VM), Redis is flushed or fails over, or Redis is
 * away altogether. Then two instances may sweep at once, and that is fine: {@code DeadlineSweep.sweep}
 * locks the ticket rows (FOR UPDATE) and re-reads them before acting, so a ticket another sweeper
 * just handled is no longer due and is left alone. No ticket is ever escalated twice because of the
 * lock; without it, instances would merely queue on each other's row locks and waste the work.
 *
 * <p>Blocking Redis calls: use from a worker thread.
 */
public final class SweepLock {
    private static final String RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then "
            + "return redis.call('del', KEYS[1]) else return 0 end";

    private final RedisStore redis;
    private final String key;
    private final Duration ttl;

    /**
     * @param name what the lock guards, e.g. {@code deadline-sweep}; the key is {@code jianqun:lock:<name>}
     * @param ttl  how long the lock outlives a holder that stops renewing it (crashed, paused); longer than one unit of work
     */
    public SweepLock(RedisStore redis, String name, Duration ttl) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.key = RedisStore.key("lock", Objects.requireNonNull(name, "name"));
        if (ttl.toMillis() < 1) {
            throw new IllegalArgumentException("ttl must be at least a millisecond, was " + ttl);
        }
        this.ttl = ttl;
    }

    public String key() {
        return key;
    }

    /** Takes the lock if nobody holds it; empty when another holder has it. Redis errors are thrown (the caller decides). */
    public Optional<Held> tryAcquire() {
        // A fresh token per acquisition: even this process's own earlier, expired hold cannot touch the new one.
        String token = UUID.randomUUID().toString();
        String ok = redis.sync().set(key, token, SetArgs.Builder.nx().px(ttl.toMillis()));
        return "OK".equals(ok) ? Optional.of(new Held(token)) : Optional.empty();
    }

    /** One hold of the lock, identified by its token. */
    public final class Held implements AutoCloseable {
        private final String token;

        private Held(String token) {
            this.token = token;
        }

        /** Extends the hold by the full TTL; false when the lock is no longer ours (expired, taken, flushed). */
        public boolean renew() {
            Long done = redis.sync().eval(RENEW, ScriptOutputType.INTEGER, new String[] {key}, token, Long.toString(ttl.toMillis()));
            return done != null && done == 1L;
        }

        /** Frees the lock if it is still ours; false (and nothing deleted) when it is not. */
        public boolean release() {
            Long done = redis.sync().eval(RELEASE, ScriptOutputType.INTEGER, new String[] {key}, token);
            return done != null && done == 1L;
        }

        @Override
        public void close() {
            release();
        }
    }
}
