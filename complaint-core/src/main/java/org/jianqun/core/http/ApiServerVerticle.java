package org.jianqun.core.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one HTTP server of a process (JIANQUN_HTTP_PORT serves every endpoint). It only assembles:
 * the connection guard (framing, deadlines, connection cap: {@link ConnectionGuard}), request ids, security
 * headers, the routes of the modules whose roles run here, and the JSON failure handler.
 * Deployed once per event loop; Vert.x spreads connections across the instances.
 */
public final class ApiServerVerticle extends VerticleBase {
    /** In-flight requests get this long to finish when the process is asked to stop. */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final int port;
    private final List<ApiRoutes> routes;
    private final HttpLimits limits;
    private HttpServer server;
    private BlockingWork blocking;
    private ConnectionGuard guard;

    public ApiServerVerticle(int port, List<ApiRoutes> routes) {
        this(port, routes, HttpLimits.DEFAULTS);
    }

    public ApiServerVerticle(int port, List<ApiRoutes> routes, HttpLimits limits) {
        this.port = port;
        this.routes = List.copyOf(routes);
        this.limits = limits;
    }

    @Override
    public Future<?> start() {
        blocking = new BlockingWork(vertx);
        Router router = Router.router(vertx);
        router.route().handler(RequestIds::handle);
        router.route().handler(SecurityHeaders::handle);
        routes.forEach(r -> r.mount(router, blocking));
        router.route().failureHandler(Responses::failure);
        router.route().last().handler(ctx -> ctx.fail(404));
        HttpServerOptions options = new HttpServerOptions()
                .setPort(port)
                .setHost("0.0.0.0")
                .setMaxHeaderSize(16 * 1024)
                .setDecompressionSupported(false)
                // HTTP/1.1 only: h2c upgrades are a known way past a proxy's rules, and ConnectionGuard's
                // one-exchange-at-a-time deadlines and StrictRequestDecoder are written for HTTP/1.x.
                .setHttp2ClearTextEnabled(false)
                .setIdleTimeout((int) limits.idleTimeout().toMillis())
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        server = vertx.createHttpServer(options);
        guard = new ConnectionGuard(vertx, limits, options);
        guard.install(server, router);
        return server.listen();
    }

    @Override
    public Future<?> stop() {
        if (guard != null) {
            guard.stop();
        }
        Future<Void> shutdown = server == null ? Future.succeededFuture() : server.shutdown(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        return shutdown.onComplete(done -> blocking.close());
    }

    /** The port actually bound (useful with JIANQUN_HTTP_PORT=0 in tests). */
    public int actualPort() {
        return server.actualPort();
    }
}
