package org.jianqun.gateway.bridge;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.http.ApiRoutes;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.gateway.inbox.Inbox;
import org.jianqun.gateway.inbox.InboundMessage;

/**
 * {@code POST /bridge/v1/messages}: a signed message from a bridge (or the simulator). Answered 200
 * {@code {"accepted":true,"duplicate":bool}} only once the message is in the inbox; 401 for a bad
 * or stale signature, 400 naming the bad field, 413 over 1 MB, and 503 with Retry-After when the
 * database is too slow to take more now — the bridge resends later and nothing is dropped.
 */
public final class BridgeRoutes implements ApiRoutes {
    public static final int BODY_LIMIT = 1024 * 1024;
    /** Longer than this for a store and the caller is told to come back; the store itself still completes. */
    public static final long STORE_TIMEOUT_MS = 3_000;
    // The two answers are constants: encoding a fresh JsonObject per message was a measurable share of the event loop.
    private static final String ACCEPTED = new JsonObject().put("accepted", true).put("duplicate", false).encode();
    private static final String DUPLICATE = new JsonObject().put("accepted", true).put("duplicate", true).encode();
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json; charset=utf-8");

    private final BridgeSignature signature;
    private final Inbox inbox;
    private final Consumer<Vertx> onStored;

    /** @param onStored told after each new message is durable (wakes the processor) */
    public BridgeRoutes(BridgeSignature signature, Inbox inbox, Consumer<Vertx> onStored) {
        this.signature = signature;
        this.inbox = inbox;
        this.onStored = onStored;
    }

    @Override
    public void mount(Router router, BlockingWork blocking) {
        router.post("/bridge/v1/messages")
                .handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT))
                .handler(this::authentic)
                .handler(this::accept);
    }

    private void authentic(RoutingContext ctx) {
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        String problem = signature.problem(ctx.request().getHeader(BridgeSignature.TIMESTAMP_HEADER),
                ctx.request().getHeader(BridgeSignature.SIGNATURE_HEADER), body);
        if (problem != null) {
            ctx.fail(new ApiError(401, "bad_signature", problem));
            return;
        }
        ctx.next();
    }

    private void accept(RoutingContext ctx) {
        InboundMessage message;
        try {
            message = BridgeMessageReader.read(ctx.body().buffer().getBytes());
        } catch (BridgeMessageReader.Rejected e) {
            ctx.fail(new ApiError(400, "bad_request", e.getMessage(), new JsonObject().put("field", e.field())));
            return;
        }
        // Group-committed by the inbox's writer: no worker thread waits per message, and a full queue says no at once.
        Future.fromCompletionStage(inbox.storeAsync(message), ctx.vertx().getOrCreateContext())
                .timeout(STORE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .onComplete(done -> {
                    if (done.succeeded()) {
                        if (done.result()) {
                            onStored.accept(ctx.vertx());
                        }
                        answer(ctx, done.result() ? ACCEPTED : DUPLICATE);
                    } else {
                        pushBack(ctx, done.cause() instanceof Inbox.Full ? "too many messages waiting to be stored"
                                : "the message store is slow or down");
                    }
                });
    }

    private static void answer(RoutingContext ctx, String body) {
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(body);
        }
    }

    private static void pushBack(RoutingContext ctx, String why) {
        ctx.response().putHeader("Retry-After", "5");
        ctx.fail(new ApiError(503, "try_again", why + "; resend the same message (same messageId) after Retry-After seconds"));
    }
}
