package org.jianqun.miniapp.wechat;

import io.vertx.core.json.JsonObject;
import org.jianqun.core.http.ApiError;

/** A call to WeChat that did not succeed, carrying why ({@link WechatRefusal}); thrown by {@link Wechat}. */
public final class WechatRefused extends RuntimeException {
    private final transient WechatRefusal refusal;

    public WechatRefused(WechatRefusal refusal) {
        super("WeChat refused (errcode " + refusal.errcode() + ")", null, false, false);
        this.refusal = refusal;
    }

    public WechatRefusal refusal() {
        return refusal;
    }

    /**
     * The caller's answer. {@code badCodeMessage} says which code it was (the login code, the phone code).
     * A busy WeChat is 503 with Retry-After (the route sets the header from {@link #retryAfterSeconds}).
     */
    public ApiError toApiError(String badCodeMessage) {
        JsonObject extra = new JsonObject().put("wechatErrcode", refusal.errcode());
        if (refusal instanceof WechatRefusal.BadCode) {
            return new ApiError(401, "invalid_code", badCodeMessage, extra);
        }
        if (refusal instanceof WechatRefusal.Busy b) {
            return new ApiError(503, "wechat_busy", "微信服务繁忙，请稍后再试", extra.put("retryAfter", Math.max(1, b.retryAfter().toSeconds())));
        }
        return new ApiError(502, "wechat_failed", "微信服务返回错误，请稍后再试或联系管理员", extra);
    }

    /** Seconds to wait before trying again, for a busy WeChat; 0 otherwise. */
    public long retryAfterSeconds() {
        return refusal instanceof WechatRefusal.Busy b ? Math.max(1, b.retryAfter().toSeconds()) : 0;
    }
}
