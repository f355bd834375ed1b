package org.jianqun.miniapp.wechat;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.api.impl.WxMaServiceHttpClientImpl;
import cn.binarywang.wx.miniapp.bean.WxMaJscode2SessionResult;
import cn.binarywang.wx.miniapp.bean.WxMaPhoneNumberInfo;
import cn.binarywang.wx.miniapp.bean.security.WxMaMsgSecCheckCheckRequest;
import cn.binarywang.wx.miniapp.bean.security.WxMaMsgSecCheckCheckResponse;
import java.net.URI;
import java.util.concurrent.Callable;
import me.chanjar.weixin.common.error.WxErrorException;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.redis.SharedToken;

/**
 * {@link Wechat} through WxJava's {@link WxMaService}: base URL from JIANQUN_MINIAPP_API_BASE (tests and the
 * demo point it at a fake), the access token shared by every instance through Redis ({@link SharedTokenConfig}),
 * no retry on -1 (a busy WeChat is told to the caller as 503, not hammered from a worker thread). WxJava's own
 * logging prints URLs with the access token: its loggers are off (logback.xml); nothing here logs WeChat's
 * answers, and code2session's session_key is dropped where the answer is read.
 */
public final class WxWechat implements Wechat {
    /** msgSecCheck v2's scene for text a user publishes to others (资料 1, 评论 2, 论坛 3, 社交日志 4): a comment. */
    static final int SCENE_COMMENT = 2;

    private final WxMaService service;

    public WxWechat(WxMaService service) {
        this.service = service;
    }

    public static WxWechat create(JianqunConfig.MiniappSettings settings, URI apiBase, RedisStore redis) {
        SharedTokenConfig config = new SharedTokenConfig(SharedToken.miniprogram(redis, settings.appId()));
        config.setAppid(settings.appId());
        config.setSecret(settings.secret());
        config.setApiHostUrl(trimSlash(apiBase.toString()));
        config.setMsgDataFormat("JSON");
        WxMaService service = new WxMaServiceHttpClientImpl();
        service.setWxMaConfig(config);
        service.setMaxRetryTimes(0);
        service.setRetrySleepMillis(0);
        return new WxWechat(service);
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public WechatSession session(String code) {
        WxMaJscode2SessionResult result = call(() -> service.getUserService().getSessionInfo(code));
        if (result == null || result.getOpenid() == null || result.getOpenid().isBlank()) {
            throw new WechatRefused(new WechatRefusal.Failed(0));
        }
        return new WechatSession(result.getOpenid());
    }

    @Override
    public String phoneNumber(String code) {
        WxMaPhoneNumberInfo info = call(() -> service.getUserService().getPhoneNumber(code));
        String number = info == null ? null : info.getPhoneNumber();
        if (number == null || number.isBlank()) {
            throw new WechatRefused(new WechatRefusal.Failed(0));
        }
        return number;
    }

    @Override
    public ContentVerdict check(String openid, String text) {
        WxMaMsgSecCheckCheckResponse response = call(() -> service.getSecurityService().checkMessage(
                WxMaMsgSecCheckCheckRequest.builder().version("2").openid(openid).scene(SCENE_COMMENT).content(text).build()));
        if (response == null || response.getResult() == null) {
            throw new WechatRefused(new WechatRefusal.Failed(0));
        }
        return ContentVerdict.fromWechat(response.getResult().getSuggest()).orElseThrow(() -> new WechatRefused(new WechatRefusal.Failed(0)));
    }

    private static <T> T call(Callable<T> work) {
        try {
            return work.call();
        } catch (WxErrorException e) {
            throw new WechatRefused(WechatRefusal.of(e.getError() == null ? -1 : e.getError().getErrorCode()));
        } catch (RuntimeException e) {
            // WxJava wraps an unreachable WeChat (refused, timed out, reset) in a runtime exception: busy, try later.
            throw new WechatRefused(WechatRefusal.of(-1));
        } catch (Exception e) {
            throw new WechatRefused(WechatRefusal.of(-1));
        }
    }
}
