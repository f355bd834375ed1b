package org.jianqun.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.identity.DataKeyRing;
import org.jianqun.core.identity.IdentityCipher;
import org.jianqun.core.identity.IdentityVault;
import org.jianqun.core.identity.KeyRotation;
import org.jianqun.core.persistence.Database;
import org.jianqun.miniapp.identity.BoundPhoneTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jianqun keys rotate}: re-seals every sealed identity (reporters' identities, mini-program users' bound phones) under the current data key, in batches (one transaction
 * each), resumable: run it again after an interruption and it carries on with what is not yet under the current key.
 * <ul>
 * <li>Configured key (prod): put the new key in JIANQUN_DATA_KEY and the old one(s) in JIANQUN_DATA_KEY_PREVIOUS
 *     (base64, comma-separated), restart the instances with both, run this, then drop JIANQUN_DATA_KEY_PREVIOUS.</li>
 * <li>Demo (no JIANQUN_DATA_KEY): the first run makes a new {@code data.key} and keeps the old one in
 *     {@code data-previous.key}, which it deletes once everything is re-sealed. Stop the demo platform first (it holds
 *     the old key in memory).</li>
 * </ul>
 * Exit 0 when every identity is under the current key; 1 when some still is not (a key missing from the ring).
 */
@Command(name = "keys", description = "Data keys of real-name identities.", subcommands = KeysCommand.Rotate.class)
final class KeysCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }

    @Command(name = "rotate", description = "Re-seal every identity under the current data key (JIANQUN_DATA_KEY; demo: a new data.key).")
    static final class Rotate implements Callable<Integer> {
        @Option(names = "--batch", defaultValue = "500", description = "rows per transaction (default 500)")
        int batch;

        @Override
        public Integer call() {
            if (batch < 1 || batch > 10_000) {
                throw new IllegalArgumentException("--batch: between 1 and 10000, got " + batch);
            }
            JianqunConfig config = JianqunConfig.load(ConfigSource.fromEnvironment(System.getenv()));
            boolean demoFiles = config.dataKey().isEmpty();
            if (demoFiles) {
                newDemoKeyUnlessResuming(config.dataDir());
            }
            DataKeyRing ring = DataKey.ring(config);
            try (Database database = EmbeddedDatabase.openForCommand(config, 2)) {
                IdentityVault vault = new IdentityVault(database, new IdentityCipher(ring));
                KeyRotation.Report report = new KeyRotation(database, ring, config.clock())
                        .rotate(List.of(vault.table(), new BoundPhoneTable(database, new IdentityCipher(ring))), batch,
                                line -> System.out.println(line));
                System.out.printf("已用密钥 %s 重新加密 %d 条；未完成 %d 条%n", ring.currentId(), report.resealed(), report.stillStale());
                if (report.stillStale() > 0) {
                    System.err.println("仍有身份信息不在当前密钥下：请把旧密钥放进 " + DataKey.PREVIOUS_VARIABLE + " 后再运行");
                    return 1;
                }
                if (demoFiles) {
                    Files.deleteIfExists(config.dataDir().resolve(DataKey.PREVIOUS_FILE));
                }
                return 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Demo: unless a rotation is under way (data-previous.key exists), moves the current key to data-previous.key and
         * writes a fresh data.key. Written in that order, so a crash in between leaves both keys on disk.
         */
        private static void newDemoKeyUnlessResuming(Path dataDir) {
            Path previous = DataDirectory.prepare(dataDir).resolve(DataKey.PREVIOUS_FILE);
            Path current = dataDir.resolve(DataKey.FILE);
            if (Files.exists(previous) || !Files.exists(current)) {
                return;
            }
            try {
                String old = Files.readString(current, StandardCharsets.US_ASCII).trim();
                Files.writeString(previous, old + "\n", StandardCharsets.US_ASCII);
                Files.setPosixFilePermissions(previous, PosixFilePermissions.fromString("rw-------"));
                byte[] fresh = new byte[DataKeyRing.KEY_BYTES];
                new SecureRandom().nextBytes(fresh);
                Path next = dataDir.resolve(DataKey.FILE + ".new");
                Files.writeString(next, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII);
                Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rw-------"));
                Files.move(next, current, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the new data key in " + dataDir, e);
            }
        }
    }
}
