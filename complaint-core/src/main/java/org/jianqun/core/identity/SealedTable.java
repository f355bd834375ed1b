package org.jianqun.core.identity;

import java.time.Instant;
import org.apache.ibatis.session.SqlSession;

/**
 * A table of sealed values that a key rotation re-seals: the reporters' identities here, and any other module's
 * (the mini-program's bound phones). Each row records the key it is sealed under, so a batch is "rows not under the
 * current key, after the last key seen", and a rotation cut short resumes where it stopped by running again.
 */
public interface SealedTable {
    String name();

    long countStale(SqlSession s, DataKeyRing.KeyId current);

    /** Re-seals up to {@code limit} stale rows after {@code after} (the table's own ordering key) in the caller's transaction. */
    Batch resealBatch(SqlSession s, long after, int limit, Instant at);

    /** @param resealed rows re-sealed; {@code last} the ordering key of the last one (the next batch starts after it) */
    record Batch(int resealed, long last) {
    }
}
