package org.jianqun.core.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.Transaction;
import org.apache.ibatis.transaction.jdbc.JdbcTransaction;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jianqun.core.audit.AuditKey;
import org.jianqun.core.audit.AuditTrail;
import org.jianqun.core.config.JianqunConfig.DatabaseSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MySQL/MariaDB (or embedded H2) database: two HikariCP pools, the Flyway schema from {@code sql/},
 * and MyBatis sessions over them. Reads ({@link #read}, Flyway, {@link #dataSource()}) take auto-commit connections;
 * transactions ({@link #inTransaction}) take connections of a pool of their own that stay out of auto-commit, so a
 * write sends no {@code SET autocommit} before and after (two of a mini-program report's ~21 statements, BENCHMARKS.md),
 * and a queue of writes waiting on a county's audit head never holds the connections the reads need. Every call here
 * blocks: callers on an event loop go through {@link org.jianqun.core.http.BlockingWork}.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private static final ThreadLocal<Boolean> IN_TRANSACTION = ThreadLocal.withInitial(() -> false);

    private final HikariDataSource dataSource;
    private final HikariDataSource writes;
    private final SqlSessionFactory sessions;
    private final boolean h2;

    /**
     * MyBatis's configuration with the key that seals the audit trail: every session of this database
     * carries it, so each writer of the trail seals with it and no call path can forget to.
     */
    private static final class SealingConfiguration extends Configuration {
        private final AuditKey auditKey;
        /** The audit chains this process has seen a head of: their first append need not create one. */
        private final Set<String> chainsWithHeads = ConcurrentHashMap.newKeySet();

        SealingConfiguration(Environment environment, AuditKey auditKey) {
            super(environment);
            this.auditKey = auditKey;
        }
    }

    /**
     * A transaction on a connection of the write pool leaves it out of auto-commit when it closes (MyBatis's own would
     * set auto-commit back on, one more round trip, for the pool to take off again). Sessions on the read pool are
     * MyBatis's usual ones.
     */
    private static final class WritePoolTransactions extends JdbcTransactionFactory {
        @Override
        public Transaction newTransaction(Connection connection) {
            return new JdbcTransaction(connection) {
                @Override
                protected void resetAutoCommit() {
                    // stays as the write pool keeps its connections: out of auto-commit
                }
            };
        }
    }

    private Database(HikariDataSource dataSource, HikariDataSource writes, boolean h2, AuditKey auditKey) {
        this.dataSource = dataSource;
        this.writes = writes;
        this.h2 = h2;
        Configuration configuration = new SealingConfiguration(new Environment("jianqun", new WritePoolTransactions(), dataSource), auditKey);
        configuration.setMapUnderscoreToCamelCase(true);
        configuration.setArgNameBasedConstructorAutoMapping(true);
        configuration.getTypeHandlerRegistry().register(InstantUtcTypeHandler.class);
        RecordResultMaps.register(configuration, TicketRow.class);
        RecordResultMaps.register(configuration, org.jianqun.core.audit.AuditRow.class);
        configuration.addMapper(RegionMapper.class);
        configuration.addMapper(GroupMapper.class);
        configuration.addMapper(PersonMapper.class);
        configuration.addMapper(TicketMapper.class);
        configuration.addMapper(org.jianqun.core.audit.AuditMapper.class);
        configuration.addMapper(org.jianqun.core.outbox.OutboxMapper.class);
        configuration.addMapper(org.jianqun.core.outbox.DeliveryReportMapper.class);
        configuration.addMapper(org.jianqun.core.category.CategoryMapper.class);
        configuration.addMapper(org.jianqun.core.statistics.TallyMapper.class);
        configuration.addMapper(org.jianqun.core.statistics.BackfillMapper.class);
        configuration.addMapper(org.jianqun.core.statistics.CommonProblemsMapper.class);
        this.sessions = new SqlSessionFactoryBuilder().build(configuration);
    }

    /** Opens the pool and brings the schema up to date; fails fast with the cause if the database does not answer. */
    public static Database open(DatabaseSettings settings, int maxPoolSize) {
        return open(settings, maxPoolSize, null);
    }

    /** As {@link #open(DatabaseSettings, int)}, reporting the pool's figures to {@code metrics} when given. */
    public static Database open(DatabaseSettings settings, int maxPoolSize, MeterRegistry metrics) {
        return open(settings, maxPoolSize, metrics, null);
    }

    /**
     * As {@link #open(DatabaseSettings, int, MeterRegistry)}, with the key that seals the audit trail
     * (JIANQUN_AUDIT_KEY). Without one (null) the database can be read and verified against nothing,
     * and an append to the trail is refused.
     */
    public static Database open(DatabaseSettings settings, int maxPoolSize, MeterRegistry metrics, AuditKey auditKey) {
        return open(settings, maxPoolSize, maxPoolSize, metrics, auditKey);
    }

    /**
     * As {@link #open(DatabaseSettings, int, MeterRegistry, AuditKey)}, with at most {@code maxTransactions}
     * transactions at once (the write pool's size; reads have {@code maxPoolSize} connections of their own).
     */
    public static Database open(DatabaseSettings settings, int maxPoolSize, int maxTransactions, MeterRegistry metrics, AuditKey auditKey) {
        HikariDataSource dataSource = new HikariDataSource(pool(settings, "jianqun-db", maxPoolSize, metrics));
        HikariDataSource writes;
        try {
            HikariConfig forWrites = pool(settings, "jianqun-db-writes", maxTransactions, metrics);
            forWrites.setAutoCommit(false);
            writes = new HikariDataSource(forWrites);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            // Flyway leaves targetSchemaVersion null when nothing was applied: the schema is then where it started.
            String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
            LOG.info("schema at version {} ({} migrations applied now)", version, result.migrationsExecuted);
            Database database = new Database(dataSource, writes, settings.isH2(), auditKey);
            if (result.migrations.stream().anyMatch(m -> "12".equals(m.version))) {
                database.sealHeadsWrittenBeforeSeals();
            }
            return database;
        } catch (RuntimeException e) {
            writes.close();
            dataSource.close();
            throw e;
        }
    }

    private static HikariConfig pool(DatabaseSettings settings, String name, int maxPoolSize, MeterRegistry metrics) {
        HikariConfig hikari = new HikariConfig();
        if (metrics != null) {
            hikari.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
        }
        hikari.setPoolName(name);
        hikari.setJdbcUrl(settings.url());
        hikari.setUsername(settings.user());
        hikari.setPassword(settings.password());
        hikari.setMaximumPoolSize(Math.max(2, maxPoolSize)); // Flyway holds two connections while it migrates
        hikari.setConnectionTimeout(5_000);
        hikari.setValidationTimeout(2_000);
        if (!settings.isH2()) {
            // utf8mb4 on the wire (villagers write emoji); batched inserts rewritten into multi-row statements.
            hikari.addDataSourceProperty("characterEncoding", "UTF-8");
            hikari.addDataSourceProperty("connectionCollation", "utf8mb4_unicode_ci");
            hikari.addDataSourceProperty("rewriteBatchedStatements", "true");
            hikari.addDataSourceProperty("cachePrepStmts", "true");
            hikari.addDataSourceProperty("prepStmtCacheSize", "250");
            // The default 256 characters leaves the inbox's 16-column insert out of the cache: parsed again per batch.
            hikari.addDataSourceProperty("prepStmtCacheSqlLimit", "2048");
            hikari.addDataSourceProperty("useServerPrepStmts", "false");
            // Round trips and driver work a request need not pay (HikariCP's MySQL advice): auto-commit and the
            // transaction state known locally, so a read after a read sends no SET and a commit with nothing to
            // commit sends nothing; the server's variables read once per URL; result metadata kept per statement.
            hikari.addDataSourceProperty("useLocalSessionState", "true");
            hikari.addDataSourceProperty("useLocalTransactionState", "true");
            hikari.addDataSourceProperty("cacheServerConfiguration", "true");
            hikari.addDataSourceProperty("cacheResultSetMetadata", "true");
            hikari.addDataSourceProperty("maintainTimeStats", "false");
        }
        return hikari;
    }

    /**
     * In the run that added seals to the audit heads (V12), and only then, the heads already there are
     * sealed: a seal missing later is tampering, never "old", so nobody can have a rewritten head sealed by a restart.
     */
    private void sealHeadsWrittenBeforeSeals() {
        Optional<AuditKey> key = auditKey();
        if (key.isEmpty()) {
            LOG.warn("the audit heads written before V12 stay unsealed: the database was migrated without JIANQUN_AUDIT_KEY");
            return;
        }
        int sealed = inTransaction(s -> AuditTrail.sealHeadsOlderThanSeals(s, key.get()));
        if (sealed > 0) {
            LOG.warn("sealed {} audit chain head(s) written before heads had seals; from now on each is keyed", sealed);
        }
    }

    /**
     * Registers a module's own mapper (the gateway's inbox, say); call at start-up, before the first use. Synchronized:
     * each event loop's HTTP verticle mounts the routes, so two may build the same route class at once, and MyBatis's
     * check-then-add would otherwise register a mapper twice ("Result Maps collection already contains key").
     */
    public synchronized void addMapper(Class<?> mapper) {
        if (!sessions.getConfiguration().hasMapper(mapper)) {
            sessions.getConfiguration().addMapper(mapper);
        }
    }

    /** The audit key this database was opened with, if any. */
    public Optional<AuditKey> auditKey() {
        return Optional.ofNullable(((SealingConfiguration) sessions.getConfiguration()).auditKey);
    }

    /** The audit key of the database {@code session} belongs to; refused when it was opened without one. */
    public static AuditKey auditKey(SqlSession session) {
        if (session.getConfiguration() instanceof SealingConfiguration sealing && sealing.auditKey != null) {
            return sealing.auditKey;
        }
        throw new IllegalStateException("the database was opened without the audit key (JIANQUN_AUDIT_KEY): the trail cannot be sealed");
    }

    /** The audit chains known to have a head in the database {@code session} belongs to (chains are never deleted). */
    public static Set<String> chainsWithHeads(SqlSession session) {
        return ((SealingConfiguration) session.getConfiguration()).chainsWithHeads;
    }

    public boolean isH2() {
        return h2;
    }

    /** The auto-commit pool (reads; the inbox's durable batch inserts, each its own transaction). */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(Function<SqlSession, T> work) {
        return inTransaction(ExecutorType.SIMPLE, work);
    }

    /** As {@link #inTransaction(Function)}, with batched statements (flushed before commit). */
    public <T> T inBatchTransaction(Function<SqlSession, T> work) {
        return inTransaction(ExecutorType.BATCH, work);
    }

    private <T> T inTransaction(ExecutorType type, Function<SqlSession, T> work) {
        if (IN_TRANSACTION.get()) {
            // A second connection from within a transaction: as many of those at once as the write pool holds wait for ever.
            throw new IllegalStateException("a transaction opened inside another on the same thread: pass the caller's session instead");
        }
        Connection connection;
        try {
            connection = writes.getConnection();
        } catch (SQLException e) {
            throw new PersistenceException("no database connection for a transaction: " + e.getMessage(), e);
        }
        IN_TRANSACTION.set(true);
        try {
            return inTransaction(type, connection, work);
        } finally {
            IN_TRANSACTION.remove();
        }
    }

    private <T> T inTransaction(ExecutorType type, Connection connection, Function<SqlSession, T> work) {
        SqlSession opened;
        try {
            opened = sessions.openSession(type, connection);
        } catch (RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        try (SqlSession session = opened) {
            try {
                T result = work.apply(session);
                session.flushStatements();
                // Forced: a transaction that only locked (SELECT … FOR UPDATE) ends committed too, not left to the pool.
                session.commit(true);
                return result;
            } catch (RuntimeException e) {
                session.rollback(true);
                throw e;
            }
        }
    }

    /** Reads outside an explicit transaction (auto-commit). */
    public <T> T read(Function<SqlSession, T> work) {
        try (SqlSession session = sessions.openSession(true)) {
            return work.apply(session);
        }
    }

    /** True when a connection can be taken and answers within a second. */
    public boolean ping() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        writes.close();
        dataSource.close();
    }
}
