package org.jianqun.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.jianqun.core.http.ApiError;

/**
 * A JSON object read for form only (present, of the right type, not over-long), each problem a 400 naming
 * the field by its path ({@code source.kind}, {@code items[2].ref}); what the values mean is the domain's to judge.
 */
public final class JsonBody {
    private final JsonObject json;
    private final String path;

    private JsonBody(JsonObject json, String path) {
        this.json = json;
        this.path = path;
    }

    /** The request's body; an empty one reads as {@code {}}. */
    public static JsonBody of(RoutingContext ctx) {
        Buffer buffer = ctx.body().buffer();
        if (buffer == null || buffer.length() == 0) {
            return new JsonBody(new JsonObject(), "");
        }
        Object parsed;
        try {
            parsed = Json.decodeValue(buffer);
        } catch (DecodeException e) {
            throw ApiError.badRequest("the body is not valid JSON");
        }
        if (!(parsed instanceof JsonObject object)) {
            throw ApiError.badRequest("the body must be a JSON object");
        }
        return new JsonBody(object, "");
    }

    private String name(String field) {
        return path + field;
    }

    public boolean has(String field) {
        return json.getValue(field) != null;
    }

    public String text(String field, int maxLength) {
        return optionalText(field, maxLength).orElseThrow(() -> ApiError.badRequest("field '" + name(field) + "' is required and must be a non-empty string"));
    }

    /** Absent or null: empty; present: a non-blank string of at most {@code maxLength} characters (code points). */
    public Optional<String> optionalText(String field, int maxLength) {
        Object value = json.getValue(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String s) || s.isBlank()) {
            throw ApiError.badRequest("field '" + name(field) + "' must be a non-empty string");
        }
        if (s.codePointCount(0, s.length()) > maxLength) {
            throw ApiError.badRequest("field '" + name(field) + "' is longer than " + maxLength + " characters");
        }
        return Optional.of(s.strip());
    }

    /** A string, or a whole number written as JSON number (a ticket number in {@code ref}), as text. */
    public Optional<String> optionalRef(String field, int maxLength) {
        Object value = json.getValue(field);
        if (value instanceof Integer || value instanceof Long) {
            return Optional.of(value.toString());
        }
        return optionalText(field, maxLength);
    }

    public long positiveNumber(String field) {
        Object value = json.getValue(field);
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() <= 0) {
            throw ApiError.badRequest("field '" + name(field) + "' is required and must be a positive whole number");
        }
        return ((Number) value).longValue();
    }

    public JsonBody object(String field) {
        Object value = json.getValue(field);
        if (!(value instanceof JsonObject object)) {
            throw ApiError.badRequest("field '" + name(field) + "' is required and must be an object");
        }
        return new JsonBody(object, name(field) + ".");
    }

    /** The objects of an array field, each named {@code field[i]}; between 1 and {@code max} of them. */
    public java.util.List<JsonBody> objects(String field, int max) {
        Object value = json.getValue(field);
        if (!(value instanceof JsonArray array) || array.isEmpty()) {
            throw ApiError.badRequest("field '" + name(field) + "' is required and must be a non-empty array");
        }
        if (array.size() > max) {
            throw ApiError.badRequest("field '" + name(field) + "' has " + array.size() + " entries; at most " + max + " at a time");
        }
        java.util.List<JsonBody> out = new java.util.ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.getValue(i) instanceof JsonObject object)) {
                throw ApiError.badRequest("field '" + name(field) + "[" + i + "]' must be an object");
            }
            out.add(new JsonBody(object, name(field) + "[" + i + "]."));
        }
        return out;
    }

    /** The field's name as errors call it. */
    public String nameOf(String field) {
        return name(field);
    }
}
