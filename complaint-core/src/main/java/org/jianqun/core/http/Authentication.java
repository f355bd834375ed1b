package org.jianqun.core.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.jianqun.core.access.AccessDecision;
import org.jianqun.core.access.AccessPolicy;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Permission;
import org.jianqun.core.account.AuthService;

/**
 * The one mechanism every HTTP endpoint uses to know who calls and whether they may: {@link #bearer}
 * turns {@code Authorization: Bearer <token>} into an {@link Actor}, {@link #require} asks
 * {@link AccessPolicy} for a role permission, and handlers ask it again with the target's region.
 */
public final class Authentication {
    private static final String ACTOR = "jianqun.actor";
    private static final String TOKEN = "jianqun.token";

    private Authentication() {
    }

    public static Handler<RoutingContext> bearer(AuthService auth, BlockingWork blocking) {
        return ctx -> {
            String header = ctx.request().getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer");
                ctx.fail(new ApiError(401, "unauthorized", "请先登录（请求缺少 Authorization: Bearer <token>，令牌由 POST /api/v1/auth/login 取得）"));
                return;
            }
            String token = header.substring(7).trim();
            if (token.length() > 100) {
                ctx.fail(new ApiError(401, "unauthorized", "登录已过期或无效，请重新登录"));
                return;
            }
            // Hold any unread body while we look the token up off the event loop (as Vert.x's own auth handlers do).
            boolean paused = !ctx.request().isEnded();
            if (paused) {
                ctx.request().pause();
            }
            blocking.run(() -> auth.authenticate(token)).onComplete(result -> {
                if (paused) {
                    ctx.request().resume();
                }
                if (result.failed()) {
                    ctx.fail(result.cause());
                } else if (result.result().isEmpty()) {
                    ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                    ctx.fail(new ApiError(401, "unauthorized", "登录已过期或无效，请重新登录"));
                } else {
                    ctx.put(ACTOR, result.result().get());
                    ctx.put(TOKEN, token);
                    ctx.next();
                }
            });
        };
    }

    /** {@code route} behind {@link #bearer} and {@link #require}: what almost every console route starts with. */
    public static Route permitted(Route route, AuthService auth, BlockingWork blocking, Permission permission) {
        return route.handler(bearer(auth, blocking)).handler(require(permission));
    }

    /** Refuses with 403 unless the caller's role holds the permission. */
    public static Handler<RoutingContext> require(Permission permission) {
        return ctx -> {
            AccessDecision decision = AccessPolicy.decide(actor(ctx), permission);
            if (decision instanceof AccessDecision.Refused refused) {
                ctx.fail(new ApiError(403, "forbidden", refused.reason()));
            } else {
                ctx.next();
            }
        };
    }

    /** Refuses with 403 unless the permission covers the target region; for handlers that know the region. */
    public static void requireIn(RoutingContext ctx, Permission permission, String regionCode) {
        AccessDecision decision = AccessPolicy.decide(actor(ctx), permission, regionCode);
        if (decision instanceof AccessDecision.Refused refused) {
            throw new ApiError(403, refused.outOfScope() ? "out_of_scope" : "forbidden", refused.reason());
        }
    }

    public static Actor actor(RoutingContext ctx) {
        return Optional.<Actor>ofNullable(ctx.get(ACTOR))
                .orElseThrow(() -> new IllegalStateException("route has no bearer handler in front of it"));
    }

    public static String token(RoutingContext ctx) {
        return ctx.get(TOKEN);
    }
}
