package org.jianqun.console.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.http.ApiRoutes;
import org.jianqun.core.http.BlockingWork;

/**
 * The officers' web console at {@code /console/}: the pages Vite built into this module's classes
 * ({@value #WEB_ROOT} on the classpath, so the jar carries them and nothing is fetched at run time).
 *
 * <ul>
 * <li>{@code /} and {@code /console} redirect to {@code /console/}.</li>
 * <li>{@code /console/assets/*}: files whose names carry their content hash, cached for a year ({@code immutable}).</li>
 * <li>{@code /console/}, and every path of the page's own router ({@code /console/tickets/12}, no file extension):
 *     {@code index.html}, never cached, so a new build is seen at the next load.</li>
 * </ul>
 * The page's Content-Security-Policy comes from core's {@code SecurityHeaders} (scripts from this origin only, no
 * inline script). Without a build of the pages (the Maven build makes one) the console answers 503 saying so.
 */
public final class ConsoleWebRoutes implements ApiRoutes {
    public static final String WEB_ROOT = "jianqun-console";
    public static final String BASE = "/console/";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";

    private final Optional<Buffer> index;

    public ConsoleWebRoutes() {
        this.index = readIndex();
    }

    private static Optional<Buffer> readIndex() {
        try (InputStream in = ConsoleWebRoutes.class.getClassLoader().getResourceAsStream(WEB_ROOT + "/index.html")) {
            return in == null ? Optional.empty() : Optional.of(Buffer.buffer(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's index.html from the classpath", e);
        }
    }

    /** Whether the pages were built into this jar. */
    public boolean built() {
        return index.isPresent();
    }

    @Override
    public void mount(Router router, BlockingWork blocking) {
        router.get("/").handler(ctx -> redirect(ctx));
        // A route path matches with or without its trailing slash: one handler tells the two apart.
        router.get("/console").handler(ctx -> {
            if (ctx.request().path().endsWith("/")) {
                page(ctx);
            } else {
                redirect(ctx);
            }
        });
        router.get(BASE + "assets/*").handler(ctx -> {
            ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, IMMUTABLE);
            ctx.next();
        });
        router.get(BASE + "*").handler(StaticHandler.create(WEB_ROOT)
                .setCachingEnabled(false)
                .setDirectoryListing(false)
                .setIncludeHidden(false)
                .setDefaultContentEncoding("UTF-8")
                .setIndexPage("index.html"));
        // Not a file: a path of the page's own router, answered with the page, which then shows it.
        router.get(BASE + "*").handler(ctx -> {
            String path = ctx.normalizedPath();
            String last = path.substring(path.lastIndexOf('/') + 1);
            if (last.contains(".") || path.startsWith(BASE + "assets/")) {
                ctx.response().headers().remove(HttpHeaders.CACHE_CONTROL);
                ctx.next();
                return;
            }
            page(ctx);
        });
    }

    private static void redirect(RoutingContext ctx) {
        ctx.response().setStatusCode(302).putHeader(HttpHeaders.LOCATION, BASE).end();
    }

    private void page(RoutingContext ctx) {
        if (index.isEmpty()) {
            ctx.fail(new ApiError(503, "console_not_built",
                    "工作台页面未构建：请用 Maven 构建 console-api（需要 Node.js 与 npm），或运行 ./scripts/run"));
            return;
        }
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, REVALIDATE)
                .end(index.get());
    }
}
