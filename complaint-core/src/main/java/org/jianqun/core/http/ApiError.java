package org.jianqun.core.http;

import io.vertx.core.json.JsonObject;

/**
 * An error that reaches the caller as DESIGN.md's {@code {"error":"<code>","message":"…"}} with a
 * fitting status; {@code extra} adds fields (such as an import's {@code errors} list).
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final JsonObject extra;

    public ApiError(int status, String code, String message) {
        this(status, code, message, new JsonObject());
    }

    public ApiError(int status, String code, String message, JsonObject extra) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.extra = extra;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public JsonObject toJson() {
        return new JsonObject().put("error", code).put("message", getMessage()).mergeIn(extra);
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, "bad_request", message);
    }
}
