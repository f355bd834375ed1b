package org.jianqun.gateway.simulator;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jianqun.core.CoreServices;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.http.ApiRoutes;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.http.Responses;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.organisation.ChatGroup;
import org.jianqun.core.organisation.Region;
import org.jianqun.core.persistence.GroupMapper;
import org.jianqun.core.persistence.PersonMapper;
import org.jianqun.core.persistence.RegionMapper;
import org.jianqun.gateway.bridge.BridgeSignature;

/**
 * The demo profile's group simulator: a page at {@code /simulator} where a newcomer plays villagers
 * and cadres of a demo group. It is an honest bridge: what a player says is signed and posted to
 * this process's own {@code /bridge/v1/messages}, and the platform's answers arrive, signed, at
 * {@code /simulator/v1/deliveries} as JIANQUN_BRIDGE_OUTBOUND_URL. Mounted only in the demo profile
 * with a bridge secret the demo made up itself (launcher: {@code RoleAssembly.simulatorOn}): it signs for anyone.
 */
public final class SimulatorRoutes implements ApiRoutes {
    public static final String DELIVERIES_PATH = "/simulator/v1/deliveries";

    private final CoreServices core;
    private final BridgeSignature signature;
    private final SimulatorFeed feed;
    private final SimulatorVoices voices;
    private final byte[] page;
    private final byte[] script;
    private final byte[] styles;

    public SimulatorRoutes(CoreServices core, BridgeSignature signature) {
        this.core = core;
        this.signature = signature;
        this.feed = new SimulatorFeed(core.database());
        this.voices = new SimulatorVoices(core.config().dataDir().resolve("simulator-voice"));
        this.page = resource("simulator/index.html");
        // Script and styles are files of their own so that the page's Content-Security-Policy can refuse inline ones.
        this.script = resource("simulator/simulator.js");
        this.styles = resource("simulator/simulator.css");
    }

    @Override
    public void mount(Router router, BlockingWork blocking) {
        router.get("/simulator").handler(ctx -> ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(Buffer.buffer(page)));
        router.get("/simulator/simulator.js").handler(ctx -> ctx.response().putHeader("Content-Type", "text/javascript; charset=utf-8").end(Buffer.buffer(script)));
        router.get("/simulator/simulator.css").handler(ctx -> ctx.response().putHeader("Content-Type", "text/css; charset=utf-8").end(Buffer.buffer(styles)));
        router.get("/simulator/v1/groups").handler(ctx -> groups(ctx, blocking));
        router.post("/simulator/v1/say").handler(BodyHandler.create(false).setBodyLimit(64 * 1024)).handler(this::say);
        router.post(DELIVERIES_PATH).handler(BodyHandler.create(false).setBodyLimit(1024 * 1024)).handler(this::delivery);
        router.get("/simulator/v1/groups/:groupId/feed").handler(ctx -> feed(ctx, blocking));
        router.post("/simulator/v1/voice").handler(BodyHandler.create(false).setBodyLimit(SimulatorVoices.MAX_BYTES)).handler(ctx -> storeVoice(ctx, blocking));
        router.get("/simulator/v1/voice/:name").handler(ctx -> playVoice(ctx, blocking));
    }

    private void groups(RoutingContext ctx, BlockingWork blocking) {
        blocking.run(() -> core.database().read(s -> {
            JsonArray out = new JsonArray();
            for (ChatGroup g : s.getMapper(GroupMapper.class).ofChannel(Channel.BRIDGE, 200)) {
                Region region = s.getMapper(RegionMapper.class).find(g.regionCode());
                JsonArray people = new JsonArray();
                s.getMapper(PersonMapper.class).chatPeopleOf(g.regionCode(), Channel.BRIDGE).forEach(p -> people.add(new JsonObject()
                        .put("id", p.channelUserId()).put("name", p.name()).put("role", p.role().wireName())));
                out.add(new JsonObject().put("groupId", g.groupId()).put("name", g.name())
                        .put("village", region == null ? g.regionCode() : region.name()).put("purpose", g.purpose().wireName())
                        .put("people", people));
            }
            return out;
        })).onSuccess(groups -> Responses.json(ctx, 200, new JsonObject().put("groups", groups))).onFailure(ctx::fail);
    }

