package org.jianqun.core.clues;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.statistics.ClueCounts;

/**
 * The 勤廉指数's clue part from the clue library: per village, the matters clues were opened about in a period — clues
 * linked to one another (关联) or made from the same ticket (the ticket, its warning) are one matter, counted once.
 * A clue counts on the day it was made (Asia/Shanghai). Blocking.
 */
public final class VillageClueCounts implements ClueCounts {
    private final Database database;

    public VillageClueCounts(Database database) {
        this.database = database;
        database.addMapper(ClueMapper.class);
    }

    @Override
    public Map<String, Integer> perVillage(String scope, LocalDate from, LocalDate to, String office) {
        var start = from.atStartOfDay(WorkingDayCalendar.ZONE).toInstant();
        var end = to.plusDays(1).atStartOfDay(WorkingDayCalendar.ZONE).toInstant();
        List<ClueMapper.Counted> clues = database.read(s -> s.getMapper(ClueMapper.class).counted(scope, office, start, end));
        List<ClueMapper.LinkedPair> links = database.read(s -> s.getMapper(ClueMapper.class).countedLinks(scope, office, start, end));
        Matters matters = new Matters();
        Map<String, Long> firstOfTicket = new HashMap<>();
        for (ClueMapper.Counted c : clues) {
            matters.add(c.id());
            if (c.sourceKind() == ClueOrigin.Kind.TICKET || c.sourceKind() == ClueOrigin.Kind.WARNING) {
                Long first = firstOfTicket.putIfAbsent(c.sourceRef(), c.id());
                if (first != null) {
                    matters.join(first, c.id());
                }
            }
        }
        for (ClueMapper.LinkedPair l : links) {
            if (matters.has(l.low()) && matters.has(l.high())) {
                matters.join(l.low(), l.high());
            }
        }
        Map<String, Set<Long>> perVillage = new HashMap<>();
        for (ClueMapper.Counted c : clues) {
            perVillage.computeIfAbsent(c.villageCode(), k -> new HashSet<>()).add(matters.root(c.id()));
        }
        Map<String, Integer> out = new HashMap<>();
        perVillage.forEach((village, roots) -> out.put(village, roots.size()));
        return out;
    }

    /** Union-find over clue ids. */
    private static final class Matters {
        private final Map<Long, Long> parent = new HashMap<>();

        void add(long id) {
            parent.putIfAbsent(id, id);
        }

        boolean has(long id) {
            return parent.containsKey(id);
        }

        long root(long id) {
            long r = id;
            while (parent.get(r) != r) {
                r = parent.get(r);
            }
            parent.put(id, r);
            return r;
        }

        void join(long a, long b) {
            long ra = root(a);
            long rb = root(b);
            if (ra != rb) {
                parent.put(Math.max(ra, rb), Math.min(ra, rb));
            }
        }
    }
}
