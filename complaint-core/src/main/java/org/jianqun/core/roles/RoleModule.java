package org.jianqun.core.roles;

import io.vertx.core.Deployable;
import java.util.List;
import java.util.function.Supplier;
import org.jianqun.core.http.ApiRoutes;

/**
 * What one role (gateway, miniapp, console, pusher, sweeper) brings to a process: the routes it adds to
 * the one HTTP server, the background verticles it deploys, and what it must close after the server
 * stopped taking requests. The launcher loops over the roles it was asked to play; it knows no role's
 * insides, and no role knows another (an architecture test holds them apart).
 */
public interface RoleModule extends AutoCloseable {
    /** Routes for the process's HTTP server; none for a role that only works in the background. */
    default List<ApiRoutes> routes() {
        return List.of();
    }

    /** Verticles to deploy once each, after the HTTP server is up. */
    default List<Supplier<Deployable>> verticles() {
        return List.of();
    }

    /** Called once the HTTP server has stopped and the verticles are undeployed; must not throw. */
    @Override
    default void close() {
    }
}
