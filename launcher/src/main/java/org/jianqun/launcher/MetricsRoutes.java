package org.jianqun.launcher;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;
import org.jianqun.core.http.ApiRoutes;
import org.jianqun.core.http.BlockingWork;

/** {@code GET /metrics}: Prometheus text of everything Micrometer measures (HTTP, pools, JVM). */
final class MetricsRoutes implements ApiRoutes {
    private final PrometheusMeterRegistry registry;

    MetricsRoutes(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void mount(Router router, BlockingWork blocking) {
        router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    }
}
