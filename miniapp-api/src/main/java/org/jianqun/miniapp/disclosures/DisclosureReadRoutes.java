package org.jianqun.miniapp.disclosures;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import java.util.function.Function;
import org.jianqun.core.disclosure.DisclosureMonth;
import org.jianqun.core.disclosure.DisclosureViews;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.http.Responses;

/**
 * The mini-program's disclosure pages (三务公开), published versions only, each with the corrections of its month:
 * <ul>
 * <li>{@code GET /miniapp/v1/villages/{code}/disclosures?month=yyyy-mm}: the month's published versions, newest first
 *     (a correction is marked 更正, with its reason);</li>
 * <li>{@code GET /miniapp/v1/disclosures/{id}}: one published version: summary, lines, signed invoices, every published
 *     version of its month and whether this one is the latest;</li>
 * <li>{@code GET /miniapp/v1/disclosures/{id}/details.png}: its details image.</li>
 * </ul>
 * A draft, a version under review or a rejected one does not exist here (404).
 */
public final class DisclosureReadRoutes {
    private final DisclosureViews views;
    private final Function<BlockingWork, Handler<RoutingContext>> guard;

    /** @param guard what stands in front of each route (the mini-program's session check, given the worker pool) */
    public DisclosureReadRoutes(Database database, Function<BlockingWork, Handler<RoutingContext>> guard) {
        this.views = new DisclosureViews(Objects.requireNonNull(database, "database"));
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    public void mount(Router router, BlockingWork blocking) {
        router.get("/miniapp/v1/villages/:code/disclosures").handler(guard.apply(blocking)).handler(ctx -> month(ctx, blocking));
        router.get("/miniapp/v1/disclosures/:id").handler(guard.apply(blocking)).handler(ctx -> one(ctx, blocking));
        router.get("/miniapp/v1/disclosures/:id/details.png").handler(guard.apply(blocking)).handler(ctx -> png(ctx, blocking));
    }

    private void month(RoutingContext ctx, BlockingWork blocking) {
        String village = ctx.pathParam("code");
        if (village == null || !village.matches("[0-9]{12}")) {
            throw new ApiError(400, "bad_village", "村代码为 12 位数字", new JsonObject().put("field", "code"));
        }
        DisclosureMonth month = DisclosureMonth.parse(ctx.request().getParam("month"))
                .orElseThrow(() -> new ApiError(400, "bad_month", "month 应写作 yyyy-mm，例如 2026-03", new JsonObject().put("field", "month")));
        blocking.run(() -> views.published(village, month)).onSuccess(list -> Responses.json(ctx, 200, new JsonObject()
                .put("villageCode", village).put("month", month.wire()).put("disclosures", new io.vertx.core.json.JsonArray(list))))
                .onFailure(ctx::fail);
    }

    private void one(RoutingContext ctx, BlockingWork blocking) {
        long id = id(ctx);
        blocking.run(() -> views.publishedOne(id).orElseThrow(() -> notFound(id)))
                .onSuccess(json -> Responses.json(ctx, 200, json)).onFailure(ctx::fail);
    }

    private void png(RoutingContext ctx, BlockingWork blocking) {
        long id = id(ctx);
        blocking.run(() -> views.publishedPng(id).orElseThrow(() -> notFound(id))).onSuccess(bytes -> ctx.response()
                .putHeader("Content-Type", "image/png").putHeader("Cache-Control", "public, max-age=86400").end(Buffer.buffer(bytes)))
                .onFailure(ctx::fail);
    }

    private static long id(RoutingContext ctx) {
        String text = ctx.pathParam("id");
        if (text == null || !text.matches("[1-9][0-9]{0,17}")) {
            throw notFound(0);
        }
        return Long.parseLong(text);
    }

    private static ApiError notFound(long id) {
        return new ApiError(404, "disclosure_not_found", "没有该公开内容（未公开或不存在）");
    }
}
