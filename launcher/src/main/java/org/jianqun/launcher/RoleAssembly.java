package org.jianqun.launcher;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.jianqun.console.ConsoleModule;
import org.jianqun.core.CoreServices;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.config.Profile;
import org.jianqun.core.identity.IdentityCipher;
import org.jianqun.core.roles.RoleModule;
import org.jianqun.core.sweep.SweeperModule;
import org.jianqun.disclosure.DisclosureModule;
import org.jianqun.gateway.GatewayModule;
import org.jianqun.gateway.groupsend.DisclosureGroupSendOutcomes;
import org.jianqun.gateway.operations.GatewayFlaggedMessages;
import org.jianqun.gateway.operations.GatewayReports;
import org.jianqun.gateway.simulator.SimulatorRoutes;
import org.jianqun.miniapp.MiniappModule;

/**
 * How each role's module is built from the process's shared parts. The one place that knows every
 * module: the role modules know only core (an architecture test holds them apart), so what one role
 * needs of another's tables comes through a core interface wired here (the console's views of the
 * chat side through {@link GatewayReports}, patrol's flagged messages through {@link GatewayFlaggedMessages}).
 */
record RoleAssembly(CoreServices core, MeterRegistry registry, int port) {
    static final long GATEWAY_POLL_MILLIS = 500;

    RoleModule gateway() {
        return new GatewayModule(core, bridge(), simulatorOn(core.config()), GATEWAY_POLL_MILLIS);
    }

    /**
     * The simulator signs whatever its unauthenticated page sends, as whoever it names, and lists the
     * demo groups' people: it may hold only a secret made up for this demo run, never an operator's
     * JIANQUN_BRIDGE_SECRET (with that, it would sign for anyone as any cadre of real groups).
     */
    static boolean simulatorOn(JianqunConfig config) {
        return config.profile() == Profile.DEMO && config.bridgeSecret().isEmpty();
    }

    RoleModule miniapp() {
        // The demo without a mini-program of its own talks to a demo-only fake of WeChat that this process serves.
        if (core.config().profile() == Profile.DEMO && core.config().miniapp().isEmpty()) {
            return MiniappModule.demo(core, DataKey.ring(core.config()), port);
        }
        return new MiniappModule(core, DataKey.ring(core.config()));
    }

    RoleModule console() {
        return new ConsoleModule(core, new GatewayReports(core.database()), new GatewayFlaggedMessages(core.database()),
                ConfigSource.fromEnvironment(System.getenv()), Optional.of(new IdentityCipher(DataKey.ring(core.config()))));
    }

    RoleModule pusher() {
        // The push report reads the gateway's group-send tasks through core's port (a table it owns).
        return new DisclosureModule(core, new DisclosureGroupSendOutcomes(core.database()));
    }

    RoleModule sweeper() {
        return new SweeperModule(core, core.redis(), registry);
    }

    /**
     * The bridge channel: as configured; in the demo profile without configuration, a secret made up
     * for this run and the built-in simulator (served by this process) as the bridge's far end.
     */
    private Optional<GatewayModule.Bridge> bridge() {
        JianqunConfig config = core.config();
        if (config.bridgeSecret().isPresent()) {
            return Optional.of(new GatewayModule.Bridge(config.bridgeSecret().get(), config.bridgeOutboundUrl()));
        }
        if (config.profile() != Profile.DEMO) {
            return Optional.empty();
        }
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        return Optional.of(new GatewayModule.Bridge(secret, Optional.of(config.bridgeOutboundUrl()
                .orElse(URI.create("http://127.0.0.1:" + port + SimulatorRoutes.DELIVERIES_PATH)))));
    }
}
