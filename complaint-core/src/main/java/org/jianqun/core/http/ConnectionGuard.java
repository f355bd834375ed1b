package org.jianqun.core.http;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.shareddata.Shareable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/**
 * What the HTTP server asks of every connection before a route sees it (one per server instance, confined to
 * its event loop):
 * <ul>
 * <li>at most {@link HttpLimits#maxConnections} open in the process (counted across the instances);</li>
 * <li>framing checked by {@link StrictRequestDecoder} (smuggling), and a request Netty cannot read answered
 * with a JSON error and the connection closed;</li>
 * <li>deadlines Vert.x's idle timeout cannot give, since a trickle of one byte a second is never idle: the
 * headers within {@link HttpLimits#headerTimeout} of the connection opening or of the previous answer (else
 * closed), the body within {@link HttpLimits#bodyTimeout} plus a second per {@link HttpLimits#minBodyBytesPerSecond}
 * received (else 408 and closed). One periodic sweep per event loop checks them all, rather than a timer per
 * connection and phase.</li>
 * </ul>
 * While a handler works on a request that is fully read no deadline of ours runs; the idle timeout stays the backstop.
 */
final class ConnectionGuard {
    private static final BoundedLog REFUSED = new BoundedLog(LoggerFactory.getLogger("jianqun.http.refused"), 5, Duration.ofSeconds(10), 300);
    private static final String COUNTER = "jianqun.http.open-connections";

    /** The process's count of open connections, shared by the server instances through Vert.x's local map. */
    private static final class OpenConnections implements Shareable {
        final AtomicInteger count = new AtomicInteger();
    }

    /** One connection and where it is: waiting for headers ({@code request == null}) or in an exchange. */
    private static final class Watched {
        final HttpConnection connection;
        HttpServerRequest request;
        long since;

        Watched(HttpConnection connection, long since) {
            this.connection = connection;
            this.since = since;
        }
    }

    private final Vertx vertx;
    private final HttpLimits limits;
    private final HttpServerOptions options;
    private final AtomicInteger open;
    private final Map<HttpConnection, Watched> watched = new HashMap<>();
    private long sweepTimer = -1;

    ConnectionGuard(Vertx vertx, HttpLimits limits, HttpServerOptions options) {
        this.vertx = vertx;
        this.limits = limits;
        this.options = options;
        this.open = vertx.sharedData().<String, OpenConnections>getLocalMap(COUNTER).computeIfAbsent(COUNTER, k -> new OpenConnections()).count;
    }

    /** Hooks the guard into {@code server}, in front of {@code requests}. */
    void install(HttpServer server, Handler<HttpServerRequest> requests) {
        server.connectionHandler(this::opened)
                .invalidRequestHandler(ConnectionGuard::unreadable)
                .requestHandler(request -> {
                    Watched w = watched.get(request.connection());
                    if (w != null) {
                        w.request = request;
                        w.since = System.nanoTime();
                    }
                    requests.handle(request);
                });
        long tick = Math.max(20, Math.min(1_000, Math.min(limits.headerTimeout().toMillis(), limits.bodyTimeout().toMillis()) / 10));
        sweepTimer = vertx.setPeriodic(tick, id -> sweep());
    }

    void stop() {
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
    }

    private void opened(HttpConnection connection) {
        if (open.incrementAndGet() > limits.maxConnections()) {
            open.decrementAndGet();
            REFUSED.warn("refused a connection: " + limits.maxConnections() + " are open already");
            connection.close();
            return;
        }
        if (!StrictRequestDecoder.install(connection, options)) {
            open.decrementAndGet();
            REFUSED.error("refused a connection: its HTTP decoder is not the one StrictRequestDecoder replaces (Vert.x changed?)");
            connection.close();
            return;
        }
        watched.put(connection, new Watched(connection, System.nanoTime()));
        connection.closeHandler(v -> {
            open.decrementAndGet();
            watched.remove(connection);
        });
    }

    private void sweep() {
        long now = System.nanoTime();
        List<Watched> idle = new ArrayList<>();
        List<Watched> slow = new ArrayList<>();
        for (Watched w : watched.values()) {
            if (w.request != null && w.request.response().ended()) {
                w.request = null; // answered: the next request's headers are awaited from now on
                w.since = now;
            }
            if (w.request == null) {
                if (now - w.since > limits.headerTimeout().toNanos()) {
                    idle.add(w);
                }
            } else if (!w.request.isEnded()) {
                long allowed = limits.bodyTimeout().toNanos() + w.request.bytesRead() * 1_000_000_000L / limits.minBodyBytesPerSecond();
                if (now - w.since > allowed) {
                    slow.add(w);
                }
            }
        }
        idle.forEach(w -> w.connection.close());
        for (Watched w : slow) {
            watched.remove(w.connection);
            refuse(w.request, 408, "request_timeout", "the request body did not arrive in time");
        }
    }

    /** What Netty could not read as an HTTP/1.1 request, or refused as ambiguous: a JSON error, then the connection closes. */
    private static void unreadable(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        if (cause instanceof TooLongHttpLineException) {
            refuse(request, 414, "uri_too_long", "the request line is too long");
        } else if (cause instanceof TooLongHttpHeaderException) {
            refuse(request, 431, "headers_too_large", "the request headers are too large");
        } else if (cause instanceof StrictRequestDecoder.AmbiguousFraming framing) {
            REFUSED.warn("refused a request: " + framing.getMessage());
            refuse(request, 400, "bad_request", framing.getMessage() + " (RFC 9112 §6.1)");
        } else {
            refuse(request, 400, "bad_request", "the request is not well-formed HTTP/1.1");
        }
    }

    private static void refuse(HttpServerRequest request, int status, String code, String message) {
        HttpServerResponse response = request.response();
        if (response.headWritten()) {
            request.connection().close();
            return;
        }
        SecurityHeaders.applyCommon(response.headers());
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Connection", "close")
                .end(new ApiError(status, code, message).toJson().encode())
                .onComplete(done -> request.connection().close());
    }
}
