package org.jianqun.gateway.outbound;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jianqun.gateway.bridge.BridgeSignature;

/**
 * Posts a message into a group through the bridge (DESIGN.md): {@code {"deliveryId","groupId",
 * "type":"text","text"}} to JIANQUN_BRIDGE_OUTBOUND_URL, signed like inbound messages. The bridge
 * de-duplicates on deliveryId, so a retry after a lost answer is harmless. Blocking: run on a worker.
 */
public final class BridgeOutbound {
    private final URI url;
    private final BridgeSignature signature;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public BridgeOutbound(URI url, BridgeSignature signature) {
        this.url = url;
        this.signature = signature;
    }

    public Delivery send(String deliveryId, String groupId, String text) {
        byte[] body = new JsonObject().put("deliveryId", deliveryId).put("groupId", groupId).put("type", "text").put("text", text)
                .encode().getBytes(StandardCharsets.UTF_8);
        String timestamp = signature.timestampNow();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header(BridgeSignature.TIMESTAMP_HEADER, timestamp)
                .header(BridgeSignature.SIGNATURE_HEADER, signature.sign(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                return new Delivery.Sent();
            }
            if (status == 429 || status / 100 == 5) {
                return new Delivery.Retry("bridge answered " + status);
            }
            return new Delivery.Failed("bridge refused it with " + status);
        } catch (IOException e) {
            return new Delivery.Retry("bridge unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery.Retry("interrupted");
        }
    }
}
