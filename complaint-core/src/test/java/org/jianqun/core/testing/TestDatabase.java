package org.jianqun.core.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.jianqun.core.audit.AuditKey;
import org.jianqun.core.config.JianqunConfig.DatabaseSettings;
import org.jianqun.core.persistence.Database;

/**
 * A fresh, migrated database for one test class: a new schema on the MariaDB/MySQL server named by
 * JIANQUN_TEST_DB_URL (+ _USER, _PASSWORD) when set, otherwise a private in-memory H2 in MySQL mode.
 * Under CI (CI=true) the real server is required, so a missing variable fails instead of quietly
 * testing H2 only.
 */
public final class TestDatabase implements AutoCloseable {
    private final Database database;
    private final DatabaseSettings settings;
    private final String dropUrl;
    private final String schema;

    private TestDatabase(Database database, DatabaseSettings settings, String dropUrl, String schema) {
        this.database = database;
        this.settings = settings;
        this.dropUrl = dropUrl;
        this.schema = schema;
    }

    public static boolean realServerConfigured() {
        String url = System.getenv("JIANQUN_TEST_DB_URL");
        if ((url == null || url.isBlank()) && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI must set JIANQUN_TEST_DB_URL: the suite has to run against real MariaDB/MySQL");
        }
        return url != null && !url.isBlank();
    }

    /** A new database on the configured server, or H2 when none is configured. */
    public static TestDatabase fresh() {
        return realServerConfigured() ? freshMariaDb() : freshH2();
    }

    public static TestDatabase freshH2() {
        DatabaseSettings settings = new DatabaseSettings("jdbc:h2:mem:t" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "");
        return new TestDatabase(Database.open(settings, 8, null, AuditKey.generate()), settings, null, null);
    }

    public static TestDatabase freshMariaDb() {
        Server server = Server.configured();
        String schema = server.createSchema();
        DatabaseSettings settings = server.settings(schema);
        return new TestDatabase(Database.open(settings, 8, null, AuditKey.generate()), settings, server.dropUrl(), schema);
    }

    /**
     * A new database migrated only up to {@code version}: the schema an older platform left, for a test of what
     * upgrading it does (open it with {@link Database#open} to migrate the rest). It has no {@link #database()}.
     */
    public static TestDatabase atVersion(String version) {
        DatabaseSettings settings;
        String schema = null;
        String dropUrl = null;
        if (realServerConfigured()) {
            Server server = Server.configured();
            schema = server.createSchema();
            settings = server.settings(schema);
            dropUrl = server.dropUrl();
        } else {
            settings = new DatabaseSettings("jdbc:h2:mem:t" + UUID.randomUUID().toString().replace("-", "")
                    + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "");
        }
        Flyway.configure().dataSource(settings.url(), settings.user(), settings.password())
                .locations("classpath:db/migration").target(version).load().migrate();
        return new TestDatabase(null, settings, dropUrl, schema);
    }

    /** The MariaDB/MySQL server of JIANQUN_TEST_DB_URL, where each test database is a schema of its own. */
    private record Server(String base, String params, String user, String password) {
        static Server configured() {
            String url = System.getenv("JIANQUN_TEST_DB_URL");
            int slash = url.indexOf('/', "jdbc:mysql://".length());
            int query = url.indexOf('?');
            return new Server(slash < 0 ? url : url.substring(0, slash), query < 0 ? "" : url.substring(query),
                    orDefault(System.getenv("JIANQUN_TEST_DB_USER"), "root"), orDefault(System.getenv("JIANQUN_TEST_DB_PASSWORD"), ""));
        }

        String createSchema() {
            String schema = "jq_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            try (Connection c = DriverManager.getConnection(dropUrl(), user, password); Statement s = c.createStatement()) {
                // latin1 server default on purpose: the schema itself must make every table utf8mb4.
                s.execute("CREATE DATABASE " + schema + " CHARACTER SET latin1");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create a test database on " + base + ": " + e.getMessage(), e);
            }
            return schema;
        }

        DatabaseSettings settings(String schema) {
            return new DatabaseSettings(base + "/" + schema + params, user, password);
        }

        String dropUrl() {
            return base + "/" + params;
        }
    }

    public Database database() {
        if (database == null) {
            throw new IllegalStateException("a database at an older version has no Database: open one to migrate it");
        }
        return database;
    }

    /** Another pool on the same database, with the same audit key (a second instance, say). */
    public Database openAnother(int poolSize) {
        return Database.open(settings, poolSize, null, database.auditKey().orElseThrow());
    }

    public DatabaseSettings settings() {
        return settings;
    }

    public boolean isMariaDb() {
        return schema != null;
    }

    @Override
    public void close() {
        if (database != null) {
            database.close();
        }
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(dropUrl, settings.user(), settings.password()); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + schema);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
