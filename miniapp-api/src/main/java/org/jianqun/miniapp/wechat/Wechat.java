package org.jianqun.miniapp.wechat;

/**
 * The mini-program's calls to WeChat's servers, blocking (run them on the worker pool). The production
 * implementation is {@link WxWechat} over WxJava's {@code WxMaService}; every failure is a {@link WechatRefused}.
 */
public interface Wechat {
    /** code2session ({@code wx.login}'s code, single-use, five minutes). */
    WechatSession session(String code);

    /** getPhoneNumber ({@code getPhoneNumber}'s code, single-use, five minutes): the number as WeChat knows it, with country code if not +86. */
    String phoneNumber(String code);

    /** msgSecCheck v2 for text a user wrote, before other people are shown it. */
    ContentVerdict check(String openid, String text);
}
