package org.jianqun.core.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock taken before fetching an access token of WeChat's (mini-program or WeCom), held across every
 * instance and every role that calls that API (the miniapp role and the gateway share the mini-program's token;
 * WxJava takes the lock through its config's getAccessTokenLock): a thread first takes
 * this process's own lock, then a Redis key ({@code SET NX PX}) that names this holder, so exactly one
 * instance asks WeChat for a new token while the others wait and then read it from Redis. The key expires by
 * itself if its holder dies mid-fetch. Only {@link #tryLock(long, TimeUnit)} and {@link #unlock} are used by WxJava.
 * The token itself is kept by the caller under a key of its own (see the mini-program's SharedTokenConfig).
 */
public final class SharedTokenLock implements Lock {
    private static final Duration HOLD = Duration.ofSeconds(15);
    private static final long POLL_MILLIS = 50;
    private static final String RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

    private final RedisStore redis;
    private final String key;
    private final ReentrantLock local = new ReentrantLock();
    private final String holder;

    public SharedTokenLock(RedisStore redis, String key) {
        this.redis = redis;
        this.key = key;
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        this.holder = HexFormat.of().formatHex(random);
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(time);
        if (!local.tryLock(time, unit)) {
            return false;
        }
        while (true) {
            if ("OK".equals(redis.sync().set(key, holder, SetArgs.Builder.nx().px(HOLD.toMillis())))) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                local.unlock();
                return false;
            }
            Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
        }
    }

    @Override
    public void unlock() {
        try {
            redis.sync().eval(RELEASE, ScriptOutputType.INTEGER, new String[] {key}, holder);
        } finally {
            local.unlock();
        }
    }

    @Override
    public boolean tryLock() {
        try {
            return tryLock(0, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void lock() {
        try {
            lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the access-token lock", e);
        }
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        while (!tryLock(1, TimeUnit.SECONDS)) {
            // keep waiting: the holder's key expires by itself within HOLD
        }
    }

    @Override
    public Condition newCondition() {
        throw new UnsupportedOperationException("no conditions on a shared lock");
    }
}
