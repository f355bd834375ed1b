package org.jianqun.miniapp.session;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.http.Responses;
import org.jianqun.miniapp.http.ClientAddresses;
import org.jianqun.miniapp.http.JsonBodies;
import org.jianqun.miniapp.limits.RateLimits;
import org.jianqun.miniapp.wechat.Wechat;
import org.jianqun.miniapp.wechat.WechatRefused;
import org.jianqun.miniapp.wechat.WechatSession;

/**
 * {@code POST /miniapp/v1/session {"code"}}: {@code wx.login}'s code through code2session to an openid, the
 * user it is (made on first sign-in), and a mini-program bearer token. Nothing is made when WeChat refuses.
 */
public final class SessionRoutes {
    private final Wechat wechat;
    private final MiniappUsers users;
    private final MiniappSessions sessions;
    private final RateLimits limits;
    private final Clock clock;

    public SessionRoutes(Wechat wechat, MiniappUsers users, MiniappSessions sessions, RateLimits limits, Clock clock) {
        this.wechat = wechat;
        this.users = users;
        this.sessions = sessions;
        this.limits = limits;
        this.clock = clock;
    }

    public void mount(Router router, BlockingWork blocking) {
        router.post("/miniapp/v1/session").handler(BodyHandler.create(false).setBodyLimit(JsonBodies.BODY_LIMIT)).handler(ctx -> signIn(ctx, blocking));
    }

    private void signIn(RoutingContext ctx, BlockingWork blocking) {
        String code = JsonBodies.string(JsonBodies.object(ctx), "code", 128);
        String address = ClientAddresses.of(ctx).value();
        blocking.run(() -> {
            MiniappAuth.limited(limits.take(RateLimits.SESSION_PER_ADDRESS, address));
            WechatSession session;
            try {
                session = wechat.session(code);
            } catch (WechatRefused e) {
                throw e.toApiError("登录码无效、已使用或已过期，请重新进入小程序");
            }
            MiniappUser user = users.signIn(session.openid());
            MiniappAuth.limited(limits.take(RateLimits.REQUESTS_PER_USER, Long.toString(user.personId())));
            String token = sessions.create(user.personId(), clock.instant());
            return new JsonObject().put("token", token).put("expiresIn", MiniappSessions.TTL.toSeconds()).put("user", UserJson.of(user));
        }).onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(ctx::fail);
    }
}
