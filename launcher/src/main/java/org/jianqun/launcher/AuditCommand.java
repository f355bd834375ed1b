package org.jianqun.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.concurrent.Callable;
import org.jianqun.core.audit.AuditTrail;
import org.jianqun.core.audit.AuditWitnesses;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.persistence.Database;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code jianqun audit verify}: walks every chain of the audit trail in the configured database (or
 * the embedded one in ./data, even while the platform runs), checks each head's seal with the audit
 * key and every daily witness in JIANQUN_AUDIT_WITNESS_DIR, and prints the result in one line.
 * Exit 0 when the trail is whole, 1 when a row was changed, deleted or inserted or a witness
 * disagrees (the line names the first such day), so a cron job or a monitoring check can act on it.
 */
@Command(name = "audit", description = "Check the hash-chained audit trail.", subcommands = AuditCommand.Verify.class)
final class AuditCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }

    @Command(name = "verify", description = "Verify every chain of the audit trail; exit 0 when whole, 1 when not.")
    static final class Verify implements Callable<Integer> {
        @Override
        public Integer call() {
            // The answer is one line for a cron job or a check to read; the pool's start-up chatter is not part of it.
            if (LoggerFactory.getLogger(Database.class) instanceof Logger logger && !logger.isDebugEnabled()) {
                logger.setLevel(Level.WARN);
            }
            JianqunConfig config = JianqunConfig.load(ConfigSource.fromEnvironment(System.getenv()));
            try (Database database = EmbeddedDatabase.openForCommand(config, 2)) {
                AuditTrail.Verification result = AuditTrail.verify(database, new AuditWitnesses(config.auditWitnessDir()));
                if (result.ok()) {
                    System.out.printf("audit trail ok: %d rows checked%n", result.checked());
                    return 0;
                }
                AuditTrail.FirstBad bad = result.firstBad();
                String where = bad.chain() == null ? "a witness"
                        : (bad.id() == null ? "the chain's end" : "row id " + bad.id()) + " (chain " + bad.chain() + ", position " + bad.seq() + ")";
                System.err.printf("audit trail BROKEN at %s: %s;%s %d rows checked%n", where, bad.problem(),
                        bad.day() == null ? "" : " first day a witness disagrees: " + bad.day() + ";", result.checked());
                return 1;
            }
        }
    }
}