    /** A player's message, sent the way a real bridge sends it: signed, over HTTP, to the webhook. A voice names a stored recording. */
    private void say(RoutingContext ctx) {
        JsonObject in = ctx.body().asJsonObject();
        String voiceName = in == null ? null : in.getString("voice");
        if (in == null || in.getString("groupId") == null || in.getString("senderId") == null || (in.getString("text") == null && voiceName == null)) {
            ctx.fail(ApiError.badRequest("请发送 {\"groupId\",\"senderId\",\"senderName\",\"text\"}（语音为 \"voice\"）"));
            return;
        }
        if (voiceName != null && !SimulatorVoices.isName(voiceName)) {
            ctx.fail(ApiError.badRequest("没有这段录音"));
            return;
        }
        String messageId = "sim-" + UUID.randomUUID();
        String senderName = in.getString("senderName", "村民");
        String voiceUrl = voiceName == null ? null : "/simulator/v1/voice/" + voiceName;
        int seconds = Math.max(0, Math.min(3600, in.getInteger("seconds", 0)));
        JsonObject message = new JsonObject().put("messageId", messageId).put("groupId", in.getString("groupId"))
                .put("sender", new JsonObject().put("id", in.getString("senderId")).put("name", senderName))
                .put("sentAt", core.clock().instant().toString());
        if (voiceName == null) {
            message.put("type", "text").put("text", in.getString("text"));
        } else {
            JsonObject voice = new JsonObject().put("url", voiceUrl).put("durationSec", seconds);
            if (in.getString("text") != null && !in.getString("text").isBlank()) {
                voice.put("transcript", in.getString("text"));
            }
            message.put("type", "voice").put("voice", voice);
        }
        byte[] body = message.encode().getBytes(StandardCharsets.UTF_8);
        String timestamp = signature.timestampNow();
        HttpClient http = ctx.vertx().createHttpClient();
        http.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(ctx.request().localAddress().port())
                        .setURI("/bridge/v1/messages").putHeader("Content-Type", "application/json")
                        .putHeader(BridgeSignature.TIMESTAMP_HEADER, timestamp)
                        .putHeader(BridgeSignature.SIGNATURE_HEADER, signature.sign(timestamp, body)))
                .compose(request -> request.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(answer -> new JsonObject().put("status", response.statusCode()).put("answer", answer.toString())))
                .onComplete(done -> {
                    http.close();
                    if (done.failed()) {
                        ctx.fail(done.cause());
                        return;
                    }
                    if (done.result().getInteger("status") == 200) {
                        String shown = voiceName == null ? in.getString("text") : in.getString("text", "");
                        feed.said(in.getString("groupId"), messageId, in.getString("senderId"), senderName, shown, voiceUrl,
                                voiceName == null ? null : seconds);
                    }
                    Responses.json(ctx, done.result().getInteger("status"), new JsonObject().put("messageId", messageId)
                            .put("bridge", new JsonObject(done.result().getString("answer"))));
                });
    }

    /** A recording from the page (or a file picked there): kept in the data folder so the chat can play it after a restart. */
    private void storeVoice(RoutingContext ctx, BlockingWork blocking) {
        String type = ctx.request().getHeader("Content-Type");
        byte[] audio = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        if (SimulatorVoices.extensionOf(type).isEmpty() || audio.length == 0) {
            ctx.fail(new ApiError(415, "unsupported_media_type", "请上传录音文件（webm、ogg、wav、mp3 或 m4a）"));
            return;
        }
        blocking.run(() -> voices.store(type, audio))
                .onSuccess(name -> Responses.json(ctx, 200, new JsonObject().put("voice", name).put("url", "/simulator/v1/voice/" + name)))
                .onFailure(ctx::fail);
    }

    private void playVoice(RoutingContext ctx, BlockingWork blocking) {
        String name = ctx.pathParam("name");
        if (!SimulatorVoices.isName(name)) {
            ctx.fail(new ApiError(404, "not_found", "没有这段录音"));
            return;
        }
        blocking.run(() -> voices.read(name)).onSuccess(audio -> {
            if (audio.isEmpty()) {
                ctx.fail(new ApiError(404, "not_found", "没有这段录音"));
                return;
            }
            ctx.response().putHeader("Content-Type", SimulatorVoices.typeOf(name)).end(Buffer.buffer(audio.get()));
        }).onFailure(ctx::fail);
    }

    /** The bridge end of outbound messages: checks the signature like a real bridge, keeps each delivery id once. */
    private void delivery(RoutingContext ctx) {
        byte[] body = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        String problem = signature.problem(ctx.request().getHeader(BridgeSignature.TIMESTAMP_HEADER),
                ctx.request().getHeader(BridgeSignature.SIGNATURE_HEADER), body);
        if (problem != null) {
            ctx.fail(new ApiError(401, "bad_signature", problem));
            return;
        }
        JsonObject d = new JsonObject(new String(body, StandardCharsets.UTF_8));
        // An image (a disclosure's details) shows as its caption, as the outbox row reads when the feed is rebuilt.
        String text = "image".equals(d.getString("type")) ? org.jianqun.gateway.outbound.OutboxDispatcher.IMAGE_CAPTION : d.getString("text");
        boolean fresh = feed.delivered(d.getString("deliveryId"), d.getString("groupId"), text);
        Responses.json(ctx, 200, new JsonObject().put("received", true).put("duplicate", !fresh));
    }

    private void feed(RoutingContext ctx, BlockingWork blocking) {
        long after;
        try {
            after = Long.parseLong(ctx.request().getParam("after", "0"));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("参数 after 应为数字");
        }
        String groupId = ctx.pathParam("groupId");
        // The first look at a group after a start reads its rows: off the event loop.
        blocking.run(() -> feed.after(groupId, after)).onSuccess(list -> {
            JsonArray items = new JsonArray();
            list.forEach(i -> {
                JsonObject item = new JsonObject().put("seq", i.seq()).put("kind", i.kind()).put("senderId", i.senderId())
                        .put("from", i.from()).put("text", i.text());
                if (i.voiceUrl() != null) {
                    item.put("voice", new JsonObject().put("url", i.voiceUrl()).put("seconds", i.voiceSeconds() == null ? 0 : i.voiceSeconds()));
                }
                items.add(item);
            });
            Responses.json(ctx, 200, new JsonObject().put("items", items));
        }).onFailure(ctx::fail);
    }

    private static byte[] resource(String name) {
        try (InputStream in = SimulatorRoutes.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
