package org.jianqun.core.statistics;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.category.ComplaintWords;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.TicketRow;

/**
 * Builds the statistics read model from the tickets that existed before V17 (or rebuilds it: {@link #rebuild}),
 * in pages of ticket numbers: the daily tally, its monthly roll-ups and the word sets, each registration's
 * county-month marked for {@link CommonProblemsJob} as the desk marks it. The migration cannot: a ticket's contribution counts working days on the calendar.
 * Runs once, before the console serves (see its module); from then on the desk keeps the tally in its own writes.
 */
public final class StatisticsBackfill {
    private static final int PAGE = 2000;

    private final Database database;
    private final WorkingDayCalendar calendar;
    private final Clock clock;

    public StatisticsBackfill(Database database, WorkingDayCalendar calendar, Clock clock) {
        this.database = database;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** Builds the model unless it was built; returns the tickets counted (0 when it had been). */
    public long runIfNeeded() {
        if (database.read(s -> s.getMapper(TallyMapper.class).backfilled()) > 0) {
            return 0;
        }
        return rebuild();
    }

    /** Empties the model and counts every ticket again. Blocking, and long on a big table. */
    public long rebuild() {
        ComplaintWords words = new ComplaintWords();
        database.inTransaction(s -> {
            TallyMapper tally = s.getMapper(TallyMapper.class);
            tally.clearTally();
            tally.clearVillageMonths();
            tally.clearCountyMonths();
            tally.clearWords();
            s.getMapper(CommonProblemsMapper.class).clearAllStale();
            return null;
        });
        long counted = 0;
        long after = 0;
        while (true) {
            long from = after;
            List<TicketRow> page = database.read(s -> s.getMapper(BackfillMapper.class).page(from, PAGE));
            if (page.isEmpty()) {
                break;
            }
            database.inTransaction(s -> {
                List<TicketTally.Contribution> all = new ArrayList<>();
                for (TicketRow t : page) {
                    all.addAll(TicketTally.change(null, t, calendar));
                    TicketTally.addWords(s, t, words.contentWords(t.content()));
                }
                TicketTally.apply(s, all);
                return null;
            });
            counted += page.size();
            after = page.get(page.size() - 1).no();
        }
        database.inTransaction(s -> {
            if (s.getMapper(TallyMapper.class).backfilled() == 0) {
                s.getMapper(TallyMapper.class).markBackfilled(clock.instant());
            }
            return null;
        });
        return counted;
    }
}
