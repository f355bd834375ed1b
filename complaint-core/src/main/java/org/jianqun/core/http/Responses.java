package org.jianqun.core.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes JSON answers, and turns any failure into DESIGN.md's JSON error shape. */
public final class Responses {
    private Responses() {
    }

    public static void json(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(body.encode());
    }

    /** Encoded once: every answer carries it (see SecurityHeaders). */
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json; charset=utf-8");

    /** The router's failure handler: known errors keep their status; anything else is a 500 without internals. */
    public static void failure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        ApiError error;
        if (failure instanceof ApiError api) {
            error = api;
        } else {
            int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            error = switch (status) {
                case 400 -> new ApiError(400, "bad_request", "请求无法读取");
                case 401 -> new ApiError(401, "unauthorized", "请先登录");
                case 403 -> new ApiError(403, "forbidden", "无权执行此操作");
                case 404 -> new ApiError(404, "not_found", "没有这个地址：" + ctx.request().path());
                case 405 -> new ApiError(405, "method_not_allowed", ctx.request().path() + " 不支持 " + ctx.request().method() + " 请求");
                case 413 -> new ApiError(413, "payload_too_large", "上传的内容太大，超过了这个接口的上限");
                case 415 -> new ApiError(415, "unsupported_media_type", "这个接口不接受此 Content-Type");
                default -> new ApiError(500, "internal", "服务器内部错误，请联系管理员（请求编号 " + RequestIds.of(ctx) + "）");
            };
            if (error.status() == 500) {
                RequestIds.logError(ctx, failure);
            }
        }
        if (error.status() == 413 && !ctx.response().ended()) {
            // The client may still be pushing megabytes we will never read: answer, then hang up.
            ctx.response().putHeader("Connection", "close");
            ctx.response().setStatusCode(413).putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(error.toJson().encode())
                    .onComplete(done -> ctx.request().connection().close());
            return;
        }
        json(ctx, error.status(), error.toJson());
    }
}
