package org.jianqun.core.http;

import io.vertx.ext.web.Router;

/** What a module contributes to the one HTTP server: its routes, each pointing at a small named handler. */
public interface ApiRoutes {
    void mount(Router router, BlockingWork blocking);
}
