package org.jianqun.core.sweep;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Deployable;
import java.util.List;
import java.util.function.Supplier;
import org.jianqun.core.CoreServices;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.roles.RoleModule;

/** The {@code sweeper} role: one deadline sweeper per process; the Redis lock picks one process of many to sweep at a time. */
public final class SweeperModule implements RoleModule {
    private final CoreServices core;
    private final SweepLock lock;
    private final MeterRegistry registry;

    public SweeperModule(CoreServices core, RedisStore redis, MeterRegistry registry) {
        this.core = core;
        this.lock = new SweepLock(redis, SweeperVerticle.LOCK_NAME, SweeperVerticle.Settings.DEFAULTS.lockTtl());
        this.registry = registry;
    }

    @Override
    public List<Supplier<Deployable>> verticles() {
        return List.of(() -> new SweeperVerticle(core.sweep(), lock, SweeperVerticle.Settings.DEFAULTS, registry));
    }
}
