package org.jianqun.core.content;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.access.AccessPolicy;
import org.jianqun.core.access.Actor;
import org.jianqun.core.persistence.Database;

/** Reads the text the content check held for review (the patrol queue's and the verdicts'). Blocking. */
public final class HeldTexts {
    private final Database database;

    public HeldTexts(Database database) {
        this.database = database;
        database.addMapper(HeldContentMapper.class);
    }

    /** What waits for a verdict in villages within {@code scope}, held before {@code to}, at most {@code limit} of each source. */
    public List<HeldText> awaiting(String scope, Instant to, int limit) {
        return database.read(s -> s.getMapper(HeldContentMapper.class).awaiting(scope, to, limit)).stream()
                .flatMap(r -> HeldText.of(r).stream()).toList();
    }

    /** The held text if it is in the officer's scope, whatever its state. */
    public Optional<HeldText> find(Actor officer, HeldRef ref) {
        return database.read(s -> read(s, ref)).filter(t -> AccessPolicy.covers(officer, t.villageCode()));
    }

    static Optional<HeldText> read(SqlSession s, HeldRef ref) {
        HeldContentMapper mapper = s.getMapper(HeldContentMapper.class);
        return HeldText.of(ref instanceof HeldRef.Report r ? mapper.report(r.ticketNo())
                : mapper.comment(((HeldRef.Comment) ref).pollId(), ((HeldRef.Comment) ref).voterId()));
    }
}
