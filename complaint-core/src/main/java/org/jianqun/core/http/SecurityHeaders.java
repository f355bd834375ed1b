package org.jianqun.core.http;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * The response headers every answer gets, set as its headers are written (so they see the Content-Type the route
 * chose): {@code nosniff}, no framing, no referrer; an HTML page its Content-Security-Policy (scripts, styles and
 * requests from this origin only, no inline script); any other answer a CSP that allows nothing, in case a
 * browser renders it anyway; and everything under {@code /api/} and {@code /miniapp/} — tokens, people, tickets —
 * {@code Cache-Control: no-store}, so no browser or proxy keeps a copy.
 */
public final class SecurityHeaders {
    public static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self'; "
            + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    public static final String DATA_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

    private SecurityHeaders() {
    }

    public static void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        ctx.addHeadersEndHandler(v -> apply(path, ctx.response().headers()));
        ctx.next();
    }

    static void apply(String path, MultiMap headers) {
        applyCommon(headers);
        String type = headers.get("Content-Type");
        boolean html = type != null && type.regionMatches(true, 0, "text/html", 0, 9);
        headers.set("Content-Security-Policy", html ? PAGE_POLICY : DATA_POLICY);
        if (path != null && (path.startsWith("/api/") || path.startsWith("/miniapp/"))) {
            headers.set("Cache-Control", "no-store");
        }
    }

    /** What even an answer written outside the router (a refused connection's 400 or 408) carries. */
    static void applyCommon(MultiMap headers) {
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
    }
}
