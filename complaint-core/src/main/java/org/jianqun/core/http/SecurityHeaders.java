package org.jianqun.core.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
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

    // Vert.x's optimised header strings: hashed, checked and encoded once, not on every answer (checking and hashing
    // these on each response was a tenth of the event loop's work under the mini-program's load).
    private static final CharSequence CSP = HttpHeaders.createOptimized("Content-Security-Policy");
    private static final CharSequence PAGE = HttpHeaders.createOptimized(PAGE_POLICY);
    private static final CharSequence DATA = HttpHeaders.createOptimized(DATA_POLICY);
    private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store");
    private static final CharSequence NOSNIFF_NAME = HttpHeaders.createOptimized("X-Content-Type-Options");
    private static final CharSequence NOSNIFF = HttpHeaders.createOptimized("nosniff");
    private static final CharSequence FRAME_NAME = HttpHeaders.createOptimized("X-Frame-Options");
    private static final CharSequence DENY = HttpHeaders.createOptimized("DENY");
    private static final CharSequence REFERRER_NAME = HttpHeaders.createOptimized("Referrer-Policy");
    private static final CharSequence NO_REFERRER = HttpHeaders.createOptimized("no-referrer");

    static void apply(String path, MultiMap headers) {
        applyCommon(headers);
        String type = headers.get(HttpHeaders.CONTENT_TYPE);
        boolean html = type != null && type.regionMatches(true, 0, "text/html", 0, 9);
        headers.set(CSP, html ? PAGE : DATA);
        if (path != null && (path.startsWith("/api/") || path.startsWith("/miniapp/"))) {
            headers.set(HttpHeaders.CACHE_CONTROL, NO_STORE);
        }
    }

    /** What even an answer written outside the router (a refused connection's 400 or 408) carries. */
    static void applyCommon(MultiMap headers) {
        headers.set(NOSNIFF_NAME, NOSNIFF);
        headers.set(FRAME_NAME, DENY);
        headers.set(REFERRER_NAME, NO_REFERRER);
    }
}
