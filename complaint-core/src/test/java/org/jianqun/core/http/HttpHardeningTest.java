package org.jianqun.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jianqun.core.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server as an attacker meets it, over raw sockets: ambiguous framing (request smuggling), stalled
 * headers and trickled bodies, too many connections, and the security headers every answer carries.
 */
class HttpHardeningTest {
    private static final Duration SHORT = Duration.ofMillis(600);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<TestServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(TestServer::close);
    }

    private TestServer server(HttpLimits limits) {
        ApiRoutes routes = (router, blocking) -> {
            router.post("/echo").handler(BodyHandler.create(false).setBodyLimit(1024 * 1024))
                    .handler(ctx -> Responses.json(ctx, 200, new JsonObject().put("bytes", ctx.body().length())));
            router.get("/api/v1/thing").handler(ctx -> Responses.json(ctx, 200, new JsonObject().put("secret", "personal")));
            router.get("/page").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end("<p>hi</p>"));
            router.get("/boom").handler(ctx -> ctx.response().end(String.valueOf(recurse(0))));
        };
        TestServer server = TestServer.start(List.of(routes), limits);
        servers.add(server);
        return server;
    }

    private static int recurse(int n) {
        return recurse(n + 1) + 1;
    }

    private TestServer server() {
        return server(HttpLimits.DEFAULTS);
    }

    @Test
    void contentLengthWithTransferEncodingIsRefusedAndTheHiddenRequestNeverServed() {
        TestServer server = server();
        try (RawHttp raw = new RawHttp(server.port())) {
            RawHttp.Answer answer = raw.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "0\r\n\r\nGET /api/v1/thing HTTP/1.1\r\nHost: x\r\n\r\n").readUntilClosed(WAIT);
            assertThat(answer.closedByServer()).isTrue();
            assertThat(answer.text()).startsWith("HTTP/1.1 400").contains("\"error\":\"bad_request\"").contains("Transfer-Encoding");
            assertThat(answer.responses()).isEqualTo(1);
            assertThat(answer.text()).doesNotContain("personal");
        }
    }

    @Test
    void aTransferCodingOtherThanChunkedIsRefused() {
        TestServer server = server();
        for (String coding : List.of("xchunked", "chunked, chunked", "gzip, chunked", "chunked\r\nTransfer-Encoding: chunked")) {
            try (RawHttp raw = new RawHttp(server.port())) {
                RawHttp.Answer answer = raw.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + coding + "\r\n\r\n"
                        + "0\r\n\r\nGET /api/v1/thing HTTP/1.1\r\nHost: x\r\n\r\n").readUntilClosed(WAIT);
                assertThat(answer.closedByServer()).as(coding).isTrue();
                assertThat(answer.text()).as(coding).startsWith("HTTP/1.1 400");
                assertThat(answer.responses()).as(coding).isEqualTo(1);
            }
        }
        try (RawHttp raw = new RawHttp(server.port())) {
            RawHttp.Answer answer = raw.send("POST /echo HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n").readUntilClosed(WAIT);
            assertThat(answer.text()).startsWith("HTTP/1.0 400");
        }
    }

    @Test
    void aPlainChunkedBodyStillWorks() {
        TestServer server = server();
        try (RawHttp raw = new RawHttp(server.port())) {
            RawHttp.Answer answer = raw.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                    + "5\r\nhello\r\n0\r\n\r\n").readUntilClosed(WAIT);
            assertThat(answer.text()).startsWith("HTTP/1.1 200").contains("{\"bytes\":5}");
        }
    }

    @Test
    void headersThatNeverFinishAreCutOff() {
        TestServer server = server(HttpLimits.DEFAULTS.withTimeouts(SHORT, Duration.ofSeconds(30), Duration.ofMinutes(5)));
        try (RawHttp raw = new RawHttp(server.port())) {
            RawHttp.Answer answer = raw.send("GET /api/v1/thing HTTP/1.1\r\nHost: x\r\nX-Half: ").readUntilClosed(WAIT);
            assertThat(answer.closedByServer()).isTrue();
            assertThat(answer.text()).isEmpty();
        }
        // an idle keep-alive connection goes the same way once its answer is out
        try (RawHttp raw = new RawHttp(server.port())) {
            RawHttp.Answer answer = raw.send("GET /api/v1/thing HTTP/1.1\r\nHost: x\r\n\r\n").readUntilClosed(WAIT);
            assertThat(answer.closedByServer()).isTrue();
            assertThat(answer.text()).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aTrickledBodyIsAnswered408AndClosed() {
        TestServer server = server(HttpLimits.DEFAULTS.withTimeouts(Duration.ofSeconds(30), SHORT, Duration.ofMinutes(5)));
        try (RawHttp raw = new RawHttp(server.port())) {
            raw.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n");
            long deadline = System.nanoTime() + WAIT.toNanos();
            boolean open = true;
            while (open && System.nanoTime() < deadline) {
                open = raw.trySend("x");
                RawHttp.Answer partial = raw.readUntilClosed(Duration.ofMillis(100));
                if (partial.closedByServer() || !partial.text().isEmpty()) {
                    assertThat(partial.text()).startsWith("HTTP/1.1 408").contains("\"error\":\"request_timeout\"");
                    return;
                }
            }
            throw new AssertionError("a body trickled for " + WAIT.toSeconds() + " s was never cut off");
        }
    }

    @Test
    void connectionsOverTheCapAreClosedAtOnce() {
        TestServer server = server(HttpLimits.DEFAULTS.withMaxConnections(2));
        try (RawHttp first = new RawHttp(server.port()); RawHttp second = new RawHttp(server.port())) {
            first.send("GET /api/v1/thing HTTP/1.1\r\nHost: x\r\n\r\n");
            second.send("GET /api/v1/thing HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(first.readUntilClosed(Duration.ofMillis(500)).text()).startsWith("HTTP/1.1 200");
            assertThat(second.readUntilClosed(Duration.ofMillis(500)).text()).startsWith("HTTP/1.1 200");
            try (RawHttp third = new RawHttp(server.port())) {
                third.trySend("GET /api/v1/thing HTTP/1.1\r\nHost: x\r\n\r\n");
                RawHttp.Answer answer = third.readUntilClosed(WAIT);
                assertThat(answer.closedByServer()).isTrue();
                assertThat(answer.text()).isEmpty();
            }
        }
    }

    @Test
    void everyAnswerCarriesSecurityHeaders() {
        TestServer server = server();
        TestServer.Reply page = server.get("/page", null);
        assertThat(page.header("Content-Security-Policy")).isEqualTo(SecurityHeaders.PAGE_POLICY).contains("frame-ancestors 'none'");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("Cache-Control")).isNull();

        TestServer.Reply api = server.get("/api/v1/thing", null);
        assertThat(api.header("Cache-Control")).isEqualTo("no-store");
        assertThat(api.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(api.header("Content-Security-Policy")).isEqualTo(SecurityHeaders.DATA_POLICY);

        TestServer.Reply missing = server.get("/api/v1/nothing-here", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Cache-Control")).isEqualTo("no-store");
        assertThat(server.get("/miniapp/v1/x", null).header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void anUnexpectedFailureIsLoggedAsOneBoundedLine() {
        Logger errors = (Logger) LoggerFactory.getLogger("jianqun.errors");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        errors.addAppender(lines);
        try {
            TestServer server = server();
            for (int i = 0; i < 50; i++) {
                assertThat(server.get("/boom", null).status()).isEqualTo(500);
            }
        } finally {
            errors.detachAppender(lines);
        }
        assertThat(lines.list).isNotEmpty().hasSizeLessThanOrEqualTo(20);
        for (ILoggingEvent line : lines.list) {
            assertThat(line.getThrowableProxy()).isNull();
            assertThat(line.getFormattedMessage()).contains("StackOverflowError").hasSizeLessThan(10_000);
        }
    }
}
