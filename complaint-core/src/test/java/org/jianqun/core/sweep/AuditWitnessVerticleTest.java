package org.jianqun.core.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jianqun.core.audit.AuditEntry;
import org.jianqun.core.audit.AuditTrail;
import org.jianqun.core.audit.AuditWitnessJob;
import org.jianqun.core.audit.AuditWitnesses;
import org.jianqun.core.periodic.SweepLock;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.testing.MutableClock;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two instances' witness verticles, each with its own pool and Redis connection, asked at the same moment: one witness. */
class AuditWitnessVerticleTest {
    @TempDir
    Path folder;
    private TestDatabase db;
    private RedisStore redis;
    private RedisStore otherRedis;
    private Vertx vertx;

    @BeforeEach
    void open() {
        db = TestDatabase.fresh();
        redis = TestRedis.fresh();
        otherRedis = RedisStore.connect(TestRedis.uri());
        vertx = Vertx.vertx();
    }

    @AfterEach
    void close() throws Exception {
        await(vertx.close());
        otherRedis.close();
        redis.close();
        db.close();
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Test
    void twoInstancesAskedTogetherWitnessTheDayOnce() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
        db.database().inTransaction(s -> {
            AuditTrail.appendAll(s, List.of(
                    new AuditEntry("359901", clock.peek(), 1L, "CLAIMED", AuditEntry.ACCEPTED, "x", null, "console", null, "CLAIMED@village", "认领"),
                    new AuditEntry("359902", clock.peek(), 2L, "CLAIMED", AuditEntry.ACCEPTED, "x", null, "console", null, "CLAIMED@village", "认领")));
            return null;
        });
        try (Database second = db.openAnother(4)) {
            AuditWitnesses files = new AuditWitnesses(folder);
            AuditWitnessVerticle one = new AuditWitnessVerticle(new AuditWitnessJob(db.database(), files, clock),
                    new SweepLock(redis, AuditWitnessVerticle.LOCK_NAME, AuditWitnessVerticle.LOCK_TTL));
            AuditWitnessVerticle two = new AuditWitnessVerticle(new AuditWitnessJob(second, files, clock),
                    new SweepLock(otherRedis, AuditWitnessVerticle.LOCK_NAME, AuditWitnessVerticle.LOCK_TTL));
            await(vertx.deployVerticle(one));
            await(vertx.deployVerticle(two));
            for (int round = 0; round < 3; round++) {
                Future<AuditWitnessJob.Outcome> a = one.runOnce();
                Future<AuditWitnessJob.Outcome> b = two.runOnce();
                await(Future.all(a, b));
            }
            redis.sync().flushdb(); // the lock gone (a flush, a failover): the database still keeps it to once
            await(Future.all(one.runOnce(), two.runOnce()));
        }
        try (Connection c = db.database().dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT target, COUNT(*) FROM outbox WHERE event_type = 'AUDIT_WITNESS' GROUP BY target ORDER BY target")) {
            StringBuilder posts = new StringBuilder();
            while (rs.next()) {
                posts.append(rs.getString(1)).append('=').append(rs.getLong(2)).append(' ');
            }
            assertThat(posts.toString().trim()).isEqualTo("359901=1 359902=1");
        }
        assertThat(AuditTrail.verify(db.database(), new AuditWitnesses(folder)).ok()).isTrue();
    }
}
