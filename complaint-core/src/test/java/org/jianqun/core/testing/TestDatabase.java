package org.jianqun.core.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
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
        String url = System.getenv("JIANQUN_TEST_DB_URL");
        String user = orDefault(System.getenv("JIANQUN_TEST_DB_USER"), "root");
        String password = orDefault(System.getenv("JIANQUN_TEST_DB_PASSWORD"), "");
        String schema = "jq_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        int slash = url.indexOf('/', "jdbc:mysql://".length());
        int query = url.indexOf('?');
        String server = slash < 0 ? url : url.substring(0, slash);
        String params = query < 0 ? "" : url.substring(query);
        try (Connection c = DriverManager.getConnection(server + "/" + params, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + schema + " CHARACTER SET latin1");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + server + ": " + e.getMessage(), e);
        }
        // latin1 server default on purpose: the schema itself must make every table utf8mb4.
        DatabaseSettings settings = new DatabaseSettings(server + "/" + schema + params, user, password);
        return new TestDatabase(Database.open(settings, 8, null, AuditKey.generate()), settings, server + "/" + params, schema);
    }

    public Database database() {
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
        database.close();
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
