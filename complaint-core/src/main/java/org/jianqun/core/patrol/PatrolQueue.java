package org.jianqun.core.patrol;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jianqun.core.access.Actor;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.persistence.Database;

/**
 * 网巡: a discipline officer's queue for a region and a day — a read model beside the desk, never a command.
 * It holds what happened that day and what is still unreviewed from the {@link #EARLIER_DAYS} before it, of
 * every kind its {@link PatrolSource}s answer for, newest first. Reviewing (the {@link PatrolLog}) takes an
 * item out of the queue of the reviewer's office. Blocking: call from a worker thread.
 */
public final class PatrolQueue {
    /** How far back an unreviewed item still shows: a month of absence is caught up, older is the statistics' business. */
    public static final int EARLIER_DAYS = 30;

    private final List<PatrolSource> sources;
    private final Map<PatrolKind, PatrolSource> byKind = new LinkedHashMap<>();
    private final Clock clock;

    public PatrolQueue(List<PatrolSource> sources, Clock clock) {
        this.sources = List.copyOf(sources);
        this.clock = clock;
        for (PatrolSource source : this.sources) {
            for (PatrolKind kind : source.kinds()) {
                if (byKind.put(kind, source) != null) {
                    throw new IllegalArgumentException("two patrol sources answer for " + kind.wireName());
                }
            }
        }
    }

    /** The sources every console has: ticket steps, flagged messages and held content (待审内容); smart warnings and missing disclosures join them here. */
    public static List<PatrolSource> standardSources(Database database, FlaggedMessages flagged) {
        return List.of(new TicketStepSource(database), new FlaggedMessageSource(database, flagged), new HeldContentSource(database));
    }

    /** {@code more}: some items were left out by the limit (review the shown ones, or look at a narrower scope). */
    public record Queue(LocalDate date, String scope, Instant from, List<PatrolItem> items, boolean more) {
    }

    public Set<PatrolKind> kinds() {
        return byKind.keySet();
    }

    public Optional<PatrolSource> sourceOf(PatrolKind kind) {
        return Optional.ofNullable(byKind.get(kind));
    }

    /** Today in the platform's working time (Asia/Shanghai). */
    public LocalDate today() {
        return clock.instant().atZone(WorkingDayCalendar.ZONE).toLocalDate();
    }

    /** The officer's queue for {@code scope} (within their own: the caller checks) on {@code date}. */
    public Queue of(Actor officer, String scope, LocalDate date, int limit) {
        Instant from = date.minusDays(EARLIER_DAYS).atStartOfDay(WorkingDayCalendar.ZONE).toInstant();
        Instant to = date.plusDays(1).atStartOfDay(WorkingDayCalendar.ZONE).toInstant();
        PatrolWindow window = new PatrolWindow(officer, scope, from, to);
        List<PatrolItem> all = new ArrayList<>();
        // One more than asked of each: if any comes back beyond the limit, the queue says there is more.
        sources.forEach(source -> all.addAll(source.unreviewed(window, limit + 1)));
        all.sort(Comparator.comparing(PatrolItem::at).reversed().thenComparing(i -> i.key().text()));
        boolean more = all.size() > limit;
        return new Queue(date, scope, from, more ? List.copyOf(all.subList(0, limit)) : List.copyOf(all), more);
    }
}
