package org.jianqun.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.testing.CsvFiles.REGIONS;
import static org.jianqun.core.testing.CsvFiles.csv;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.desk.TicketDesk;
import org.jianqun.core.desk.TicketQueries;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.importing.OrganisationImporter;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestRedis;
import org.jianqun.core.testing.TestServer;
import org.jianqun.gateway.bridge.BridgeRoutes;
import org.jianqun.gateway.bridge.BridgeSignature;
import org.jianqun.gateway.flagging.MessageFlagger;
import org.jianqun.gateway.inbox.Inbox;
import org.jianqun.gateway.outbound.BridgeOutbound;
import org.jianqun.gateway.outbound.BridgeReceiver;
import org.jianqun.gateway.outbound.OutboxDispatcher;
import org.jianqun.gateway.outbound.Pacer;
import org.jianqun.gateway.processing.MessageProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The deployed background loops, with nothing driven by hand: a message acknowledged over HTTP is
 * processed and its reply delivered by the verticle itself, also while a burst never ends.
 */
class GatewayVerticleTest {
    private static final String GROUP = "g-201-1";
    private static final BridgeSignature SIGNER = new BridgeSignature("verticle-secret-0123456789");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private final AtomicBoolean burst = new AtomicBoolean();
    private TestDatabase db;
    private RedisStore redis;
    private BridgeReceiver receiver;
    private Vertx vertx;
    private TestServer server;
    private int sequence;

    @BeforeEach
    void open() throws Exception {
        db = TestDatabase.fresh();
        OrganisationImporter importer = new OrganisationImporter(db.database(), new PasswordHasher(10_000), clock);
        importer.importCsv(ImportKind.REGIONS, csv(REGIONS), null);
        importer.importCsv(ImportKind.GROUPS, csv("channel,group_id,village_code,name", "bridge," + GROUP + ",359901100201,东岭村监督群"), null);
        redis = TestRedis.fresh();
        receiver = new BridgeReceiver(SIGNER);
        MessageProcessor processor = new MessageProcessor(db.database(), new TicketDesk(db.database(), WorkingDayCalendar.shipped(), clock), new TicketQueries(db.database(), WorkingDayCalendar.shipped(), clock),
                new MessageFlagger(), clock);
        OutboxDispatcher dispatcher = new OutboxDispatcher(db.database(), Optional.of(new BridgeOutbound(receiver.url(), SIGNER)),
                Optional.empty(), Optional.empty(), new Pacer(redis, clock), clock);
        BooleanSupplier storing = burst::get;
        GatewayVerticle verticle = new GatewayVerticle(processor, dispatcher, storing, 100);
        vertx = Vertx.vertx();
        vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        server = TestServer.start(List.of(new BridgeRoutes(SIGNER, new Inbox(db.database(), clock), v -> verticle.wake())));
    }

    @AfterEach
    void close() throws Exception {
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        receiver.close();
        redis.close();
        db.close();
    }

    private void report(String text) {
        byte[] body = new JsonObject().put("messageId", "verticle-" + (++sequence)).put("groupId", GROUP)
                .put("sender", new JsonObject().put("id", "wx-v" + sequence).put("name", "村民" + sequence)).put("type", "text")
                .put("text", text).put("sentAt", clock.instant().toString()).encode().getBytes(StandardCharsets.UTF_8);
        String ts = SIGNER.timestampNow();
        TestServer.Reply reply = server.send(HttpRequest.newBuilder(server.uri("/bridge/v1/messages"))
                .header(BridgeSignature.TIMESTAMP_HEADER, ts).header(BridgeSignature.SIGNATURE_HEADER, SIGNER.sign(ts, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    private void awaitReplies(int count) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (receiver.texts(GROUP).size() < count && System.nanoTime() < giveUp) {
            Thread.sleep(50);
        }
    }

    @Test
    void aReportIsAnsweredByTheLoopsAlone() throws InterruptedException {
        report("#反映 村口路灯坏了");
        awaitReplies(1);
        assertThat(receiver.texts(GROUP)).singleElement().asString().contains("已登记工单");
    }

    @Test
    void aBurstThatNeverEndsDelaysRepliesButDoesNotStopThem() throws InterruptedException {
        // Before: replies waited for the burst to end, and a rule that took steady traffic for a burst held them all day.
        burst.set(true);
        for (int i = 0; i < 3; i++) {
            report("#反映 第" + i + "件：水渠堵了");
        }
        awaitReplies(3);
        assertThat(receiver.texts(GROUP)).hasSize(3).allSatisfy(t -> assertThat(t).contains("已登记工单"));
        assertThat(burst.get()).as("still in the burst").isTrue();
    }
}
