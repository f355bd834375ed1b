package org.jianqun.console.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Permission;
import org.jianqun.core.account.AuthService;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.http.Authentication;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.http.Responses;
import org.jianqun.core.operations.ChatSideReports;
import org.jianqun.core.outbox.DeliveryReportMapper;
import org.jianqun.core.outbox.DeliveryStatus;
import org.jianqun.core.outbox.OutboxMapper;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.wire.WireWords;
import org.jianqun.console.QueryParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where administrators see what the chat side could not do, so nothing fails silently:
 * {@code GET /api/v1/admin/deliveries?status=held|failed|pending|routed|sent&before=&limit=} lists outbox
 * deliveries with their reasons (held: no route, e.g. no officers' group bound; failed: refused for
 * good), newest first, within the admin's scope; {@code POST /api/v1/admin/deliveries/{deliveryId}/retry}
 * sends a held or failed one again; {@code GET /api/v1/admin/failed-messages?before=&limit=} lists chat messages
 * that were stored but could not be processed, and {@code POST /api/v1/admin/failed-messages/{id}/retry} puts
 * one back in the queue; {@code GET /api/v1/admin/group-sends?month=&status=}
 * the owner-confirmed group-sends into external groups (by default those that did not go out: refused,
 * expired, failed); {@code GET /api/v1/admin/unbound-groups} lists groups whose messages are kept
 * unprocessed until an admin binds them (groups.csv).
 */
