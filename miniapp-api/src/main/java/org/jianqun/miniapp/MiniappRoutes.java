package org.jianqun.miniapp;

import io.vertx.ext.web.Router;
import org.jianqun.core.http.BlockingWork;

/**
 * One route class of the mini-program API. Each mounts its own paths under {@code /miniapp/v1} and puts
 * {@code MiniappAuth.handler(blocking)} in front of every handler that needs the caller
 * ({@code MiniappAuth.user(ctx)} then gives the {@link org.jianqun.miniapp.session.MiniappUser}).
 */
@FunctionalInterface
public interface MiniappRoutes {
    void mount(Router router, BlockingWork blocking);
}
