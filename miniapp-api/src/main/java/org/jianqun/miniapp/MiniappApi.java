package org.jianqun.miniapp;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.http.ApiRoutes;
import org.jianqun.core.http.BlockingWork;

/**
 * Everything under {@code /miniapp/v1}: the route classes of this module and those other modules' parts
 * hand in ({@link MiniappRoutes}), each behind the same {@link org.jianqun.miniapp.session.MiniappAuth}. A
 * failure here that says how long to wait (429, a busy WeChat's 503) carries it as Retry-After.
 */
final class MiniappApi implements ApiRoutes {
    private final List<MiniappRoutes> parts;

    MiniappApi(List<MiniappRoutes> parts) {
        this.parts = List.copyOf(parts);
    }

    @Override
    public void mount(Router router, BlockingWork blocking) {
        router.route("/miniapp/v1/*").failureHandler(MiniappApi::retryAfter);
        parts.forEach(p -> p.mount(router, blocking));
    }

    private static void retryAfter(RoutingContext ctx) {
        if (ctx.failure() instanceof ApiError error && !ctx.response().headWritten()) {
            Long seconds = error.toJson().getLong("retryAfter");
            if (seconds != null && (error.status() == 429 || error.status() == 503)) {
                ctx.response().putHeader("Retry-After", Long.toString(seconds));
            }
        }
        ctx.next();
    }
}
