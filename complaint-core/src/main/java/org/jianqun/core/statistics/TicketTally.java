package org.jianqun.core.statistics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.access.Confidentiality;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.ticket.Closure;
import org.jianqun.core.ticket.TicketState;

/**
 * The rules that say what one ticket contributes to the statistics (a {@link TallyKey} and its
 * {@link TallyCounts}), and the write that keeps {@code ticket_tally} equal to the sum of every ticket's
 * contribution (and its monthly roll-ups the same): whoever stores a ticket's change applies {@link #change} in the same transaction.
 *
 * <p>A ticket counts in the period of its registration day (a cohort: "of the tickets registered in March,
 * how many were resolved within 5 working days"), whatever happens to it later.
 */
public final class TicketTally {
    /** The seed's headline: 5天以内办结 — resolved by the end of the 5th working day after the day it was registered. */
    public static final int RESOLVED_WITHIN_WORKING_DAYS = 5;
    /** Red-warning rules (DESIGN.md 三色预警): reopened twice, or urged three times; any overdue escalation is orange. */
    static final int RED_REOPENINGS = 2;
    static final int RED_URGES = 3;

    private TicketTally() {
    }

    public record Contribution(TallyKey key, TallyCounts counts) {
    }

    public static TallyKey keyOf(TicketRow t) {
        String office = t.confidentiality() instanceof Confidentiality.RoutedTo routed ? routed.officeCode() : TallyKey.ORDINARY;
        return new TallyKey(t.villageCode(), registrationDay(t), t.category(), t.level().name(), office);
    }

    public static Contribution of(TicketRow t, WorkingDayCalendar calendar) {
        TallyKey key = keyOf(t);
        boolean resolved = t.resolution() != null && t.resolvedAt() != null
                && (t.state() == TicketState.RESOLVED || t.state() == TicketState.CLOSED);
        long days = resolved ? workingDaysToResolve(t, calendar) : 0;
        Closure closure = t.state() == TicketState.CLOSED && t.ending() != null ? Closure.valueOf(t.ending()) : null;
        boolean ratedWell = closure == Closure.SATISFIED || closure == Closure.BASICALLY_SATISFIED;
        RegionLevel start = t.confidentiality() instanceof Confidentiality.RoutedTo routed ? routed.level() : RegionLevel.VILLAGE;
        TallyCounts counts = new TallyCounts(1, bit(t.state() == TicketState.MERGED), bit(resolved),
                bit(resolved && days <= RESOLVED_WITHIN_WORKING_DAYS), days, bit(t.overdueEscalations() > 0),
                bit(reached(start, t.level(), RegionLevel.TOWN)), bit(reached(start, t.level(), RegionLevel.COUNTY)),
                bit(reached(start, t.level(), RegionLevel.CITY)),
                bit(closure == Closure.SATISFIED), bit(closure == Closure.BASICALLY_SATISFIED),
                // The last rating counts: a 不满意 reopens the ticket, and a later 满意 replaces it.
                bit(!ratedWell && t.reopened() > 0), bit(closure == Closure.UNRATED),
                bit(t.urged() > 0), t.urged(), bit(t.reopened() > 0),
                bit(t.overdueEscalations() > 0 || t.reopened() >= RED_REOPENINGS || t.urged() >= RED_URGES));
        return new Contribution(key, counts);
    }

