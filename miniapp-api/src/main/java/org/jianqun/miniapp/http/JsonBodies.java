package org.jianqun.miniapp.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.jianqun.core.http.ApiError;

/** Reading the mini-program's small JSON bodies: one object, each field named when it is wrong. */
public final class JsonBodies {
    /** Every JSON body here is small (a report's 2,000 characters of text are the largest). */
    public static final int BODY_LIMIT = 32 * 1024;

    private JsonBodies() {
    }

    public static JsonObject object(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body == null) {
                throw new ApiError(400, "bad_request", "请求体须是 JSON 对象");
            }
            return body;
        } catch (DecodeException | ClassCastException e) {
            throw new ApiError(400, "bad_request", "请求体不是有效的 JSON 对象");
        }
    }

    /** A required string field, at most {@code max} characters (code points). */
    public static String string(JsonObject body, String field, int max) {
        return optionalString(body, field, max).orElseThrow(() -> new ApiError(400, "missing_field", "缺少字段 " + field, new JsonObject().put("field", field)));
    }

    public static Optional<String> optionalString(JsonObject body, String field, int max) {
        Object value = body.getValue(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            throw new ApiError(400, "bad_field", "字段 " + field + " 须是字符串", new JsonObject().put("field", field));
        }
        if (s.codePointCount(0, s.length()) > max) {
            throw new ApiError(422, "field_too_long", "字段 " + field + " 最多 " + max + " 字", new JsonObject().put("field", field).put("limit", max));
        }
        return s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
