package org.jianqun.core.statistics;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.persistence.Database;

/**
 * The statistics read model (issue 14 item 4), beside the desk and apart from it: it reads only the tally and word
 * tables the desk keeps ({@link TicketTally}), never the ticket table. Who may ask, for which scope, and whose
 * confidential tickets count is the caller's to settle with {@code AccessPolicy} before it builds the query.
 * Blocking: call from a worker thread.
 */
public final class Statistics {
    /** How many top categories a table lists. */
    public static final int TOP_CATEGORIES = 5;

    private final Database database;
    private final ClueCounts clues;
    private final DiligenceWeights weights;

    public Statistics(Database database, ClueCounts clues, DiligenceWeights weights) {
        this.database = database;
        this.clues = clues;
        this.weights = weights;
    }

    public DiligenceWeights weights() {
        return weights;
    }

    public StatisticsTable table(StatisticsQuery q) {
        return database.read(s -> {
            List<StatisticsTable.Row> rows = rows(s, q, q.by());
            TallyCounts totals = TallyCounts.NONE;
            for (StatisticsTable.Row r : rows) {
                totals = totals.plus(r.counts());
            }
            List<StatisticsTable.Row> categories = q.by() == Grouping.CATEGORY ? rows : rows(s, q, Grouping.CATEGORY);
            List<StatisticsTable.Row> top = categories.stream()
                    .sorted(Comparator.comparingLong((StatisticsTable.Row r) -> -r.counts().registered()).thenComparing(StatisticsTable.Row::key))
                    .limit(TOP_CATEGORIES).toList();
            List<CommonProblems.Problem> problems = CommonProblems.find(s.getMapper(TallyMapper.class)
                    .words(q.scope(), q.from(), q.to(), q.countedOffice().orElse(null), CommonProblems.NEWEST_COMPARED));
            return new StatisticsTable(q, rows, totals, top, problems);
        });
    }

    /** Names of the villages under {@code scope} a table's common problems name, for the answer. */
    public Map<String, String> villageNames(String scope, Set<String> villageCodes) {
        if (villageCodes.isEmpty()) {
            return Map.of();
        }
        return database.read(s -> names(s, scope, villageCodes));
    }

    public Diligence diligence(String scope, YearMonth month, Optional<String> countedOffice) {
        StatisticsQuery q = new StatisticsQuery(scope, month.atDay(1), month.atEndOfMonth(), Grouping.VILLAGE, countedOffice);
        List<StatisticsTable.Row> rows = database.read(s -> rows(s, q, Grouping.VILLAGE));
        Map<String, Integer> clueCounts = clues.perVillage(scope, q.from(), q.to());
        List<Diligence.Village> villages = new ArrayList<>();
        for (StatisticsTable.Row r : rows) {
            Map<DiligencePart, OptionalDouble> parts = new EnumMap<>(DiligencePart.class);
            double weighted = 0;
            int weightSum = 0;
            for (DiligencePart p : DiligencePart.values()) {
                OptionalDouble score = p.score(r.counts(), clueCounts.getOrDefault(r.key(), 0));
                parts.put(p, score);
                if (score.isPresent() && weights.of(p) > 0) {
                    weighted += weights.of(p) * score.getAsDouble();
                    weightSum += weights.of(p);
                }
            }
            int index = weightSum == 0 ? 100 : (int) Math.round(100 * weighted / weightSum);
            villages.add(new Diligence.Village(r.key(), r.name(), r.counts().countable(), parts, index));
        }
        villages.sort(Comparator.comparingInt(Diligence.Village::index).thenComparing(Diligence.Village::code));
        return new Diligence(scope, month, weights, villages);
    }

    private static List<StatisticsTable.Row> rows(SqlSession s, StatisticsQuery q, Grouping by) {
        List<TallyMapper.GroupSum> sums = s.getMapper(TallyMapper.class)
                .sums(by.sql(), q.scope(), q.from(), q.to(), q.countedOffice().orElse(null));
        Map<String, String> names = by == Grouping.VILLAGE || by == Grouping.TOWN
                ? names(s, q.scope(), new TreeSet<>(sums.stream().map(TallyMapper.GroupSum::groupKey).toList())) : Map.of();
        List<StatisticsTable.Row> rows = new ArrayList<>();
        for (TallyMapper.GroupSum g : sums) {
            TallyCounts c = g.counts();
            // A group whose tickets all moved away (a corrected category, say) leaves zero rows behind: not a group.
            if (c.registered() != 0) {
                rows.add(new StatisticsTable.Row(g.groupKey(), names.getOrDefault(g.groupKey(), g.groupKey()), c));
            }
        }
        return rows;
    }

    /** Names of {@code codes} (all of one length), read as all the regions of that length under {@code scope}. */
    private static Map<String, String> names(SqlSession s, String scope, Set<String> codes) {
        Map<String, String> out = new HashMap<>();
        if (codes.isEmpty()) {
            return out;
        }
        int length = codes.iterator().next().length();
        // A village's own town, asked by=town: the prefix is the town's code.
        String prefix = scope.length() > length ? scope.substring(0, length) : scope;
        for (TallyMapper.CodeName r : s.getMapper(TallyMapper.class).regionNames(prefix, length)) {
            if (codes.contains(r.code())) {
                out.put(r.code(), r.name());
            }
        }
        return out;
    }
}
