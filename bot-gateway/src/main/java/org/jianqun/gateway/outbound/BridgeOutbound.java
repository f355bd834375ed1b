package org.jianqun.gateway.outbound;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jianqun.gateway.bridge.BridgeSignature;

/**
 * Posts a message into a group through the bridge (DESIGN.md): {@code {"deliveryId","groupId",
 * "type":"text","text"}} (or an image, {@link #sendImage}) to JIANQUN_BRIDGE_OUTBOUND_URL, signed like inbound messages. The bridge
 * de-duplicates on deliveryId, so a retry after a lost answer is harmless. Asynchronous: no thread
 * waits on a request (the JDK client's selector does), so a hundred sends in flight cost no hundred
 * threads; each has its own timeout.
 */
public final class BridgeOutbound {
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    static final Duration CONNECT_WITHIN = Duration.ofSeconds(5);

    private final URI url;
    private final BridgeSignature signature;
    private final Duration answerWithin;
    private final HttpClient http;

    public BridgeOutbound(URI url, BridgeSignature signature) {
        this(url, signature, ANSWER_WITHIN);
    }

    /** @param answerWithin how long one delivery may wait for the bridge's answer before it counts as unanswered (retried) */
    public BridgeOutbound(URI url, BridgeSignature signature, Duration answerWithin) {
        this.url = url;
        this.signature = signature;
        this.answerWithin = answerWithin;
        // The client's own threads only hand answers on; two daemons are plenty and never outlive the process.
        ExecutorService handoff = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "jianqun-bridge-out");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_WITHIN).executor(handoff).build();
    }

    /** Sends one delivery; the future always completes (never exceptionally) with how it went. */
    public CompletableFuture<Delivery> send(String deliveryId, String groupId, String text) {
        return post(new JsonObject().put("deliveryId", deliveryId).put("groupId", groupId).put("type", "text").put("text", text));
    }

    /**
     * Sends an image (the monthly disclosure's details, a PNG) as one delivery: {@code {"deliveryId","groupId","type":"image",
     * "image":{"base64","md5","mime":"image/png"}}}, md5 the lowercase hex of the bytes so the bridge can check them.
     */
    public CompletableFuture<Delivery> sendImage(String deliveryId, String groupId, PushImage png) {
        return post(new JsonObject().put("deliveryId", deliveryId).put("groupId", groupId).put("type", "image")
                .put("image", new JsonObject().put("base64", png.base64()).put("md5", png.md5()).put("mime", "image/png")));
    }

    private CompletableFuture<Delivery> post(JsonObject message) {
        byte[] body = message.encode().getBytes(StandardCharsets.UTF_8);
        String timestamp = signature.timestampNow();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(answerWithin)
                .header("Content-Type", "application/json")
                .header(BridgeSignature.TIMESTAMP_HEADER, timestamp)
                .header(BridgeSignature.SIGNATURE_HEADER, signature.sign(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .handle((response, failure) -> failure == null ? judged(response.statusCode()) : unanswered(failure));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(new Delivery.Retry("bridge unreachable: " + e.getClass().getSimpleName()));
        }
    }

    private static Delivery judged(int status) {
        if (status / 100 == 2) {
            return new Delivery.Sent();
        }
        if (status == 429 || status / 100 == 5) {
            return new Delivery.Retry("bridge answered " + status);
        }
        return new Delivery.Failed("bridge refused it with " + status);
    }

    private Delivery unanswered(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpTimeoutException && !(cause instanceof HttpConnectTimeoutException)) {
            return new Delivery.Retry("bridge did not answer within " + answerWithin.toSeconds() + " s");
        }
        return new Delivery.Retry("bridge unreachable: " + (cause instanceof IOException ? cause.getClass().getSimpleName() : "error"));
    }
}
