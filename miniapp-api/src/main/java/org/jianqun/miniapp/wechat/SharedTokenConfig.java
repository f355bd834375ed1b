package org.jianqun.miniapp.wechat;

import cn.binarywang.wx.miniapp.config.impl.WxMaDefaultConfigImpl;
import java.util.concurrent.locks.Lock;
import org.jianqun.core.redis.SharedToken;

/**
 * WxJava's configuration with the access token in core's {@link SharedToken} (Redis) instead of a field: every
 * instance, and the gateway's subscribe-message sender, use the one token, and exactly one of them fetches the next.
 */
final class SharedTokenConfig extends WxMaDefaultConfigImpl {
    private static final long serialVersionUID = 1L;

    private final transient SharedToken token;

    SharedTokenConfig(SharedToken token) {
        this.token = token;
    }

    @Override
    public String getAccessToken() {
        return token.get();
    }

    @Override
    public boolean isAccessTokenExpired() {
        return token.expired();
    }

    @Override
    public synchronized void updateAccessToken(String accessToken, int expiresInSeconds) {
        token.update(accessToken, expiresInSeconds);
    }

    @Override
    public void expireAccessToken() {
        token.expire();
    }

    @Override
    public Lock getAccessTokenLock() {
        return token.lock();
    }

    @Override
    public String toString() { // WxJava's own prints the secret and the token
        return "SharedTokenConfig[appId=" + getAppid() + "]";
    }
}
