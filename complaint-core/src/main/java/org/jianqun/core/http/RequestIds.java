package org.jianqun.core.http;

import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} if it is sane, else a new one), echoes
 * it, and writes one access-log line per request with the id in the MDC, so the JSON log lines of
 * one request can be found together. The MDC is set only around our own log calls: on an event loop
 * a thread serves many requests at once.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    private static final String KEY = "requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Logger ACCESS = LoggerFactory.getLogger("jianqun.access");
    /** Bounded: a failure an outsider can trigger at will must not let them fill the disk (see BoundedLog). */
    private static final BoundedLog ERRORS = new BoundedLog(LoggerFactory.getLogger("jianqun.errors"), 20, Duration.ofSeconds(10), 8_000);

    private RequestIds() {
    }

    public static void handle(RoutingContext ctx) {
        String incoming = ctx.request().getHeader(HEADER);
        String id = incoming != null && SANE.matcher(incoming).matches() ? incoming : newId();
        ctx.put(KEY, id);
        ctx.response().putHeader(HEADER, id);
        long start = System.nanoTime();
        ctx.addEndHandler(done -> {
            if (ACCESS.isInfoEnabled()) {
                MDC.put(KEY, id);
                try {
                    ACCESS.info("{} {} {} {}ms", ctx.request().method(), ctx.request().path(),
                            ctx.response().getStatusCode(), (System.nanoTime() - start) / 1_000_000);
                } finally {
                    MDC.remove(KEY);
                }
            }
        });
        ctx.next();
    }

    /**
     * A random (version 4) UUID from ThreadLocalRandom: a request id only has to be unique, not
     * unguessable, and UUID.randomUUID's SecureRandom takes a lock shared by the event loops and reads
     * the kernel's random device every few requests.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    public static String of(RoutingContext ctx) {
        String id = ctx.get(KEY);
        return id == null ? "-" : id;
    }

    static void logError(RoutingContext ctx, Throwable failure) {
        MDC.put(KEY, of(ctx));
        try {
            ERRORS.error(ctx.request().method() + " " + BoundedLog.clip(ctx.request().path(), 200) + " failed: " + BoundedLog.describe(failure, 20));
        } finally {
            MDC.remove(KEY);
        }
    }
}
