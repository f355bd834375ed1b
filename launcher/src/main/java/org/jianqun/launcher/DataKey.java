package org.jianqun.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.identity.DataKeyRing;
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
    /** Demo only: the keys a rotation replaced, one base64 key a line, until the rotation has re-sealed everything. */
    static final String PREVIOUS_FILE = "data-previous.key";
    static final String PREVIOUS_VARIABLE = "JIANQUN_DATA_KEY_PREVIOUS";

    private DataKey() {
    }

    /**
     * The key ring: JIANQUN_DATA_KEY and JIANQUN_DATA_KEY_PREVIOUS when the key is configured; in the demo without one,
     * {@code data.key} and {@code data-previous.key} (left there by an unfinished {@code keys rotate}).
     */
    static DataKeyRing ring(JianqunConfig config) {
        byte[] current = resolve(config);
        List<byte[]> previous;
        try {
            if (config.dataKey().isPresent()) {
                previous = DataKeyRing.parsePrevious(ConfigSource.fromEnvironment(System.getenv()).get(PREVIOUS_VARIABLE).orElse(null));
            } else {
                Path file = config.dataDir().resolve(PREVIOUS_FILE);
                previous = Files.exists(file) ? DataKeyRing.parsePrevious(Files.readString(file, StandardCharsets.US_ASCII)) : List.of();
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(PREVIOUS_VARIABLE, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PREVIOUS_FILE, e);
        }
        return DataKeyRing.of(current, previous);
    }

    static byte[] resolve(JianqunConfig config) {
        if (config.dataKey().isPresent()) {
            return config.dataKey().get();
        }
        Path file = DataDirectory.prepare(config.dataDir()).resolve(FILE);
        String encoded = DataDirectory.secret(file, () -> {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            return Base64.getEncoder().encodeToString(fresh);
        });
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length != 32) {
            throw new ConfigException("JIANQUN_DATA_KEY", file + " does not hold a 256-bit key; delete it or run with --reset");
        }
        return key;
    }
}
