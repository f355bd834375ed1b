package org.jianqun.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.config.JianqunConfig.DatabaseSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The embedded default is its owner's only: nobody else on the machine reads its files or logs into its database. */
class EmbeddedExposureTest {
    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void dataIsOwnerOnlyAndTheAutoServerListensOnLoopbackBehindAPassword(@TempDir Path parent) throws Exception {
        Path dataDir = parent.resolve("data");
        JianqunConfig config = JianqunConfig.load(ConfigSource.of(Map.of("JIANQUN_HTTP_PORT", "0", "JIANQUN_DATA_DIR", dataDir.toString())));
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger platformLog = (Logger) LoggerFactory.getLogger(Platform.class);
        platformLog.addAppender(log);
        ch.qos.logback.classic.Level level = platformLog.getLevel();
        platformLog.setLevel(ch.qos.logback.classic.Level.INFO);
        try (Platform platform = Platform.start(config, EnumSet.of(ServiceRole.GATEWAY))) {
            assertThat(platform.usesEmbeddedDatabase() && platform.usesEmbeddedRedis()).isTrue();
            assertThat(mode(dataDir)).isEqualTo("rwx------");
            List<String> files = new ArrayList<>();
            try (Stream<Path> list = Files.list(dataDir)) {
                for (Path p : list.filter(Files::isRegularFile).toList()) {
                    files.add(p.getFileName() + " " + mode(p));
                }
            }
            assertThat(files).isNotEmpty().allMatch(f -> f.endsWith(" rw-------"));
            assertThat(files).anyMatch(f -> f.startsWith(EmbeddedDatabase.PASSWORD_FILE + " "));

            // The auto-server announces where it listens in its lock file: loopback, and nothing else answers on its port.
            Properties lock = new Properties();
            try (InputStream in = Files.newInputStream(dataDir.resolve(EmbeddedDatabase.FILE_STEM + ".lock.db"))) {
                lock.load(in);
            }
            String server = lock.getProperty("server");
            String host = server.substring(0, server.lastIndexOf(':'));
            int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
            assertThat(InetAddress.getByName(host).isLoopbackAddress()).as("the auto-server at %s", server).isTrue();
            for (InetAddress address : otherAddresses()) {
                try (Socket s = new Socket()) {
                    assertThatThrownBy(() -> s.connect(new InetSocketAddress(address, port), 1000)).as("port %d on %s", port, address)
                            .isInstanceOfAny(ConnectException.class, SocketTimeoutException.class);
                }
            }

            DatabaseSettings settings = EmbeddedDatabase.settings(dataDir);
            assertThat(settings.password()).hasSizeGreaterThanOrEqualTo(32);
            assertThatThrownBy(() -> DriverManager.getConnection(settings.url(), "sa", "").close())
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28000"));
            try (Connection c = DriverManager.getConnection(settings.url(), settings.user(), settings.password())) {
                assertThat(c.isValid(1)).as("the CLI's way in still works while the platform runs").isTrue();
            }
        } finally {
            platformLog.detachAppender(log);
            platformLog.setLevel(level);
        }
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.startsWith("jianqun stopped"));
    }

    @Test
    void aDatabaseFromBeforeTheFixIsGivenAPasswordOnce(@TempDir Path parent) throws Exception {
        Path dataDir = Files.createDirectories(parent.resolve("data"));
        String oldUrl = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(EmbeddedDatabase.FILE_STEM) + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE";
        try (Connection c = DriverManager.getConnection(oldUrl, "sa", "")) {
            c.createStatement().execute("CREATE TABLE kept (v INT)");
        }
        DatabaseSettings settings = EmbeddedDatabase.settings(dataDir);
        assertThat(settings.password()).isNotEmpty();
        assertThat(mode(dataDir.resolve(EmbeddedDatabase.PASSWORD_FILE))).isEqualTo("rw-------");
        assertThatThrownBy(() -> DriverManager.getConnection(oldUrl, "sa", "").close()).isInstanceOf(SQLException.class);
        try (Connection c = DriverManager.getConnection(settings.url(), settings.user(), settings.password())) {
            assertThat(c.createStatement().executeQuery("SELECT COUNT(*) FROM kept").next()).isTrue();
        }
        assertThat(EmbeddedDatabase.settings(dataDir).password()).as("kept, not made again").isEqualTo(settings.password());
    }

    @Test
    void aDirectoryEveryoneMayWriteIsRefusedNotNarrowed(@TempDir Path parent) throws Exception {
        Path shared = Files.createDirectories(parent.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> EmbeddedDatabase.settings(shared)).isInstanceOf(org.jianqun.core.config.ConfigException.class)
                .hasMessageContaining("writable by everyone");
        assertThat(mode(shared)).isEqualTo("rwxrwxrwx");
    }

    private static List<InetAddress> otherAddresses() throws Exception {
        List<InetAddress> out = new ArrayList<>();
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (nic.isUp()) {
                nic.inetAddresses().filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()).forEach(out::add);
            }
        }
        return out;
    }
}
