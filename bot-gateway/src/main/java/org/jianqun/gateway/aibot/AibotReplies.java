package org.jianqun.gateway.aibot;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jianqun.core.persistence.Database;
import org.jianqun.gateway.outbound.Delivery;

/**
 * Answers into a cadres' group through the intelligent robot: POSTs {@code {"msgtype":"markdown",
 * "markdown":{"content":…}}} to a response_url WeCom gave with an @-mention in that chat. WeCom takes
 * each response_url once and for one hour, so one is spent per answer (claimed in the database before
 * the call: two dispatchers never use the same one), preferring the one of the message the answer is
 * about; with none left the answer is held, since the robot cannot speak unasked. Outbox texts are at
 * most 4,000 characters, well inside the markdown limit, so an answer is never split. Blocking: run on a worker.
 */
public final class AibotReplies {
    /** Under WeCom's hour, with room for a slow dispatcher. */
    static final Duration USABLE_FOR = Duration.ofMinutes(55);
    private static final int MAX_TRIES = 3;

    private final Database database;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public AibotReplies(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        database.addMapper(AibotMapper.class);
    }

    public Delivery send(String chatId, Long ticketNo, String text) {
        for (int i = 0; i < MAX_TRIES; i++) {
            Instant now = clock.instant();
            AibotMapper.Route route = database.read(s -> s.getMapper(AibotMapper.class).freshRoute(chatId, now.minus(USABLE_FOR), ticketNo));
            if (route == null) {
                return new Delivery.Held("no unused response_url from the last hour in this chat: the robot answers only when @-mentioned");
            }
            boolean mine = database.inTransaction(s -> s.getMapper(AibotMapper.class).spend(route.id(), now) == 1);
            if (mine) {
                return post(route, text);
            }
            // Another dispatcher took that one in between: look again.
        }
        return new Delivery.Retry("response_urls of this chat are being taken by another dispatcher");
    }

    private Delivery post(AibotMapper.Route route, String text) {
        byte[] body = new JsonObject().put("msgtype", "markdown").put("markdown", new JsonObject().put("content", text))
                .encode().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(route.responseUrl())).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            release(route);
            return new Delivery.Retry("WeCom unreachable: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release(route);
            return new Delivery.Retry("interrupted");
        }
        int status = response.statusCode();
        if (status == 429 || status / 100 == 5) {
            release(route);
            return new Delivery.Retry("WeCom answered " + status);
        }
        if (status / 100 != 2) {
            return new Delivery.Retry("WeCom refused the response_url with " + status + "; the next answer uses another");
        }
        Integer errcode = errcode(response.body());
        if (errcode == null || errcode == 0) {
            return new Delivery.Sent(); // 2xx without a readable errcode: taken, most likely; resending would risk saying it twice
        }
        if (errcode == -1 || errcode == 45009) {
            release(route); // system busy / over the rate: the url was not used
            return new Delivery.Retry("WeCom busy (errcode " + errcode + ")");
        }
        // Expired, already used, or refused: this url is spent; the retry looks for another.
        return new Delivery.Retry("WeCom refused the response_url (errcode " + errcode + ")");
    }

    private void release(AibotMapper.Route route) {
        database.inTransaction(s -> {
            s.getMapper(AibotMapper.class).release(route.id());
            return null;
        });
    }

    private static Integer errcode(String body) {
        try {
            Object code = new JsonObject(body).getValue("errcode");
            return code instanceof Number n ? n.intValue() : null;
        } catch (DecodeException | ClassCastException e) {
            return null;
        }
    }
}
