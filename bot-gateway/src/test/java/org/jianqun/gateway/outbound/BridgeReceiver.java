package org.jianqun.gateway.outbound;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jianqun.gateway.bridge.BridgeSignature;

/**
 * A bridge's receiving end for tests: a real HTTP server on loopback that checks each delivery's
 * signature, keeps each delivery id once (as a bridge must), and can be told to fail the next calls,
 * or to take a group's deliveries and never answer them (a phone that hangs). Requests are served
 * concurrently, as a real bridge would.
 */
public final class BridgeReceiver implements AutoCloseable {
    private final HttpServer server;
    private final BridgeSignature signature;
    private final Map<String, JsonObject> deliveries = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicInteger failNextImages = new AtomicInteger();
    /** Every signed post as "<deliveryId> <type> <status answered>", duplicates and refusals included, in order. */
    private final List<String> arrivals = Collections.synchronizedList(new ArrayList<>());
    private volatile int failWith = 503;
    private final AtomicInteger badSignatures = new AtomicInteger();
    private volatile Consumer<String> onDelivery = id -> { };
    private final Set<String> hanging = ConcurrentHashMap.newKeySet();
    private final List<String> unanswered = Collections.synchronizedList(new ArrayList<>());
    private final List<HttpExchange> held = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService handlers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "bridge-receiver");
        t.setDaemon(true);
        return t;
    });

    public BridgeReceiver(BridgeSignature signature) {
        this.signature = signature;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/out", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status;
            if (signature.problem(exchange.getRequestHeaders().getFirst(BridgeSignature.TIMESTAMP_HEADER),
                    exchange.getRequestHeaders().getFirst(BridgeSignature.SIGNATURE_HEADER), body) != null) {
                badSignatures.incrementAndGet();
                status = 401;
            } else if (hanging.contains(new JsonObject(new String(body, StandardCharsets.UTF_8)).getString("groupId"))) {
                // Taken and never answered: the connection stays open until the sender gives up.
                unanswered.add(new JsonObject(new String(body, StandardCharsets.UTF_8)).getString("deliveryId"));
                held.add(exchange);
                return;
            } else if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                status = failWith;
            } else if ("image".equals(new JsonObject(new String(body, StandardCharsets.UTF_8)).getString("type"))
                    && failNextImages.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                status = 503;
            } else {
                JsonObject d = new JsonObject(new String(body, StandardCharsets.UTF_8));
                onDelivery.accept(d.getString("deliveryId"));
                deliveries.putIfAbsent(d.getString("deliveryId"), d);
                status = 200;
            }
            statuses.add(status);
            if (status != 401) {
                JsonObject d = new JsonObject(new String(body, StandardCharsets.UTF_8));
                arrivals.add(d.getString("deliveryId") + " " + d.getString("type") + " " + status);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(handlers);
        server.start();
    }

    /** From now on, deliveries to {@code groupId} are read and never answered. */
    public void hang(String groupId) {
        hanging.add(groupId);
    }

    /** Deliveries to {@code groupId} are answered again (those left hanging stay so). */
    public void answer(String groupId) {
        hanging.remove(groupId);
    }

    /** Delivery ids that were taken and never answered, in order of arrival. */
    public List<String> unanswered() {
        return List.copyOf(unanswered);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/out");
    }

    /** Runs {@code hook} with each delivery id while that delivery is being received (before it is answered). */
    public void onDelivery(Consumer<String> hook) {
        onDelivery = hook;
    }

    /** The next {@code calls} image deliveries are answered 503 (texts go through). */
    public void failNextImages(int calls) {
        failNextImages.set(calls);
    }

    /** Every signed post as "<deliveryId> <type> <status>", in order, each time it came. */
    public List<String> arrivals() {
        return List.copyOf(arrivals);
    }

    /** Deliveries kept for a group (each delivery id once), in order, as posted. */
    public List<JsonObject> deliveries(String groupId) {
        synchronized (deliveries) {
            return deliveries.values().stream().filter(d -> groupId.equals(d.getString("groupId"))).map(JsonObject::copy).toList();
        }
    }

    public void failNext(int calls, int status) {
        failWith = status;
        failNext.set(calls);
    }

    /** Texts delivered to a group, in order, each delivery id once. */
    public List<String> texts(String groupId) {
        synchronized (deliveries) {
            return deliveries.values().stream().filter(d -> groupId.equals(d.getString("groupId"))).map(d -> d.getString("text")).toList();
        }
    }

    public List<Integer> statuses() {
        return List.copyOf(statuses);
    }

    public int badSignatures() {
        return badSignatures.get();
    }

    @Override
    public void close() {
        server.stop(0);
        held.forEach(HttpExchange::close);
        handlers.shutdownNow();
    }
}
