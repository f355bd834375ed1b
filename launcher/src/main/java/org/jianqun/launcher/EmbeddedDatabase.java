package org.jianqun.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.config.JianqunConfig.DatabaseSettings;

/**
 * The no-configuration database: H2 in MySQL mode in a file under the data directory, so restarts
 * keep the data. AUTO_SERVER lets {@code scripts/jianqun import} write to it while the platform runs.
 */
final class EmbeddedDatabase {
    static final String FILE_STEM = "jianqun";

    private EmbeddedDatabase() {
    }

    static DatabaseSettings settings(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve(FILE_STEM);
        return new DatabaseSettings("jdbc:h2:file:" + file + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE", "sa", "");
    }

    /**
     * {@code --reset}: removes the embedded database, the demo data and audit keys and the default folder of
     * audit witnesses (they witness the database that is going), nothing else.
     */
    static void reset(Path dataDir) {
        if (!Files.isDirectory(dataDir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(FILE_STEM + ".") || name.equals(DataKey.FILE) || name.equals(AuditKeyFile.FILE)) {
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
