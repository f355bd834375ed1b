package org.jianqun.gateway.aibot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.http.ApiRoutes;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.gateway.inbox.Inbox;
import org.jianqun.gateway.wecom.CallbackRefused;
import org.jianqun.gateway.wecom.CallbackXml;
import org.jianqun.gateway.wecom.WecomCrypt;

/**
 * {@code GET|POST /wecom/aibot}: WeCom's intelligent robot (智能机器人, API mode). The same
 * WXBizMsgCrypt as the app callback, with JSON instead of XML ({@code {"encrypt":"…"}}) and, per the
 * robot's documentation, an empty receive-id. GET answers the decrypted echostr; POST stores an
 * @-mention in a group (with its response_url) in the inbox and then answers 200 with an empty body,
 * which the robot takes as "no passive reply": the answer goes later, through the response_url. Refusals
 * as on {@code /wecom/callback}: 401, 403, 400, 413, and 503 + Retry-After when the store is slow.
 */
public final class AibotRoutes implements ApiRoutes {
    public static final String PATH = "/wecom/aibot";
    static final long STORE_TIMEOUT_MS = 3_000;
    static final int MAX_ENVELOPE_DEPTH = 4;
    private static final JsonFactory ENVELOPE = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_ENVELOPE_DEPTH).maxStringLength(CallbackXml.MAX_BYTES).build())
            .build();

    private final WecomCrypt crypt;
    private final Inbox inbox;
    private final URI apiBase;
    private final Clock clock;
    private final Consumer<Vertx> onStored;

    /**
     * @param crypt    built with the robot's token and key and receive-id {@code ""}
     * @param apiBase  WeCom's API base: response_urls are only kept when they point there
     * @param onStored told after each new message is durable (wakes the processor)
     */
    public AibotRoutes(WecomCrypt crypt, Inbox inbox, URI apiBase, Clock clock, Consumer<Vertx> onStored) {
        this.crypt = crypt;
        this.inbox = inbox;
        this.apiBase = apiBase;
        this.clock = clock;
        this.onStored = onStored;
    }

    @Override
    public void mount(Router router, BlockingWork blocking) {
        router.get(PATH).handler(this::verifyUrl);
        router.post(PATH)
                .handler(BodyHandler.create(false).setBodyLimit(CallbackXml.MAX_BYTES))
                .handler(ctx -> message(ctx, blocking));
    }

    private void verifyUrl(RoutingContext ctx) {
        String echo;
        try {
            String echostr = ctx.request().getParam("echostr");
            echo = crypt.open(ctx.request().getParam("msg_signature"), ctx.request().getParam("timestamp"), ctx.request().getParam("nonce"),
                    echostr == null ? null : echostr.replace(' ', '+'));
        } catch (CallbackRefused e) {
            ctx.fail(e.answer(PATH));
            return;
        }
        ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(echo);
    }

    private void message(RoutingContext ctx, BlockingWork blocking) {
        AibotMessageReader.Mention mention;
        try {
            byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
            String plaintext = crypt.open(ctx.request().getParam("msg_signature"), ctx.request().getParam("timestamp"),
                    ctx.request().getParam("nonce"), encryptPart(CallbackXml.utf8(body)));
            mention = AibotMessageReader.read(plaintext, apiBase, clock.instant());
        } catch (CallbackRefused e) {
            ctx.fail(e.answer(PATH));
            return;
        }
        if (mention == null) {
            ctx.response().end();
            return;
        }
        // The message and its response_url go into the group-committed inbox in one row: were they written
        // apart, the message could be processed and its answer held for want of a url in between.
        Future.fromCompletionStage(inbox.storeAsync(mention.message()), ctx.vertx().getOrCreateContext())
                .timeout(STORE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .onComplete(done -> {
                    if (done.failed()) {
                        pushBack(ctx, done.cause() instanceof Inbox.Full ? "too many messages waiting to be stored"
                                : "the message store is slow or down");
                        return;
                    }
                    if (done.result()) {
                        onStored.accept(ctx.vertx());
                    }
                    ctx.response().end();
                });
    }

    /**
     * The envelope's {@code encrypt}, read before anything is authenticated: a streaming parser builds no tree
     * and never recurses, and nesting past {@link #MAX_ENVELOPE_DEPTH} (the envelope is flat) stops it at once.
     * Only the decrypted, signed message reaches a JsonObject.
     */
    static String encryptPart(String body) {
        String encrypt = null;
        try (JsonParser parser = ENVELOPE.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new CallbackRefused(CallbackRefused.Reason.MALFORMED, "the body is not a JSON object");
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("encrypt".equals(name) && value == JsonToken.VALUE_STRING && encrypt == null) {
                    encrypt = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new CallbackRefused(CallbackRefused.Reason.MALFORMED, "the body is not one JSON object");
            }
        } catch (IOException e) {
            throw new CallbackRefused(CallbackRefused.Reason.MALFORMED, "the body is not a JSON object (or nests deeper than "
                    + MAX_ENVELOPE_DEPTH + ")");
        }
        if (encrypt == null || encrypt.isBlank()) {
            throw new CallbackRefused(CallbackRefused.Reason.MALFORMED, "the body has no encrypt field");
        }
        return encrypt;
    }

    private static void pushBack(RoutingContext ctx, String why) {
        ctx.response().putHeader("Retry-After", "5");
        ctx.fail(new ApiError(503, "try_again", why + "; WeCom resends the callback"));
    }
}
