package org.jianqun.launcher;

import java.nio.file.Path;
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
