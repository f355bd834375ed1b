package org.jianqun.launcher;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jianqun.core.CoreServices;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.config.Profile;
import org.jianqun.core.http.ApiRoutes;
import org.jianqun.core.http.ApiServerVerticle;
import org.jianqun.core.operations.HealthRoutes;
import org.jianqun.core.operations.HolidayRefreshVerticle;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.redis.EmbeddedRedis;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.roles.RoleModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running process: database, Redis, the domain services, and the Vert.x verticles of the roles
 * it plays. Opened in dependency order and closed in reverse; closing lets in-flight HTTP requests
 * finish first (SIGTERM goes through here).
 */
public final class Platform implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Platform.class);
    static final int DB_POOL_SIZE = 16;
    /**
     * Transactions at once, at most (the write pool): writers queue on a county's audit head and tally rows, and more
     * of them at once only wait on those locks and on the CPU. BENCHMARKS.md (mini-program, 2026-12-04): at 900
     * requests/s offered a write pool of 16 gave a p99 of 387 ms where one pool shared with reads gave 223 ms; four
     * gave 141 ms, and 284 ms on a slower hour. A long job (an import's chunk, a disclosure push) holds one of them.
     */
    static final int DB_TRANSACTIONS = 4;

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final JianqunConfig config;
    private CoreServices core;
    private Vertx vertx;
    private int port;
    private boolean embeddedDatabase;
    private boolean embeddedRedis;
    private boolean up;

    private Platform(JianqunConfig config) {
        this.config = config;
    }

    public static Platform start(JianqunConfig config, Set<ServiceRole> roles) {
        Platform platform = new Platform(config);
        try {
            platform.open(roles);
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    private void open(Set<ServiceRole> roles) {
        Clock clock = config.clock();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        opened.add(gc);

        embeddedDatabase = config.database().isEmpty();
        Database database = Database.open(config.database().orElseGet(() -> EmbeddedDatabase.settings(config.dataDir())),
                DB_POOL_SIZE, DB_TRANSACTIONS, registry, AuditKeyFile.resolve(config));
        opened.add(database);
        if (embeddedDatabase) {
            EmbeddedDatabase.tighten(config.dataDir());
        }

        embeddedRedis = config.redis().isEmpty();
        RedisStore redis;
        if (embeddedRedis) {
            EmbeddedRedis server = EmbeddedRedis.start();
            opened.add(server);
            redis = RedisStore.connect(server.uri());
        } else {
            redis = RedisStore.connect(config.redis().get());
        }
        opened.add(redis);

        DataKey.resolve(config);
        PasswordHasher hasher = new PasswordHasher(PasswordHasher.DEFAULT_ITERATIONS);
        core = CoreServices.assemble(config, clock, database, redis, hasher);
        AdminAccount.ensure(config, database, hasher, clock);
        if (config.profile() == Profile.DEMO && DemoCounty.seedIfEmpty(database, core.importer(), clock)) {
            DemoDisclosures.seed(core);
            LOG.info("seeded the demo county {}", DemoCounty.COUNTY_CODE);
        }

        vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
        port = config.httpPort() == 0 ? freePort() : config.httpPort();
        List<ApiRoutes> routes = new ArrayList<>();
        List<Supplier<Deployable>> workers = new ArrayList<>();
        routes.add(new HealthRoutes(database, redis, core.holidays()));
        // Every process takes in a holiday year loaded on another instance (whatever its roles).
        workers.add(() -> new HolidayRefreshVerticle(core.holidays()));
        routes.add(new MetricsRoutes(registry));
        RoleAssembly assembly = new RoleAssembly(core, registry, port);
        for (ServiceRole role : roles) {
            RoleModule module = role.assemble(assembly);
            opened.add(module);
            routes.addAll(module.routes());
            workers.addAll(module.verticles());
        }
        int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
        try {
            vertx.deployVerticle(() -> new ApiServerVerticle(port, routes), new DeploymentOptions().setInstances(instances))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP server on port " + port + ": " + rootMessage(e), e);
        }
        for (Supplier<Deployable> worker : workers) {
            try {
                vertx.deployVerticle(worker.get()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start " + rootMessage(e), e);
            }
        }
        LOG.info("jianqun up on port {} with roles {} ({})", port, roles, config);
        up = true;
    }

    public int port() {
        return port;
    }

    public CoreServices core() {
        return core;
    }

    boolean usesEmbeddedDatabase() {
        return embeddedDatabase;
    }

    boolean usesEmbeddedRedis() {
        return embeddedRedis;
    }

    /** Stops taking requests, lets in-flight ones finish (up to the grace period), then closes pools and servers. */
    @Override
    public void close() {
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture()
                        .get(ApiServerVerticle.SHUTDOWN_GRACE.toSeconds() + 5, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("Vert.x did not close cleanly: {}", rootMessage(e));
            }
            vertx = null;
        }
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", opened.get(i).getClass().getSimpleName(), rootMessage(e));
            }
        }
        opened.clear();
        if (up) {
            // the counterpart of "jianqun up": an operator reading the log sees the stop was orderly
            LOG.info("jianqun stopped (port {})", port);
            up = false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
