package org.jianqun.core.redis;

import io.lettuce.core.SetArgs;
import java.util.concurrent.locks.Lock;

/**
 * One access token of a WeChat API kept in Redis for every instance and every role that calls the API (the
 * miniapp role's sign-ins and the gateway's subscribe messages use the mini-program's one token): WeChat allows
 * 2,000 fetches a day, and a fresh token invalidates the previous one five minutes later, so processes that each
 * refreshed their own would knock each other's out. {@link #lock} is held by whoever fetches the next one.
 * WxJava's config classes delegate to this (getAccessToken, isAccessTokenExpired, updateAccessToken,
 * expireAccessToken, getAccessTokenLock). Blocking (Redis).
 */
public final class SharedToken {
    /** Dropped this long before WeChat's expiry, so a token is never used in its last minutes. */
    public static final int EARLY_SECONDS = 300;

    private final RedisStore redis;
    private final String key;
    private final Lock lock;

    private SharedToken(RedisStore redis, String key) {
        this.redis = redis;
        this.key = key;
        this.lock = new SharedTokenLock(redis, key + "-lock");
    }

    /** The mini-program {@code appId}'s token ({@code jianqun:miniapp:wx-access-token:<appId>}). */
    public static SharedToken miniprogram(RedisStore redis, String appId) {
        return new SharedToken(redis, RedisStore.key("miniapp", "wx-access-token", appId));
    }

    public String get() {
        return redis.sync().get(key);
    }

    public boolean expired() {
        return get() == null;
    }

    public void update(String token, int expiresInSeconds) {
        long keep = Math.max(60, expiresInSeconds - EARLY_SECONDS);
        redis.sync().set(key, token, SetArgs.Builder.ex(keep));
    }

    public void expire() {
        redis.sync().del(key);
    }

    public Lock lock() {
        return lock;
    }
}
