package org.jianqun.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jianqun.core.config.ConfigException;

/**
 * The data directory (JIANQUN_DATA_DIR) holds the embedded database, its password and the demo keys:
 * it is owner-only (0700, files 0600), so no other account on the machine can read or write them.
 * Secrets are created with their permissions, never widened after the fact.
 */
final class DataDirectory {
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private DataDirectory() {
    }

    /** Creates the directory owner-only, or narrows an existing one and the files in it. */
    static Path prepare(Path dir) {
        Path abs = dir.toAbsolutePath();
        try {
            if (!Files.isDirectory(abs)) {
                Files.createDirectories(abs, posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIR)} : new FileAttribute<?>[0]);
            }
            if (posix()) {
                if (Files.getPosixFilePermissions(abs).contains(PosixFilePermission.OTHERS_WRITE)) {
                    // /tmp, say: narrowing it would break the machine, and sharing it is what must not be
                    throw new ConfigException("JIANQUN_DATA_DIR", abs + " is writable by everyone; give the platform a directory of its own");
                }
                Files.setPosixFilePermissions(abs, DIR);
            }
            tighten(abs);
            return abs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + abs + " owner-only", e);
        }
    }

    /**
     * Narrows the platform's files in the directory to 0600 (H2 creates its files with the process's
     * umask): the database's ({@code jianqun.*}), passwords and keys; an operator's other files are theirs.
     */
    static void tighten(Path dir) {
        if (!posix() || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(Files::isRegularFile).filter(DataDirectory::ours).toList()) {
                try {
                    Files.setPosixFilePermissions(p, FILE);
                } catch (java.nio.file.NoSuchFileException gone) {
                    // a temporary file H2 removed meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the files in " + dir + " owner-only", e);
        }
    }

    /** The secret kept in {@code file}, made by {@code create} (and written 0600 from the first byte) if there is none yet. */
    static String secret(Path file, Supplier<String> create) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            String value = create.get();
            try {
                Files.write(Files.createFile(file, posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0]),
                        value.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.TRUNCATE_EXISTING);
                return value;
            } catch (FileAlreadyExistsException raced) {
                // another process (the CLI beside the platform) made it first: theirs counts
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep " + file, e);
        }
    }

    private static boolean ours(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(EmbeddedDatabase.FILE_STEM + ".") || name.startsWith(EmbeddedDatabase.PASSWORD_FILE) || name.endsWith(".key");
    }

    private static boolean posix() {
        return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
