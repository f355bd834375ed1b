package org.jianqun.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.config.JianqunConfig.DatabaseSettings;

/**
 * The no-configuration database: H2 in MySQL mode in a file under the data directory, so restarts
 * keep the data. It keeps MySQL's promise: {@code WRITE_DELAY=0} makes every commit write its chunk
 * to the file before it returns (H2's default writes up to half a second later, and a kill -9 in
 * between lost acknowledged messages and handed their ticket numbers out again). AUTO_SERVER lets
 * {@code scripts/jianqun import} write to it while the platform runs: its server listens on loopback
 * only ({@code h2.bindAddress}), and the user {@code sa} has a generated password kept owner-only in
 * the data directory (README: decisions).
 */
final class EmbeddedDatabase {
    static final String FILE_STEM = "jianqun";
    static final String PASSWORD_FILE = "h2.password";
    static final String USER = "sa";
    private static final String LOOPBACK = "127.0.0.1";

    static {
        // H2 reads it once, when its SysProperties class loads: set before any H2 class is touched.
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", LOOPBACK);
        }
    }

    private EmbeddedDatabase() {
    }

    static DatabaseSettings settings(Path dataDir) {
        requireLoopbackServer();
        Path dir = DataDirectory.prepare(dataDir);
        String url = "jdbc:h2:file:" + dir.resolve(FILE_STEM) + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE;WRITE_DELAY=0";
        return new DatabaseSettings(url, USER, password(dir, url));
    }

    /** After H2 opened its files (they get the process's umask): narrows them to the owner. */
    static void tighten(Path dataDir) {
        DataDirectory.tighten(dataDir.toAbsolutePath());
    }

    /**
     * The password of {@code sa}: a new database is created with it; a database from before it existed
     * (empty password) is given it once. The new password is kept beside the file until the database
     * took it, so a crash in between neither locks the data out nor leaves it open.
     */
    private static String password(Path dir, String url) {
        Path kept = dir.resolve(PASSWORD_FILE);
        if (Files.exists(kept)) {
            try {
                return Files.readString(kept, java.nio.charset.StandardCharsets.US_ASCII).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + kept, e);
            }
        }
        Path pending = dir.resolve(PASSWORD_FILE + ".new");
        String password = DataDirectory.secret(pending, EmbeddedDatabase::newPassword);
        if (Files.exists(dir.resolve(FILE_STEM + ".mv.db"))) {
            try (Connection c = DriverManager.getConnection(url, USER, ""); Statement s = c.createStatement()) {
                s.execute("ALTER USER " + USER + " SET PASSWORD '" + password + "'"); // hex digits only: nothing to quote
            } catch (SQLException e) {
                if (!"28000".equals(e.getSQLState())) {
                    throw new IllegalStateException("cannot set the embedded database's password: " + e.getMessage(), e);
                }
                // 28000 (wrong password): it took the pending one before a crash; the move below completes it
            }
        }
        try {
            Files.move(pending, kept, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep " + kept, e);
        }
        return password;
    }

    private static String newPassword() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** Fails closed: an auto-server on every interface would offer the database to the whole network. */
    private static void requireLoopbackServer() {
        String bind = org.h2.engine.SysProperties.BIND_ADDRESS;
        if (!LOOPBACK.equals(bind)) {
            throw new IllegalStateException("the embedded database's server would listen on " + (bind == null ? "every interface" : bind)
                    + ", not loopback: H2 was loaded before -Dh2.bindAddress=" + LOOPBACK + " was set");
        }
    }

    /**
     * The database a CLI command works on (import, holidays, audit verify): the configured one, or the embedded
     * one in the data dir even while the platform runs, opened with the audit key so what it writes is sealed.
     */
    static org.jianqun.core.persistence.Database openForCommand(org.jianqun.core.config.JianqunConfig config, int poolSize) {
        return org.jianqun.core.persistence.Database.open(config.database().orElseGet(() -> settings(config.dataDir())), poolSize, null,
                AuditKeyFile.resolve(config));
    }

    /**
     * {@code --reset}: removes the embedded database, its password, the demo data and audit keys and the default
     * folder of audit witnesses (they witness the database that is going), nothing else.
     */
    static void reset(Path dataDir) {
        if (!Files.isDirectory(dataDir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(FILE_STEM + ".") || name.equals(DataKey.FILE) || name.equals(DataKey.PREVIOUS_FILE) || name.equals(AuditKeyFile.FILE) || name.startsWith(PASSWORD_FILE)) {
                    Files.delete(p);
                } else if (name.equals(JianqunConfig.DEFAULT_AUDIT_WITNESS_FOLDER) && Files.isDirectory(p)) {
                    try (Stream<Path> witnesses = Files.list(p)) {
                        for (Path w : witnesses.toList()) {
                            Files.delete(w);
                        }
                    }
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dataDir, e);
        }
    }
}
