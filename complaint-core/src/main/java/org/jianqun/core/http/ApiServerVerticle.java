package org.jianqun.core.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.List;

/**
 * The one HTTP server of a process (JIANQUN_HTTP_PORT serves every endpoint). It only assembles:
 * request ids, the routes of the modules whose roles run here, and the JSON failure handler.
 * Deployed once per event loop; Vert.x spreads connections across the instances.
 */
public final class ApiServerVerticle extends VerticleBase {
    /** In-flight requests get this long to finish when the process is asked to stop. */
    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final int port;
    private final List<ApiRoutes> routes;
    private HttpServer server;
    private BlockingWork blocking;

    public ApiServerVerticle(int port, List<ApiRoutes> routes) {
        this.port = port;
        this.routes = List.copyOf(routes);
    }

    @Override
    public Future<?> start() {
        blocking = new BlockingWork(vertx);
        Router router = Router.router(vertx);
        router.route().handler(RequestIds::handle);
        routes.forEach(r -> r.mount(router, blocking));
        router.route().failureHandler(Responses::failure);
        router.route().last().handler(ctx -> ctx.fail(404));
        server = vertx.createHttpServer(new HttpServerOptions()
                .setPort(port)
                .setHost("0.0.0.0")
                .setMaxHeaderSize(16 * 1024)
                .setDecompressionSupported(false));
        return server.requestHandler(router).listen();
    }

    @Override
    public Future<?> stop() {
        Future<Void> shutdown = server == null ? Future.succeededFuture() : server.shutdown(SHUTDOWN_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return shutdown.onComplete(done -> blocking.close());
    }

    /** The port actually bound (useful with JIANQUN_HTTP_PORT=0 in tests). */
    public int actualPort() {
        return server.actualPort();
    }
}
