package org.jianqun.core.identity;

import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.jianqun.core.persistence.Database;

/**
 * {@code jianqun keys rotate}: re-seals every sealed value under the current key, table by table, in batches of
 * one transaction each. Interrupted, it loses at most the batch in flight and starts over on what is still stale.
 * Blocking.
 */
public final class KeyRotation {
    public static final int DEFAULT_BATCH = 500;
    private final Database database;
    private final DataKeyRing ring;
    private final Clock clock;

    public KeyRotation(Database database, DataKeyRing ring, Clock clock) {
        this.database = database;
        this.ring = ring;
        this.clock = clock;
    }

    /** What a rotation did: rows re-sealed, and rows still not under the current key afterwards (0 when complete). */
    public record Report(long resealed, long stillStale) {
    }

    public Report rotate(List<SealedTable> tables, int batchSize, Consumer<String> progress) {
        long total = 0;
        for (SealedTable table : tables) {
            long after = 0;
            while (true) {
                long from = after;
                SealedTable.Batch batch = database.inTransaction(s -> table.resealBatch(s, from, batchSize, clock.instant()));
                total += batch.resealed();
                if (batch.resealed() == 0) {
                    break;
                }
                after = batch.last();
                progress.accept(table.name() + ": " + total + " re-sealed under key " + ring.currentId());
            }
        }
        long stale = 0;
        for (SealedTable table : tables) {
            stale += database.read(s -> table.countStale(s, ring.currentId()));
        }
        return new Report(total, stale);
    }
}
