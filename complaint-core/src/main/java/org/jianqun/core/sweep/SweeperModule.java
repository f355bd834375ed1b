package org.jianqun.core.sweep;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Deployable;
import java.util.List;
import java.util.function.Supplier;
import org.jianqun.core.CoreServices;
import org.jianqun.core.audit.AuditWitnessJob;
import org.jianqun.core.audit.AuditWitnesses;
import org.jianqun.core.periodic.SweepLock;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.roles.RoleModule;

/**
 * The {@code sweeper} role: one deadline sweeper per process, and the daily audit witness; a Redis lock
 * for each picks one process of many to run it at a time.
 */
public final class SweeperModule implements RoleModule {
    private final CoreServices core;
    private final SweepLock lock;
    private final SweepLock witnessLock;
    private final MeterRegistry registry;

    public SweeperModule(CoreServices core, RedisStore redis, MeterRegistry registry) {
        this.core = core;
        this.lock = new SweepLock(redis, SweeperVerticle.LOCK_NAME, SweeperVerticle.Settings.DEFAULTS.lockTtl());
        this.witnessLock = new SweepLock(redis, AuditWitnessVerticle.LOCK_NAME, AuditWitnessVerticle.LOCK_TTL);
        this.registry = registry;
    }

    @Override
    public List<Supplier<Deployable>> verticles() {
        AuditWitnessJob witness = new AuditWitnessJob(core.database(), new AuditWitnesses(core.config().auditWitnessDir()), core.clock());
        return List.of(() -> new SweeperVerticle(core.sweep(), lock, SweeperVerticle.Settings.DEFAULTS, registry),
                () -> new AuditWitnessVerticle(witness, witnessLock));
    }
}
