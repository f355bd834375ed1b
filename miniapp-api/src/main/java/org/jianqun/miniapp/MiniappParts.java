package org.jianqun.miniapp;

import org.jianqun.core.CoreServices;
import org.jianqun.core.media.MediaStore;
import org.jianqun.miniapp.limits.RateLimits;
import org.jianqun.miniapp.session.MiniappAuth;
import org.jianqun.miniapp.session.MiniappSessions;
import org.jianqun.miniapp.session.MiniappUsers;
import org.jianqun.miniapp.wechat.Wechat;

/**
 * What every route class of the mini-program API is built from: core's services, WeChat, the users, the one
 * authentication handler and the shared rate budgets. {@link MiniappModule} makes one and hands it to each.
 */
public record MiniappParts(CoreServices core, Wechat wechat, MiniappUsers users, MiniappAuth auth, RateLimits limits,
                           MiniappSessions sessions, MediaStore media) {
}
