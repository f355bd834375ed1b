package org.jianqun.core.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jianqun.core.outbox.Audience;
import org.jianqun.core.outbox.Outbox;
import org.jianqun.core.outbox.OutboxMessage;
import org.jianqun.core.persistence.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily witness of the audit trail: once a day (China time, from {@link #WITNESS_TIME}) every
 * chain's head (seq and hash, no content) is written to the day's signed file ({@link AuditWitnesses})
 * and each county's head is posted to that county's discipline group through the outbox.
 *
 * <p>Once a day, whatever the number of instances: the witness locks every head (in chain order, as
 * appends do) and takes the day only if no {@code audit_witness} row of that day exists, writing those
 * rows, the posts and the file in the same transaction. A second instance waits on the first's locks and
 * then finds the day taken. (The scheduler's Redis lock only saves work, as for the deadline sweep.)
 * Only the latest day is witnessed: after an outage there is no backlog of past days to make up.
 * Blocking: worker threads only.
 */
public final class AuditWitnessJob {
    private static final Logger LOG = LoggerFactory.getLogger(AuditWitnessJob.class);
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** 08:00: the start of the working day, so the post does not ring in a discipline group at night. */
    public static final LocalTime WITNESS_TIME = LocalTime.of(8, 0);
    public static final String EVENT_TYPE = "AUDIT_WITNESS";

    private final Database database;
    private final AuditWitnesses files;
    private final Clock clock;

    public AuditWitnessJob(Database database, AuditWitnesses files, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.files = Objects.requireNonNull(files, "files");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What a run did: the day it witnessed (null when it did not), the heads written and the counties posted to. */
    public record Outcome(LocalDate day, int heads, int posted) {
        static final Outcome NOTHING = new Outcome(null, 0, 0);

        public boolean witnessed() {
            return day != null;
        }
    }

    /** Witnesses today if it is time and nobody has yet. */
    public Outcome runOnce() {
        Instant now = clock.instant();
        ZonedDateTime local = now.atZone(ZONE);
        if (local.toLocalTime().isBefore(WITNESS_TIME)) {
            return Outcome.NOTHING;
        }
        LocalDate day = local.toLocalDate();
        AuditKey key = database.auditKey().orElseThrow(() -> new IllegalStateException("the audit witness needs JIANQUN_AUDIT_KEY"));
        Outcome outcome;
        try {
            outcome = witness(day, now, key);
        } catch (DayTaken taken) {
            outcome = Outcome.NOTHING;
        }
        if (outcome.witnessed()) {
            LOG.info("audit witness for {}: {} chain head(s) in {}, posted to {} county discipline group(s)", outcome.day(), outcome.heads(),
                    files.fileOf(outcome.day()), outcome.posted());
        }
        return outcome;
    }

    /** Thrown to roll back a witness that found the day already taken after all (its rows were committed meanwhile). */
    private static final class DayTaken extends RuntimeException {
        DayTaken() {
            super(null, null, false, false);
        }
    }

    private Outcome witness(LocalDate day, Instant now, AuditKey key) {
        return database.inTransaction(s -> {
            AuditMapper mapper = s.getMapper(AuditMapper.class);
            List<AuditMapper.Head> heads = mapper.lockHeads();
            if (heads.isEmpty() || mapper.witnessedOn(day) != null) {
                return Outcome.NOTHING;
            }
            List<AuditWitnesses.WitnessedHead> taken = new ArrayList<>();
            int posted = 0;
            for (AuditMapper.Head head : heads) {
                if (!AuditTrail.sealFits(key, head)) {
                    // Witnessing it would sign what someone without the key wrote; verify names it instead.
                    LOG.error("audit witness: the head of chain {} is not sealed with the audit key; not witnessed", head.chainKey());
                    continue;
                }
                if (mapper.witness(day, head, now) == 0) {
                    throw new DayTaken();
                }
                taken.add(new AuditWitnesses.WitnessedHead(head.chainKey(), head.seq(), head.hash()));
                if (isCounty(head.chainKey())) {
                    Outbox.enqueue(s, now, null, EVENT_TYPE, new OutboxMessage(Audience.DISCIPLINE, head.chainKey(), text(day, head)));
                    posted++;
                }
            }
            if (taken.isEmpty()) {
                return Outcome.NOTHING;
            }
            // Inside the transaction: a file that cannot be written rolls the day back, to be taken again on the next run.
            files.write(new AuditWitnesses.Witness(day, now, taken), key);
            return new Outcome(day, taken.size(), posted);
        });
    }

    private static boolean isCounty(String chainKey) {
        return chainKey.length() == 6 && chainKey.chars().allMatch(Character::isDigit);
    }

    /** Only the position and the hash: a discipline group keeps the post as a receipt, and it says nothing of any ticket. */
    static String text(LocalDate day, AuditMapper.Head head) {
        return "【审计链见证】" + day + " 本县审计链链头：第 " + head.seq() + " 条，哈希 " + head.hash()
                + "。仅为摘要、不含内容；请留存，核查审计记录时用于比对。";
    }
}
