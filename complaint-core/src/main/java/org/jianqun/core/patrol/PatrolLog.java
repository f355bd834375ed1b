package org.jianqun.core.patrol;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.access.Actor;
import org.jianqun.core.audit.AuditEntry;
import org.jianqun.core.audit.AuditTrail;
import org.jianqun.core.desk.Via;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.DatabaseFailures;
import org.jianqun.core.ticket.Initiator;

/**
 * The patrol log: marking queue items reviewed, with a note, is what a patrol leaves behind — who patrolled
 * what, when — and each review is an audit event. An item is reviewed once per office (the reviewer's
 * scope). Blocking.
 */
public final class PatrolLog {
    public static final int MAX_NOTE_LENGTH = 1_000;
    public static final int MAX_ITEMS = 200;
    public static final String AUDIT_TYPE = "PATROL_REVIEWED";

    private final Database database;
    private final PatrolQueue queue;
    private final Clock clock;

    public PatrolLog(Database database, PatrolQueue queue, Clock clock) {
        this.database = database;
        this.queue = queue;
        this.clock = clock;
        database.addMapper(PatrolMapper.class);
    }

    /** One review as the log shows it. */
    public record Entry(long id, Instant at, long reviewerId, String reviewerName, String office, String note, List<PatrolKey> items) {
    }

    /**
     * Marks the items reviewed by the officer's office, all or none: each must be in the officer's queue (any day's)
     * and not reviewed yet by the office.
     */
    public ReviewOutcome review(Actor officer, List<PatrolKey> items, Optional<String> note) {
        List<PatrolKey> missing = items.stream().filter(k -> queue.sourceOf(k.kind()).flatMap(s -> s.find(officer, k)).isEmpty()).toList();
        if (!missing.isEmpty()) {
            return new ReviewOutcome.Refused(PatrolRule.ITEM_NOT_IN_QUEUE, missing, "不在你的网巡范围内：" + texts(missing));
        }
        List<PatrolKey> byVerdict = items.stream().filter(k -> queue.sourceOf(k.kind()).map(PatrolSource::decidedByVerdict).orElse(false)).toList();
        if (!byVerdict.isEmpty()) {
            return new ReviewOutcome.Refused(PatrolRule.NEEDS_VERDICT, byVerdict, "待审内容须放行或不予显示，不能只标已阅：" + texts(byVerdict));
        }
        String office = officer.scopeCode();
        List<PatrolKey> already = alreadyReviewed(office, items);
        if (!already.isEmpty()) {
            return new ReviewOutcome.Refused(PatrolRule.ALREADY_REVIEWED, already, "本机关已阅过：" + texts(already));
        }
        Instant now = clock.instant();
        try {
            return new ReviewOutcome.Reviewed(database.inTransaction(s -> write(s, officer, office, items, note.orElse(null), now)));
        } catch (RuntimeException e) {
            if (DatabaseFailures.isDuplicateKey(e)) {
                // Another officer of the office reviewed one of them a moment ago: say which, as above.
                List<PatrolKey> raced = alreadyReviewed(office, items);
                return new ReviewOutcome.Refused(PatrolRule.ALREADY_REVIEWED, raced, "本机关已阅过：" + texts(raced));
            }
            throw e;
        }
    }

    private Entry write(SqlSession s, Actor officer, String office, List<PatrolKey> items, String note, Instant now) {
        PatrolMapper mapper = s.getMapper(PatrolMapper.class);
        PatrolMapper.ReviewHolder review = new PatrolMapper.ReviewHolder(office, officer.personId(), officer.displayName(), now, note);
        mapper.insertReview(review);
        items.forEach(k -> mapper.insertItem(office, k.kind().wireName(), k.ref(), review.getId()));
        String detail = "网巡已阅 " + items.size() + " 项：" + texts(items) + (note == null ? "" : "；备注：" + note);
        AuditTrail.append(s, new AuditEntry(AuditTrail.chainOf(office), now, null, AUDIT_TYPE, AuditEntry.ACCEPTED,
                new Initiator.ByActor(officer).describe(), officer.role().wireName(), Via.CONSOLE.wireName(), null, null,
                clip(detail, 4_000)));
        return new Entry(review.getId(), now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS), officer.personId(), officer.displayName(),
                office, note, List.copyOf(items));
    }

    private List<PatrolKey> alreadyReviewed(String office, List<PatrolKey> items) {
        Map<PatrolKind, List<PatrolKey>> byKind = items.stream().collect(Collectors.groupingBy(PatrolKey::kind, LinkedHashMap::new, Collectors.toList()));
        return database.read(s -> {
            List<PatrolKey> found = new ArrayList<>();
            byKind.forEach((kind, keys) -> s.getMapper(PatrolMapper.class)
                    .reviewed(office, kind.wireName(), keys.stream().map(PatrolKey::ref).toList())
                    .forEach(ref -> found.add(new PatrolKey(kind, ref))));
            return found;
        });
    }

    /** The reviews of the offices within {@code scope} (the caller checks it is the officer's), newest first, before review {@code before}. */
    public List<Entry> entries(String scope, Long before, int limit) {
        return database.read(s -> {
            PatrolMapper mapper = s.getMapper(PatrolMapper.class);
            List<PatrolMapper.ReviewRow> rows = mapper.reviews(scope, before, limit);
            if (rows.isEmpty()) {
                return List.<Entry>of();
            }
            Map<Long, List<PatrolKey>> items = new LinkedHashMap<>();
            mapper.itemsOf(rows.stream().map(PatrolMapper.ReviewRow::id).toList()).forEach(i -> items
                    .computeIfAbsent(i.review(), r -> new ArrayList<>()).add(new PatrolKey(new PatrolKind(i.kind()), i.ref())));
            return rows.stream().map(r -> new Entry(r.id(), r.at(), r.reviewerId(), r.reviewerName(), r.office(), r.note(),
                    List.copyOf(items.getOrDefault(r.id(), List.of())))).toList();
        });
    }

    private static String texts(List<PatrolKey> keys) {
        return keys.stream().map(PatrolKey::text).collect(Collectors.joining("、"));
    }

    private static String clip(String text, int max) {
        return text.codePointCount(0, text.length()) <= max ? text : text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }
}