public final class DeliveryRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRoutes.class);
    private static final int MAX_LIMIT = 200;

    private final AuthService auth;
    private final Database database;
    private final ChatSideReports chatSide;
    private final Clock clock;

    public DeliveryRoutes(AuthService auth, Database database, ChatSideReports chatSide, Clock clock) {
        this.auth = auth;
        this.database = database;
        this.chatSide = chatSide;
        this.clock = clock;
    }

    private Route adminOnly(Route route, BlockingWork blocking) {
        return Authentication.permitted(route, auth, blocking, Permission.IMPORT_ORGANISATION);
    }

    public void mount(Router router, BlockingWork blocking) {
        adminOnly(router.get("/api/v1/admin/deliveries"), blocking)
                .handler(ctx -> deliveries(ctx, blocking));
        adminOnly(router.post("/api/v1/admin/deliveries/:deliveryId/retry"), blocking)
                .handler(ctx -> retry(ctx, blocking));
        adminOnly(router.get("/api/v1/admin/failed-messages"), blocking)
                .handler(ctx -> failedMessages(ctx, blocking));
        adminOnly(router.post("/api/v1/admin/failed-messages/:id/retry"), blocking)
                .handler(ctx -> retryMessage(ctx, blocking));
        adminOnly(router.get("/api/v1/admin/group-sends"), blocking)
                .handler(ctx -> groupSends(ctx, blocking));
        adminOnly(router.get("/api/v1/admin/unbound-groups"), blocking)
                .handler(ctx -> unbound(ctx, blocking));
    }

    private void deliveries(RoutingContext ctx, BlockingWork blocking) {
        String word = ctx.queryParams().get("status") == null ? "held" : ctx.queryParams().get("status");
        DeliveryStatus status = WireWords.parse(DeliveryStatus.class, word).orElseThrow(() -> ApiError.badRequest("参数 status 只能是："
                + String.join("、", java.util.Arrays.stream(DeliveryStatus.values()).map(WireWords::of).toList())));
        int limit = QueryParams.limit(ctx, 50, MAX_LIMIT);
        Long before = QueryParams.before(ctx, "投递在列表中的位置");
        Actor actor = Authentication.actor(ctx);
        blocking.run(() -> database.read(s -> s.getMapper(DeliveryReportMapper.class)
                .deliveries(status, actor.scopeCode(), before, limit))).onSuccess(rows -> {
            JsonArray out = new JsonArray();
            rows.forEach(r -> out.add(new JsonObject().put("deliveryId", r.deliveryId()).put("ticketNo", r.ticketNo())
                    .put("event", r.eventType()).put("audience", WireWords.of(r.audience()))
                    .put("target", r.target()).put("status", WireWords.of(r.status())).put("attempts", r.attempts())
                    .put("reason", r.lastError()).put("createdAt", QueryParams.time(r.createdAt()))));
            Responses.json(ctx, 200, new JsonObject().put("deliveries", out)
                    .put("next", rows.size() == limit ? rows.get(rows.size() - 1).id() : null));
        }).onFailure(ctx::fail);
    }

    /**
     * Held and failed deliveries are final for the dispatcher (it would otherwise retry a missing route
     * forever); once the cause is mended (a group bound, a bridge back online) the admin sends them again.
     */
    private void retry(RoutingContext ctx, BlockingWork blocking) {
        String deliveryId = ctx.pathParam("deliveryId");
        Actor actor = Authentication.actor(ctx);
        blocking.run(() -> database.inTransaction(s -> s.getMapper(OutboxMapper.class)
                .retry(deliveryId, actor.scopeCode(), clock.instant(), "administrator #" + actor.personId()))).onSuccess(done -> {
            if (done != 1) {
                ctx.fail(new ApiError(404, "not_found", "您的辖区内没有暂停或失败的投递 " + deliveryId));
                return;
            }
            LOG.info("delivery {} sent again by person {}", deliveryId, actor.personId());
            Responses.json(ctx, 200, new JsonObject().put("deliveryId", deliveryId).put("status", "pending"));
        }).onFailure(ctx::fail);
    }

    private void failedMessages(RoutingContext ctx, BlockingWork blocking) {
        int limit = QueryParams.limit(ctx, 50, MAX_LIMIT);
        Long before = QueryParams.before(ctx, "消息在列表中的位置");
        Actor actor = Authentication.actor(ctx);
        blocking.run(() -> chatSide.failedMessages(actor.scopeCode(), before, limit)).onSuccess(rows -> {
            JsonArray out = new JsonArray();
            rows.forEach(m -> out.add(new JsonObject().put("id", m.id()).put("channel", m.channel())
                    .put("groupId", m.groupId()).put("group", m.groupName()).put("village", m.villageCode()).put("text", m.text())
                    .put("reason", m.outcome()).put("receivedAt", QueryParams.time(m.receivedAt()))));
            Responses.json(ctx, 200, new JsonObject().put("messages", out)
                    .put("next", rows.size() == limit ? rows.get(rows.size() - 1).id() : null));
        }).onFailure(ctx::fail);
    }

    /** A message that failed in processing goes back in the queue once the cause is mended (it is processed once, as any). */
    private void retryMessage(RoutingContext ctx, BlockingWork blocking) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("消息编号应为数字（照失败消息列表中的写）");
        }
        Actor actor = Authentication.actor(ctx);
        blocking.run(() -> chatSide.requeueFailedMessage(id, actor.scopeCode(), "administrator #" + actor.personId())).onSuccess(done -> {
            if (!done) {
                ctx.fail(new ApiError(404, "not_found", "您的辖区内没有失败消息 " + id));
                return;
            }
            LOG.info("inbox message {} put back in the queue by person {}", id, actor.personId());
            Responses.json(ctx, 200, new JsonObject().put("id", id).put("status", "received"));
        }).onFailure(ctx::fail);
    }

    private void groupSends(RoutingContext ctx, BlockingWork blocking) {
        String monthText = ctx.queryParams().get("month");
        String month;
        try {
            month = monthText == null ? YearMonth.now(clock.withZone(WorkingDayCalendar.ZONE)).toString() : YearMonth.parse(monthText).toString();
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("参数 month 应写作 yyyy-mm，例如 2026-11");
        }
        // Without a status: those that did not reach their group (refused, expired, failed), the reason to look.
        Optional<String> status = Optional.ofNullable(ctx.queryParams().get("status"));
        if (status.isPresent() && !chatSide.groupSendStatuses().contains(status.get())) {
            throw ApiError.badRequest("参数 status 只能是：" + String.join("、", chatSide.groupSendStatuses()));
        }
        int limit = QueryParams.limit(ctx, 50, MAX_LIMIT);
        Actor actor = Authentication.actor(ctx);
        YearMonth listed = YearMonth.parse(month);
        blocking.run(() -> chatSide.groupSends(listed, status, actor.scopeCode(), limit)).onSuccess(rows -> {
            JsonArray out = new JsonArray();
            rows.forEach(r -> out.add(new JsonObject().put("id", r.id()).put("purpose", r.purpose())
                    .put("chatId", r.chatId()).put("group", r.groupName()).put("village", r.regionCode()).put("month", r.month())
                    .put("status", r.status()).put("reminders", r.remindersSent()).put("reason", r.lastError())
                    .put("queuedAt", QueryParams.time(r.queuedAt()))
                    .put("sentAt", QueryParams.time(r.sentAt()))));
            Responses.json(ctx, 200, new JsonObject().put("month", month).put("groupSends", out));
        }).onFailure(ctx::fail);
    }

    private void unbound(RoutingContext ctx, BlockingWork blocking) {
        int limit = QueryParams.limit(ctx, 50, MAX_LIMIT);
        blocking.run(() -> chatSide.unboundGroups(limit)).onSuccess(rows -> {
            JsonArray out = new JsonArray();
            rows.forEach(g -> out.add(new JsonObject().put("channel", g.channel())
                    .put("groupId", g.groupId()).put("name", g.name()).put("keptMessages", g.keptMessages())
                    .put("lastMessageAt", QueryParams.time(g.lastMessageAt()))));
            Responses.json(ctx, 200, new JsonObject().put("groups", out));
        }).onFailure(ctx::fail);
    }
}
