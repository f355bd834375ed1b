package org.jianqun.core.disclosure;

/** A refused disclosure command, as a value: the HTTP status it maps to, a stable code, and the reason in Chinese. */
public record Refusal(int status, String code, String message) {
    static Refusal forbidden(String message) {
        return new Refusal(403, "forbidden", message);
    }

    static Refusal conflict(String code, String message) {
        return new Refusal(409, code, message);
    }

    static Refusal notFound(String message) {
        return new Refusal(404, "not_found", message);
    }
}
