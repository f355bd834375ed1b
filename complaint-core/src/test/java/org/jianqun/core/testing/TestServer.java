package org.jianqun.core.testing;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jianqun.core.http.ApiRoutes;
import org.jianqun.core.http.ApiServerVerticle;
import org.jianqun.core.http.HttpLimits;

/** Deploys the HTTP verticle with the given routes on a free port and speaks real HTTP to it. */
public final class TestServer implements AutoCloseable {
    private final Vertx vertx;
    private final int port;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(Vertx vertx, int port) {
        this.vertx = vertx;
        this.port = port;
    }

    public static TestServer start(List<ApiRoutes> routes) {
        return start(routes, HttpLimits.DEFAULTS);
    }

    public static TestServer start(List<ApiRoutes> routes, HttpLimits limits) {
        Vertx vertx = Vertx.vertx();
        int port = freePort();
        try {
            vertx.deployVerticle(new ApiServerVerticle(port, routes, limits)).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException(e);
        }
        return new TestServer(vertx, port);
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Reply(int status, String body, HttpResponse<String> raw) {
        public JsonObject json() {
            return new JsonObject(body);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public Reply get(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET().timeout(Duration.ofSeconds(20));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    public Reply post(String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b.build());
    }

    public Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r;
            try {
                r = client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException closedUnderUs) {
                // A pooled connection the server hung up on (it does after a 413): once more on a fresh one.
                r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            }
            return new Reply(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    /** Logs in through {@code POST /api/v1/auth/login} and returns the bearer token (fails the test otherwise). */
    public String login(String username, String password) {
        Reply reply = post("/api/v1/auth/login", null, "application/json",
                new JsonObject().put("username", username).put("password", password).encode().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (reply.status() != 200) {
            throw new IllegalStateException("login of " + username + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.json().getString("token");
    }

    /**
     * Declares a body of {@code declaredLength} bytes, sends {@code sentBytes} of it over a raw socket (the JDK
     * client refuses to lie about lengths), and returns whatever the server answered before hanging up.
     */
    public String rawPost(String path, String token, String contentType, long declaredLength, int sentBytes) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\nContent-Type: "
                    + contentType + "\r\nContent-Length: " + declaredLength + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            try {
                out.write(new byte[sentBytes]);
                out.flush();
            } catch (IOException closedEarly) {
                // the server may hang up before we finish: that is what is being tested
            }
            java.io.InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            byte[] buffer = new byte[4096];
            try {
                for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                    answer.append(new String(buffer, 0, n, java.nio.charset.StandardCharsets.UTF_8));
                }
            } catch (java.net.SocketTimeoutException | java.net.SocketException stopped) {
                // whatever arrived is the answer
            }
            return answer.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