    /**
     * Working days from registration to the (last) result: the working days after the registration day up to and
     * including the day it was resolved, on the {@link WorkingDayCalendar} (holidays off, 调休 days on); a ticket
     * resolved on its registration day took 0.
     */
    public static long workingDaysToResolve(TicketRow t, WorkingDayCalendar calendar) {
        LocalDate from = registrationDay(t);
        LocalDate to = t.resolvedAt().atZone(WorkingDayCalendar.ZONE).toLocalDate();
        long days = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (calendar.isWorkingDay(d)) {
                days++;
            }
        }
        return days;
    }

    public static LocalDate registrationDay(TicketRow t) {
        return t.registeredAt().atZone(WorkingDayCalendar.ZONE).toLocalDate();
    }

    /** Reached {@code level} by escalation: started below it, and is now at it or above (RegionLevel runs city first). */
    private static boolean reached(RegionLevel start, RegionLevel now, RegionLevel level) {
        return start.ordinal() > level.ordinal() && now.ordinal() <= level.ordinal();
    }

    private static long bit(boolean b) {
        return b ? 1 : 0;
    }

    /** What a ticket's step changes in the tally: the old contribution out, the new one in; nothing for a step that changes no counter. */
    public static List<Contribution> change(TicketRow before, TicketRow after, WorkingDayCalendar calendar) {
        Contribution was = before == null ? null : of(before, calendar);
        Contribution is = after == null ? null : of(after, calendar);
        List<Contribution> out = new ArrayList<>();
        if (was != null && is != null && was.key().equals(is.key())) {
            TallyCounts d = is.counts().minus(was.counts());
            if (!d.isZero()) {
                out.add(new Contribution(is.key(), d));
            }
            return out;
        }
        if (was != null) {
            out.add(new Contribution(was.key(), was.counts().negated()));
        }
        if (is != null) {
            out.add(new Contribution(is.key(), is.counts()));
        }
        return out;
    }

    /**
     * Applies changes to the daily tally and to its two monthly roll-ups, summed per key and in key order (see
     * {@link TallyKey#compareTo}), the tables always in the same order: two transactions cannot deadlock on them.
     */
    public static void apply(SqlSession s, List<Contribution> changes) {
        if (changes.isEmpty()) {
            return;
        }
        TreeMap<TallyKey, TallyCounts> byKey = new TreeMap<>();
        changes.forEach(c -> byKey.merge(c.key(), c.counts(), TallyCounts::plus));
        TreeMap<TallyKey.VillageMonth, TallyCounts> byVillageMonth = new TreeMap<>();
        TreeMap<TallyKey.CountyMonth, TallyCounts> byCountyMonth = new TreeMap<>();
        byKey.forEach((k, d) -> {
            byVillageMonth.merge(k.villageMonth(), d, TallyCounts::plus);
            byCountyMonth.merge(k.countyMonth(), d, TallyCounts::plus);
        });
        TallyMapper tally = s.getMapper(TallyMapper.class);
        writeNonZero(byKey, tally::add);
        writeNonZero(byVillageMonth, tally::addMonth);
        writeNonZero(byCountyMonth, tally::addCountyMonth);
    }

    private static <K> void writeNonZero(TreeMap<K, TallyCounts> deltas, BiConsumer<K, TallyCounts> add) {
        deltas.forEach((k, d) -> {
            if (!d.isZero()) {
                add.accept(k, d);
            }
        });
    }

    /** A new ticket's word set, for the common problems: sorted words, space-separated, within the column's width. */
    public static void addWords(SqlSession s, TicketRow t, Set<String> words) {
        StringBuilder joined = new StringBuilder();
        for (String w : words) {
            if (joined.length() + w.length() + 1 > 600) {
                break;
            }
            joined.append(joined.length() == 0 ? "" : " ").append(w);
        }
        TallyKey key = keyOf(t);
        s.getMapper(TallyMapper.class).addWords(t.no(), key, joined.toString());
        markCommonProblemsStale(s, key);
    }

    /**
     * A category correction: the stored common problems of the ticket's county-month name categories, so they are to
     * be found again (the tally and the word set move with the step itself). Same transaction as the step.
     */
    public static void recategorised(SqlSession s, TicketRow after) {
        markCommonProblemsStale(s, keyOf(after));
    }

    /** A real-name report is in no common problem: only an ordinary ticket's county-month is marked. */
    private static void markCommonProblemsStale(SqlSession s, TallyKey key) {
        if (key.office().equals(TallyKey.ORDINARY)) {
            s.getMapper(CommonProblemsMapper.class).markStale(key.countyMonth().month(), key.countyMonth().countyCode());
        }
    }
}
