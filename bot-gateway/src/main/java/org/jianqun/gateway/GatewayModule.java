package org.jianqun.gateway;

import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jianqun.core.CoreServices;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.http.ApiRoutes;
import org.jianqun.core.roles.RoleModule;
import org.jianqun.gateway.aibot.AibotReplies;
import org.jianqun.gateway.aibot.AibotRoutes;
import org.jianqun.gateway.bridge.BridgeRoutes;
import org.jianqun.gateway.bridge.BridgeSignature;
import org.jianqun.gateway.flagging.MessageFlagger;
import org.jianqun.gateway.groupsend.GroupSendTasks;
import org.jianqun.gateway.groupsend.VillageDigests;
import org.jianqun.gateway.inbox.Inbox;
import org.jianqun.gateway.outbound.BridgeOutbound;
import org.jianqun.gateway.outbound.GroupRobot;
import org.jianqun.gateway.outbound.OutboxDispatcher;
import org.jianqun.gateway.outbound.Pacer;
import org.jianqun.gateway.outbound.SubscribeMessages;
import org.jianqun.gateway.processing.MessageProcessor;
import org.jianqun.gateway.simulator.SimulatorRoutes;
import org.jianqun.gateway.wecom.ArchivePuller;
import org.jianqun.gateway.wecom.WecomCallbackRoutes;
import org.jianqun.gateway.wecom.WecomCrypt;
import org.jianqun.gateway.wecom.WecomGroups;
import org.jianqun.gateway.wecom.WxMessageArchive;

/**
 * The {@code gateway} role assembled: its HTTP routes (bridge webhook, demo simulator, and the WeCom
 * app callback and intelligent robot when their variables are set) and its background verticle.
 */
public final class GatewayModule implements RoleModule {
    /** The bridge channel's settings: its HMAC secret, and where outbound messages go (none: held). */
    public record Bridge(String secret, Optional<URI> outboundUrl) {
    }

    private final List<ApiRoutes> routes = new ArrayList<>();
    private final Inbox inbox;
    private final GatewayVerticle verticle;

    /**
     * @param bridge    the bridge channel, if on
     * @param simulator serve the demo simulator (demo profile only): it plays a bridge whose outbound
     *                  URL is this process's own {@code /simulator/v1/deliveries}
     */
    public GatewayModule(CoreServices core, Optional<Bridge> bridge, boolean simulator, long pollMillis) {
        inbox = new Inbox(core.database(), core.clock());
        JianqunConfig config = core.config();
        // WeCom judges callback timestamps in real time, whatever the demo's sandbox clock says.
        Clock wallClock = Clock.systemUTC();
        Optional<AibotReplies> aibotReplies = config.aibot().map(a -> new AibotReplies(core.database(), core.clock()));
        Optional<BridgeOutbound> outbound = bridge.flatMap(b -> b.outboundUrl().map(url -> new BridgeOutbound(url, new BridgeSignature(b.secret()))));
        MessageProcessor processor = new MessageProcessor(core.database(), core.desk(), core.queries(), new MessageFlagger(), core.clock());
        OutboxDispatcher dispatcher = new OutboxDispatcher(core.database(), outbound, aibotReplies,
                Optional.of(new GroupRobot(config.wecomApiBase())), new Pacer(core.redis(), wallClock), core.clock());
        SubscribeMessages.configured(config, core.database(), core.redis(), core.clock()).ifPresent(dispatcher::carryingSubscribeMessagesBy);
        verticle = new GatewayVerticle(processor, dispatcher, inbox::inBurst, pollMillis);
        // Group-send tasks into external groups, when the WeCom app's secret is set (README: group-send tasks):
        // they carry digests and the broadcasts other modules request (the monthly disclosure).
        GroupSendTasks.configured(config, core.database(), core.clock()).ifPresent(tasks -> {
            dispatcher.carryingBroadcastsBy(tasks);
            verticle.advanceGroupSends(tasks, new VillageDigests(core.database(), tasks, core.clock()));
        });
        Consumer<Vertx> wake = vertx -> verticle.wake();

        Optional<BridgeSignature> signature = bridge.map(b -> new BridgeSignature(b.secret()));
        signature.ifPresent(sig -> routes.add(new BridgeRoutes(sig, inbox, wake)));
        if (simulator && signature.isPresent()) {
            routes.add(new SimulatorRoutes(core, signature.get()));
        }
        config.wecom().ifPresent(wecom -> {
            Optional<ArchivePuller> archive = config.wecomArchive().map(a -> new ArchivePuller(core.database(), inbox,
                    new WxMessageArchive(wecom.corpId(), a.secret(), a.libraryPath(), a.privateKeyPem(), config.wecomApiBase()),
                    wecom.corpId(), core.clock()));
            routes.add(new WecomCallbackRoutes(new WecomCrypt(wecom.token(), wecom.aesKey(), wecom.corpId(), wallClock),
                    new WecomGroups(core.database(), core.clock()), archive, wake));
        });
        // The robot's receive-id is empty (its documentation: "ReceiveId 为空字符串").
        config.aibot().ifPresent(aibot -> routes.add(new AibotRoutes(new WecomCrypt(aibot.token(), aibot.aesKey(), "", wallClock),
                inbox, config.wecomApiBase(), core.clock(), wake)));
    }

    @Override
    public List<ApiRoutes> routes() {
        return routes;
    }

    @Override
    public List<Supplier<Deployable>> verticles() {
        return List.of(() -> verticle);
    }

    /** Stores what the inbox still holds in memory: call after the HTTP server stopped taking messages. */
    @Override
    public void close() {
        inbox.close();
    }
}
