package org.jianqun.miniapp.http;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import org.jianqun.core.account.ClientAddress;

/** The connection's peer, as the officers' login reads it: X-Forwarded-For is anyone's to write, so it is not read. */
public final class ClientAddresses {
    private ClientAddresses() {
    }

    public static ClientAddress of(RoutingContext ctx) {
        SocketAddress peer = ctx.request().remoteAddress();
        return peer == null || peer.hostAddress() == null ? ClientAddress.UNKNOWN : ClientAddress.ofLiteral(peer.hostAddress());
    }
}
