package org.jianqun.miniapp.wechat;

import cn.binarywang.wx.miniapp.config.impl.WxMaDefaultConfigImpl;
import java.util.concurrent.locks.Lock;
import org.jianqun.core.redis.RedisStore;

/**
 * WxJava's configuration with the access token kept in Redis instead of a field: every instance of the
 * platform uses the one token, and when it runs out exactly one of them (under {@link RedisTokenLock})
 * fetches the next. WeChat allows 2,000 token fetches a day and a fresh one invalidates the previous after
 * five minutes, so instances that each refreshed their own would knock each other's out.
 */
final class SharedTokenConfig extends WxMaDefaultConfigImpl {
    private static final long serialVersionUID = 1L;
    /** Refreshed this long before WeChat's expiry, so a token is never used in its last minutes. */
    static final int EARLY_SECONDS = 300;

    private final transient RedisStore redis;
    private final String tokenKey;
    private final transient Lock lock;

    SharedTokenConfig(RedisStore redis, String appId) {
        this.redis = redis;
        this.tokenKey = RedisStore.key("miniapp", "wx-access-token", appId);
        this.lock = new RedisTokenLock(redis, RedisStore.key("miniapp", "wx-access-token-lock", appId));
    }

    @Override
    public String getAccessToken() {
        return redis.sync().get(tokenKey);
    }

    @Override
    public boolean isAccessTokenExpired() {
        return redis.sync().get(tokenKey) == null;
    }

    @Override
    public synchronized void updateAccessToken(String accessToken, int expiresInSeconds) {
        long keep = Math.max(60, expiresInSeconds - EARLY_SECONDS);
        redis.sync().set(tokenKey, accessToken, io.lettuce.core.SetArgs.Builder.ex(keep));
    }

    @Override
    public void expireAccessToken() {
        redis.sync().del(tokenKey);
    }

    @Override
    public Lock getAccessTokenLock() {
        return lock;
    }

    @Override
    public String toString() { // WxJava's own prints the secret and the token
        return "SharedTokenConfig[appId=" + getAppid() + "]";
    }
}
