package org.jianqun.console.tickets;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.jianqun.core.http.ApiError;

/**
 * The JSON body of a console command, read and checked for form only (present, of the right type,
 * not over-long): each problem is a 400 naming the field. Whether the command makes sense for the
 * ticket (a known tier word, the right state) is the desk's to decide, and to audit.
 */
final class CommandBody {
    private final JsonObject json;

    private CommandBody(JsonObject json) {
        this.json = json;
    }

    /** An empty body reads as {@code {}}: claim and urge need nothing else. */
    static CommandBody of(RoutingContext ctx) {
        Buffer buffer = ctx.body().buffer();
        if (buffer == null || buffer.length() == 0) {
            return new CommandBody(new JsonObject());
        }
        Object parsed;
        try {
            parsed = Json.decodeValue(buffer);
        } catch (DecodeException e) {
            throw ApiError.badRequest("请求内容不是有效的 JSON");
        }
        if (!(parsed instanceof JsonObject object)) {
            throw ApiError.badRequest("请求内容应为 JSON 对象");
        }
        return new CommandBody(object);
    }

    /** A required, non-blank string of at most {@code maxLength} characters (code points: 一 is one). */
    String text(String field, int maxLength) {
        return optionalText(field, maxLength).orElseThrow(() -> missing(field, "非空的文字"));
    }

    Optional<String> optionalText(String field, int maxLength) {
        Object value = json.getValue(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s)) {
            throw wrongType(field, "文字（字符串）");
        }
        if (s.isBlank()) {
            throw missing(field, "非空的文字");
        }
        if (s.codePointCount(0, s.length()) > maxLength) {
            throw ApiError.badRequest("字段 '" + field + "' 超过 " + maxLength + " 个字符");
        }
        return Optional.of(s);
    }

    /** A required positive whole number (a ticket number, a person id). */
    long positiveNumber(String field) {
        return optionalPositiveNumber(field).orElseThrow(() -> missing(field, "正整数"));
    }

    Optional<Long> optionalPositiveNumber(String field) {
        Object value = json.getValue(field);
        if (value == null) {
            return Optional.empty();
        }
        // Vert.x decodes JSON integers as Integer or Long and anything with a fraction or exponent as Double.
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() <= 0) {
            throw wrongType(field, "正整数");
        }
        return Optional.of(((Number) value).longValue());
    }

    private static ApiError missing(String field, String what) {
        return ApiError.badRequest("字段 '" + field + "' 必须填写，应为" + what);
    }

    private static ApiError wrongType(String field, String what) {
        return ApiError.badRequest("字段 '" + field + "' 应为" + what);
    }
}
