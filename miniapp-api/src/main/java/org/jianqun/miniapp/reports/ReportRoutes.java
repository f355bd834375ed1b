package org.jianqun.miniapp.reports;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.http.Responses;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.miniapp.http.JsonBodies;
import org.jianqun.miniapp.limits.RateLimits;
import org.jianqun.miniapp.session.MiniappAuth;
import org.jianqun.miniapp.session.MiniappUser;

/**
 * {@code POST /reports}, {@code GET /reports}, {@code GET /reports/{no}}, {@code POST /reports/{no}/rating},
 * {@code POST /reports/{no}/urge} under {@code /miniapp/v1}: ordinary reports from the phone.
 */
public final class ReportRoutes {
    private final MiniappAuth auth;
    private final ReportCommands commands;
    private final ReporterViews views;
    private final RateLimits limits;

    public ReportRoutes(MiniappAuth auth, ReportCommands commands, ReporterViews views, RateLimits limits) {
        this.auth = auth;
        this.commands = commands;
        this.views = views;
        this.limits = limits;
    }

    public void mount(Router router, BlockingWork blocking) {
        router.post("/miniapp/v1/reports").handler(body()).handler(auth.handler(blocking)).handler(ctx -> submit(ctx, blocking));
        router.get("/miniapp/v1/reports").handler(auth.handler(blocking)).handler(ctx -> mine(ctx, blocking));
        router.get("/miniapp/v1/reports/:no").handler(auth.handler(blocking)).handler(ctx -> one(ctx, blocking));
        router.post("/miniapp/v1/reports/:no/rating").handler(body()).handler(auth.handler(blocking)).handler(ctx -> rate(ctx, blocking));
        router.post("/miniapp/v1/reports/:no/urge").handler(body()).handler(auth.handler(blocking)).handler(ctx -> urge(ctx, blocking));
    }

    private static BodyHandler body() {
        return BodyHandler.create(false).setBodyLimit(JsonBodies.BODY_LIMIT);
    }

    private void submit(RoutingContext ctx, BlockingWork blocking) {
        MiniappUser user = MiniappAuth.user(ctx);
        ReportDraft draft = ReportDraft.read(JsonBodies.object(ctx));
        blocking.run(() -> {
            MiniappAuth.limited(limits.take(RateLimits.WRITES_PER_USER, Long.toString(user.personId())));
            TicketRow ticket = commands.submit(user, draft);
            JsonObject out = new JsonObject().put("no", ticket.no()).put("state", ticket.state().name().toLowerCase(java.util.Locale.ROOT))
                    .put("level", ticket.level().wireName());
            return out;
        }).onSuccess(body -> Responses.json(ctx, 201, body)).onFailure(ctx::fail);
    }

    private void mine(RoutingContext ctx, BlockingWork blocking) {
        MiniappUser user = MiniappAuth.user(ctx);
        String before = ctx.request().getParam("before");
        Long beforeNo = before == null ? null : number(before, "before");
        blocking.run(() -> views.mine(user, beforeNo)).onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(ctx::fail);
    }

    private void one(RoutingContext ctx, BlockingWork blocking) {
        MiniappUser user = MiniappAuth.user(ctx);
        long no = reportNo(ctx);
        blocking.run(() -> views.one(user, no).orElseThrow(() -> ReportCommands.notFound(no)))
                .onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(ctx::fail);
    }

    private void rate(RoutingContext ctx, BlockingWork blocking) {
        MiniappUser user = MiniappAuth.user(ctx);
        long no = reportNo(ctx);
        String rating = JsonBodies.string(JsonBodies.object(ctx), "rating", 8).strip();
        blocking.run(() -> {
            MiniappAuth.limited(limits.take(RateLimits.WRITES_PER_USER, Long.toString(user.personId())));
            TicketRow ticket = commands.rate(user, no, rating);
            return new JsonObject().put("no", ticket.no()).put("state", ticket.state().name().toLowerCase(java.util.Locale.ROOT));
        }).onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(ctx::fail);
    }

    private void urge(RoutingContext ctx, BlockingWork blocking) {
        MiniappUser user = MiniappAuth.user(ctx);
        long no = reportNo(ctx);
        blocking.run(() -> {
            MiniappAuth.limited(limits.take(RateLimits.WRITES_PER_USER, Long.toString(user.personId())));
            TicketRow ticket = commands.urge(user, no);
            return new JsonObject().put("no", ticket.no()).put("urged", ticket.urged());
        }).onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(ctx::fail);
    }

    private static long reportNo(RoutingContext ctx) {
        String raw = ctx.pathParam("no");
        if (raw == null || raw.isEmpty() || raw.length() > 18 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ApiError(404, "report_not_found", "没有找到反映 #" + (raw == null ? "" : raw.substring(0, Math.min(20, raw.length()))));
        }
        return Long.parseLong(raw);
    }

    private static long number(String raw, String field) {
        if (raw.isEmpty() || raw.length() > 18 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ApiError(400, "bad_field", field + " 须是数字", new JsonObject().put("field", field));
        }
        return Long.parseLong(raw);
    }
}
