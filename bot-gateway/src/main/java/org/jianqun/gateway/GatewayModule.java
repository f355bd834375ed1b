package org.jianqun.gateway;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jianqun.core.CoreServices;
import org.jianqun.core.http.ApiRoutes;
import org.jianqun.gateway.bridge.BridgeRoutes;
import org.jianqun.gateway.bridge.BridgeSignature;
import org.jianqun.gateway.flagging.MessageFlagger;
import org.jianqun.gateway.inbox.Inbox;
import org.jianqun.gateway.outbound.BridgeOutbound;
import org.jianqun.gateway.outbound.OutboxDispatcher;
import org.jianqun.gateway.outbound.Pacer;
import org.jianqun.gateway.processing.MessageProcessor;
import org.jianqun.gateway.simulator.SimulatorRoutes;

/** The {@code gateway} role assembled: its HTTP routes (bridge webhook, demo simulator) and its background verticle. */
public final class GatewayModule implements AutoCloseable {
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
        Optional<BridgeSignature> signature = bridge.map(b -> new BridgeSignature(b.secret()));
        signature.ifPresent(sig -> routes.add(new BridgeRoutes(sig, inbox,
                vertx -> vertx.eventBus().publish(GatewayVerticle.WAKE_ADDRESS, ""))));
        if (simulator && signature.isPresent()) {
            routes.add(new SimulatorRoutes(core, signature.get()));
        }
        Optional<BridgeOutbound> outbound = bridge.flatMap(b -> b.outboundUrl().map(url -> new BridgeOutbound(url, new BridgeSignature(b.secret()))));
        MessageProcessor processor = new MessageProcessor(core.database(), core.desk(), new MessageFlagger(), core.clock());
        verticle = new GatewayVerticle(processor, new OutboxDispatcher(core.database(), outbound,
                new Pacer(core.redis(), java.time.Clock.systemUTC()), core.clock()), pollMillis);
    }

    public List<ApiRoutes> routes() {
        return routes;
    }

    public GatewayVerticle verticle() {
        return verticle;
    }

    /** Stores what the inbox still holds in memory: call after the HTTP server stopped taking messages. */
    @Override
    public void close() {
        inbox.close();
    }
}
