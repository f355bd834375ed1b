package org.jianqun.miniapp.session;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.miniapp.http.ClientAddresses;
import org.jianqun.miniapp.limits.RateLimits;

/**
 * The one authentication of mini-program routes: {@code Authorization: Bearer mp.…} (a token from
 * {@code POST /miniapp/v1/session}) becomes a {@link MiniappUser}, after the per-user and per-address budgets
 * ({@link RateLimits}). Any module's route class mounted under {@code /miniapp/v1} puts {@link #handler} in
 * front of its handlers and reads {@link #user}; an officer's token is unknown here (401).
 */
public final class MiniappAuth {
    private static final String USER = "jianqun.miniapp.user";

    private final MiniappSessions sessions;
    private final MiniappUsers users;
    private final RateLimits limits;
    private final Clock clock;

    public MiniappAuth(MiniappSessions sessions, MiniappUsers users, RateLimits limits, Clock clock) {
        this.sessions = sessions;
        this.users = users;
        this.limits = limits;
        this.clock = clock;
    }

    public Handler<RoutingContext> handler(BlockingWork blocking) {
        return ctx -> {
            String header = ctx.request().getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
                ctx.response().putHeader("WWW-Authenticate", "Bearer");
                ctx.fail(new ApiError(401, "unauthorized", "请先登录小程序（POST /miniapp/v1/session）"));
                return;
            }
            String token = header.substring(7).trim();
            if (token.length() > 100) {
                ctx.fail(expired());
                return;
            }
            String address = ClientAddresses.of(ctx).value();
            boolean paused = !ctx.request().isEnded();
            if (paused) {
                ctx.request().pause();
            }
            find(token, address, blocking, ctx.vertx().getOrCreateContext()).onComplete(result -> {
                if (result.failed()) {
                    if (paused) {
                        ctx.request().resume();
                    }
                    ctx.fail(result.cause());
                } else {
                    ctx.put(USER, result.result());
                    // The next handler may read the body itself (an upload): it sets its handlers, then resumes.
                    ctx.next();
                    if (paused) {
                        ctx.request().resume();
                    }
                }
            });
        };
    }

    /**
     * A session and user this process keeps need only the budgets, taken from the event loop without a worker
     * (most requests: the phone calls again within seconds); anything else goes to a worker ({@link #authenticate}).
     */
    private Future<MiniappUser> find(String token, String address, BlockingWork blocking, Context context) {
        Optional<MiniappUser> kept = sessions.kept(token, clock.instant()).flatMap(session -> users.kept(session.personId()));
        if (kept.isEmpty()) {
            return blocking.run(() -> authenticate(token, address));
        }
        return limits.takeAsync(budgets(address, kept.get().personId()), context).map(wait -> {
            limited(wait);
            return kept.get();
        });
    }

    /** The address's budget (none for loopback), then the user's. */
    private static List<RateLimits.Take> budgets(String address, long personId) {
        List<RateLimits.Take> takes = new ArrayList<>(2);
        RateLimits.forAddress(RateLimits.REQUESTS_PER_ADDRESS, address).ifPresent(takes::add);
        takes.add(new RateLimits.Take(RateLimits.REQUESTS_PER_USER, Long.toString(personId)));
        return takes;
    }

    /**
     * The session (most often kept in this process: no round trip), then the address's and the user's budgets in one
     * round trip, then the user (kept too). A request with an unknown token still spends its address's budget.
     */
    private MiniappUser authenticate(String token, String address) {
        Optional<MiniappSessions.Session> session = sessions.find(token, clock.instant());
        if (session.isEmpty()) {
            limited(limits.takeForAddress(RateLimits.REQUESTS_PER_ADDRESS, address));
            throw expired();
        }
        limited(limits.take(budgets(address, session.get().personId())));
        return users.find(session.get().personId()).orElseThrow(MiniappAuth::expired);
    }

    /** 429 with Retry-After when a budget is spent (the failure handler keeps the header). */
    public static void limited(Optional<Duration> wait) {
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw new ApiError(429, "rate_limited", "操作太频繁，请 " + seconds + " 秒后再试",
                    new io.vertx.core.json.JsonObject().put("retryAfter", seconds));
        }
    }

    private static ApiError expired() {
        return new ApiError(401, "unauthorized", "登录已失效，请重新进入小程序");
    }

    public static MiniappUser user(RoutingContext ctx) {
        MiniappUser user = ctx.get(USER);
        if (user == null) {
            throw new IllegalStateException("route has no MiniappAuth handler in front of it");
        }
        return user;
    }
}
