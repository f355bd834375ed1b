package org.jianqun.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.jianqun.core.config.ConfigException;
import org.jianqun.core.config.JianqunConfig;

/**
 * The 256-bit key that encrypts real-name identities at rest (JIANQUN_DATA_KEY). In the demo profile
 * without one, a key is generated once and kept in the data directory (owner-only), so restarts can
 * still read what was written.
 */
final class DataKey {
    static final String FILE = "data.key";

    private DataKey() {
    }

    static byte[] resolve(JianqunConfig config) {
        if (config.dataKey().isPresent()) {
            return config.dataKey().get();
        }
        Path file = config.dataDir().resolve(FILE);
        try {
            if (Files.exists(file)) {
                byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
                if (key.length != 32) {
                    throw new ConfigException("JIANQUN_DATA_KEY", file + " does not hold a 256-bit key; delete it or run with --reset");
                }
                return key;
            }
            Files.createDirectories(config.dataDir());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the directory's own permissions protect it
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the demo data key in " + file, e);
        }
    }
}
