package org.jianqun.miniapp.wechat;

import java.util.Objects;

/**
 * What code2session says of a user, less the session_key: the platform calls none of WeChat's
 * encrypted-data APIs that would need it, so it is dropped where WeChat's answer is read and never
 * reaches a field, a log or a reply.
 */
public record WechatSession(String openid) {
    public WechatSession {
        Objects.requireNonNull(openid, "openid");
        if (openid.isBlank() || openid.length() > 64) {
            throw new IllegalArgumentException("openid must be 1..64 characters");
        }
    }

    @Override
    public String toString() {
        return "WechatSession[openid=…]";
    }
}
