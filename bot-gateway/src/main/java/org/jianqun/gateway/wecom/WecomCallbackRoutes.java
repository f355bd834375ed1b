package org.jianqun.gateway.wecom;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.http.ApiRoutes;
import org.jianqun.core.http.BlockingWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET|POST /wecom/callback}: the WeCom app's callback URL.
 * <ul>
 * <li>GET is WeCom's URL check: the decrypted echostr goes back as text/plain.</li>
 * <li>POST is an encrypted event. {@code change_external_chat} updates the group registry before
 * {@code success} is answered; {@code msgaudit_notify} starts a pull from the message archive and is
 * answered at once (the archive keeps the messages and its cursor says where to resume, so there is
 * nothing to lose by answering first; the pull itself may take longer than WeCom's 5 s). Anything else
 * the app receives (members writing to the app itself) is not a group message and is answered and let go.</li>
 * </ul>
 * Refused: 401 bad signature or stale timestamp, 403 sealed for another corp, 400 malformed (not UTF-8,
 * not XML, a DTD or entity, no Encrypt, undecryptable), 413 over 1 MB; 503 + Retry-After when the
 * database is too slow (WeCom retries). Nothing of a refused callback is stored.
 */
public final class WecomCallbackRoutes implements ApiRoutes {
    public static final String PATH = "/wecom/callback";
    public static final int BODY_LIMIT = CallbackXml.MAX_BYTES;
    static final int MAX_IN_FLIGHT = 256;
    /** Under WeCom's 5 s, so a slow store is answered 503 (and retried by WeCom) rather than timed out. */
    static final long STORE_TIMEOUT_MS = 3_000;
    private static final Logger LOG = LoggerFactory.getLogger(WecomCallbackRoutes.class);

    private final WecomCrypt crypt;
    private final WecomGroups groups;
    private final Optional<ArchivePuller> archive;
    private final Consumer<Vertx> onStored;
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * @param archive  the message archive, when configured; without it msgaudit_notify is answered and logged
     * @param onStored told after new messages are durable (wakes the processor)
     */
    public WecomCallbackRoutes(WecomCrypt crypt, WecomGroups groups, Optional<ArchivePuller> archive, Consumer<Vertx> onStored) {
        this.crypt = crypt;
        this.groups = groups;
        this.archive = archive;
        this.onStored = onStored;
    }

    @Override
    public void mount(Router router, BlockingWork blocking) {
        router.get(PATH).handler(this::verifyUrl);
        router.post(PATH)
                .handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT))
                .handler(ctx -> event(ctx, blocking));
    }

    private void verifyUrl(RoutingContext ctx) {
        String echo;
        try {
            echo = crypt.open(param(ctx, "msg_signature"), param(ctx, "timestamp"), param(ctx, "nonce"), base64Param(ctx, "echostr"));
        } catch (CallbackRefused e) {
            ctx.fail(e.answer(PATH));
            return;
        }
        ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(echo);
    }

    private void event(RoutingContext ctx, BlockingWork blocking) {
        Map<String, String> event;
        try {
            byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
            String encrypt = CallbackXml.encryptPart(body);
            event = CallbackXml.fields(crypt.open(param(ctx, "msg_signature"), param(ctx, "timestamp"), param(ctx, "nonce"), encrypt));
        } catch (CallbackRefused e) {
            ctx.fail(e.answer(PATH));
            return;
        }
        String kind = "event".equals(event.get("MsgType")) ? event.getOrDefault("Event", "") : "";
        switch (kind) {
            case "change_external_chat" -> store(ctx, blocking, event);
            case "msgaudit_notify" -> {
                if (archive.isPresent()) {
                    archive.get().trigger(blocking, () -> onStored.accept(ctx.vertx()));
                } else {
                    LOG.warn("msgaudit_notify received but the message archive is not configured (JIANQUN_WECOM_ARCHIVE_LIB)");
                }
                success(ctx);
            }
            default -> success(ctx);
        }
    }

    private void store(RoutingContext ctx, BlockingWork blocking, Map<String, String> event) {
        if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
            inFlight.decrementAndGet();
            pushBack(ctx, "too many events being stored right now");
            return;
        }
        blocking.run(() -> groups.apply(event))
                .timeout(STORE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .onComplete(done -> {
                    inFlight.decrementAndGet();
                    if (done.succeeded()) {
                        success(ctx);
                    } else {
                        pushBack(ctx, "the group registry is slow or down");
                    }
                });
    }

    private static void success(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end("success");
    }

    private static void pushBack(RoutingContext ctx, String why) {
        ctx.response().putHeader("Retry-After", "5");
        ctx.fail(new ApiError(503, "try_again", why + "; WeCom resends the callback"));
    }

    static String param(RoutingContext ctx, String name) {
        return ctx.request().getParam(name);
    }

    /**
     * A base64 query parameter: a '+' that arrived unescaped has been decoded to a space, and base64
     * has no spaces, so it is put back (the signature is over WeCom's string, not the decoding's).
     */
    static String base64Param(RoutingContext ctx, String name) {
        String value = ctx.request().getParam(name);
        return value == null ? null : value.replace(' ', '+');
    }
}
