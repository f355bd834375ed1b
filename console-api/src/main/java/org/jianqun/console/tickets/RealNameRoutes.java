package org.jianqun.console.tickets;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Optional;
import org.jianqun.core.access.Actor;
import org.jianqun.core.account.AuthService;
import org.jianqun.core.desk.DeskCommand;
import org.jianqun.core.desk.DeskResult;
import org.jianqun.core.desk.TicketDesk;
import org.jianqun.core.desk.TicketQueries;
import org.jianqun.core.desk.Via;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.http.Authentication;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.http.Responses;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.TicketMapper;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.realname.IdentityReveal;

/**
 * The discipline office's side of a real-name report (实名举报):
 * <ul>
 * <li>{@code POST /api/v1/tickets/{no}/acknowledge}: 受理, the office takes the matter up (the report's claim, due
 *     within {@code TicketDeadlines.ACKNOWLEDGE_WORKING_DAYS}); then {@code /resolve {"result"}} as for any ticket,
 *     the result being what the reporter reads.</li>
 * <li>{@code POST /api/v1/tickets/{no}/identity {"reason"}}: the reporter's identity, for a discipline officer of
 *     the routed office only, each read audited with its reason. Everyone else gets the 404 of a missing ticket.</li>
 * </ul>
 * Without a data key (no identity can be opened) the identity route answers 503.
 */
public final class RealNameRoutes {
    private final AuthService auth;
    private final Database database;
    private final TicketDesk desk;
    private final Optional<IdentityReveal> reveal;

    public RealNameRoutes(AuthService auth, Database database, TicketDesk desk, Optional<IdentityReveal> reveal) {
        this.auth = auth;
        this.database = database;
        this.desk = desk;
        this.reveal = reveal;
    }

    public void mount(Router router, BlockingWork blocking) {
        router.post("/api/v1/tickets/:no/acknowledge")
                .handler(BodyHandler.create(false).setBodyLimit(TicketRoutes.BODY_LIMIT))
                .handler(Authentication.bearer(auth, blocking))
                .handler(ctx -> acknowledge(ctx, blocking));
        router.post("/api/v1/tickets/:no/identity")
                .handler(BodyHandler.create(false).setBodyLimit(TicketRoutes.BODY_LIMIT))
                .handler(Authentication.bearer(auth, blocking))
                .handler(ctx -> identity(ctx, blocking));
    }

    private void acknowledge(RoutingContext ctx, BlockingWork blocking) {
        Actor by = Authentication.actor(ctx);
        long no = ticketNo(ctx);
        blocking.run(() -> {
            TicketRow row = database.read(s -> s.getMapper(TicketMapper.class).find(no));
            if (row == null || !TicketQueries.mayKnow(by, Via.CONSOLE, row)) {
                throw notFound(no);
            }
            if (!row.confidential()) {
                throw new ApiError(409, "not_a_realname_report", "工单 #" + no + " 不是实名举报，请用「认领」");
            }
            DeskResult result = desk.execute(new DeskCommand.Claim(no), by, Via.CONSOLE);
            if (result instanceof DeskResult.Refused refused) {
                throw refused.notFound() ? notFound(no)
                        : new ApiError(409, "refused", refused.reason(), new JsonObject().put("rule", refused.rule().name()));
            }
            DeskResult.Done done = (DeskResult.Done) result;
            return new JsonObject().put("no", no).put("stage", "acknowledged").put("acknowledgedAt", done.event().at().toString());
        }).onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
    }

    private void identity(RoutingContext ctx, BlockingWork blocking) {
        Actor by = Authentication.actor(ctx);
        long no = ticketNo(ctx);
        String reason = CommandBody.of(ctx).optionalText("reason", IdentityReveal.MAX_REASON).orElse(null);
        if (reveal.isEmpty()) {
            throw new ApiError(503, "identity_unavailable", "未配置数据密钥（JIANQUN_DATA_KEY），无法查看举报人身份");
        }
        blocking.run(() -> {
            IdentityReveal.Outcome outcome = reveal.get().reveal(by, no, reason);
            if (outcome instanceof IdentityReveal.Outcome.NeedsReason needs) {
                throw new ApiError(400, "reason_required", needs.message());
            }
            if (!(outcome instanceof IdentityReveal.Outcome.Revealed revealed)) {
                throw notFound(no);
            }
            return new JsonObject().put("no", no)
                    .put("realName", revealed.identity().realName())
                    .put("phone", revealed.identity().phone())
                    .put("idNumber", revealed.identity().idNumber().map(id -> id.value()).orElse(null));
        }).onSuccess(json -> {
            // An identity is never cached on the way.
            ctx.response().putHeader("Cache-Control", "no-store");
            Responses.json(ctx, 200, json);
        }).onFailure(ctx::fail);
    }

    private static ApiError notFound(long no) {
        return new ApiError(404, "not_found", DeskResult.Refused.notFoundReason(no));
    }

    private static long ticketNo(RoutingContext ctx) {
        String text = ctx.pathParam("no");
        if (text == null || !text.matches("[1-9]\\d{0,17}")) {
            throw ApiError.badRequest("'" + text + "' 不是工单号：请用正整数，例如 /api/v1/tickets/123");
        }
        return Long.parseLong(text);
    }
}
