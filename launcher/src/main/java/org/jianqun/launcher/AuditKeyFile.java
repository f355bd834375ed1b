package org.jianqun.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jianqun.core.audit.AuditKey;
import org.jianqun.core.config.ConfigException;
import org.jianqun.core.config.JianqunConfig;

/**
 * The key that seals the audit trail (JIANQUN_AUDIT_KEY). In the demo profile without one, a key is
 * generated once and kept in the data directory, owner-only from the moment the file exists, like the
 * data key: the demo database under ./data then still verifies after a restart. (Prod requires the
 * variable; {@link JianqunConfig} refuses to start without it.)
 */
final class AuditKeyFile {
    static final String FILE = "audit.key";

    private AuditKeyFile() {
    }

    static AuditKey resolve(JianqunConfig config) {
        if (config.auditKey().isPresent()) {
            return config.auditKey().get();
        }
        Path file = config.dataDir().resolve(FILE);
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            Files.createDirectories(config.dataDir());
            AuditKey key = AuditKey.generate();
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file); // not a POSIX file system: the directory's own permissions protect it
            } catch (FileAlreadyExistsException another) {
                return read(file); // another command made it just now
            }
            Files.writeString(file, key.toBase64(), StandardCharsets.US_ASCII);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the demo audit key in " + file, e);
        }
    }

    private static AuditKey read(Path file) throws IOException {
        try {
            return AuditKey.fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("JIANQUN_AUDIT_KEY", file + " does not hold a base64 key of 256 bits or more; delete it or run with --reset");
        }
    }
}
