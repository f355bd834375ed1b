package org.jianqun.miniapp.wechat;

import java.time.Duration;

/**
 * Why WeChat did not give what was asked, as the API answers it: the user's code is bad (401), WeChat is busy
 * or unreachable (503 with Retry-After), or something else went wrong on WeChat's side (502). Carries
 * WeChat's error code, never its message (which may quote the request).
 */
public sealed interface WechatRefusal {
    int errcode();

    /** 40029 invalid code, 40163 code already used, 40226 high-risk user: the code will not work again. */
    record BadCode(int errcode) implements WechatRefusal {
    }

    /** -1 system busy, 45011 rate limit, a timeout or refused connection: worth trying again shortly. */
    record Busy(int errcode, Duration retryAfter) implements WechatRefusal {
    }

    /** Anything else (a misconfigured appid or secret, say): the operator's to fix, not the user's. */
    record Failed(int errcode) implements WechatRefusal {
    }

    static WechatRefusal of(int errcode) {
        return switch (errcode) {
            case 40029, 40163, 40226 -> new BadCode(errcode);
            case -1, 45011, 45009 -> new Busy(errcode, Duration.ofSeconds(errcode == 45011 ? 10 : 3));
            default -> new Failed(errcode);
        };
    }
}
