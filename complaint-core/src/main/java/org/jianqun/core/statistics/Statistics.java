package org.jianqun.core.statistics;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.persistence.Database;

/**
 * The statistics read model (issue 14 item 4), beside the desk and apart from it: it reads only the tally tables the
 * desk keeps ({@link TicketTally}) — a period's whole months from the monthly roll-ups, its partial months' days from
 * the daily tally — and the common problems {@link CommonProblemsJob} stored, never the ticket table. Who may ask, for which scope, and whose
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
            List<CommonProblems.Problem> problems = commonProblems(s, q);
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
        // Clues are the discipline officers' alone (AccessPolicy.mayKnowClue): for anyone else the part has no basis.
        Optional<Map<String, Integer>> clueCounts = countedOffice.map(office -> clues.perVillage(scope, q.from(), q.to(), office));
        List<Diligence.Village> villages = new ArrayList<>();
        for (StatisticsTable.Row r : rows) {
            Map<DiligencePart, OptionalDouble> parts = new EnumMap<>(DiligencePart.class);
            double weighted = 0;
            int weightSum = 0;
            for (DiligencePart p : DiligencePart.values()) {
                OptionalDouble score = p == DiligencePart.CLUES && clueCounts.isEmpty() ? OptionalDouble.empty()
                        : p.score(r.counts(), clueCounts.map(c -> c.getOrDefault(r.key(), 0)).orElse(0));
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
        TreeMap<String, TallyCounts> sums = new TreeMap<>();
        for (Part part : parts(q, by)) {
            for (TallyMapper.GroupSum g : s.getMapper(TallyMapper.class).sums(by.sql(part.table()), part.table().table(),
                    part.table().periodColumn(), part.table().areaColumn(), q.scope(), part.table().bound(part.from()),
                    part.table().bound(part.to()), q.countedOffice().orElse(null))) {
                sums.merge(g.groupKey(), g.counts(), TallyCounts::plus);
            }
        }
        Map<String, String> names = by == Grouping.VILLAGE || by == Grouping.TOWN ? names(s, q.scope(), sums.keySet()) : Map.of();
        List<StatisticsTable.Row> rows = new ArrayList<>();
        sums.forEach((key, c) -> {
            // A group whose tickets all moved away (a corrected category, say) leaves zero rows behind: not a group.
            if (c.registered() != 0) {
                rows.add(new StatisticsTable.Row(key, names.getOrDefault(key, key), c));
            }
        });
        return rows;
    }

    /** A span of the period read from one table: whole months from a roll-up, a partial month's days from the daily tally. */
    private record Part(TallyTable table, LocalDate from, LocalDate to) {
    }

    private static List<Part> parts(StatisticsQuery q, Grouping by) {
        YearMonth first = YearMonth.from(q.from()).plusMonths(q.from().getDayOfMonth() == 1 ? 0 : 1);
        YearMonth last = YearMonth.from(q.to()).minusMonths(q.to().equals(YearMonth.from(q.to()).atEndOfMonth()) ? 0 : 1);
        TallyTable months = TallyTable.forMonths(by, q.scope());
        if (first.isAfter(last) || months == TallyTable.DAY) {
            return List.of(new Part(TallyTable.DAY, q.from(), q.to()));
        }
        List<Part> parts = new ArrayList<>();
        if (q.from().isBefore(first.atDay(1))) {
            parts.add(new Part(TallyTable.DAY, q.from(), first.atDay(1).minusDays(1)));
        }
        parts.add(new Part(months, first.atDay(1), last.atEndOfMonth()));
        if (q.to().isAfter(last.atEndOfMonth())) {
            parts.add(new Part(TallyTable.DAY, last.atEndOfMonth().plusDays(1), q.to()));
        }
        return parts;
    }

    /**
     * The stored common problems of the months the period touches (a partial month counts whole: they are found per
     * month), combined when there are several. A village alone has none: three villages make one.
     */
    private static List<CommonProblems.Problem> commonProblems(SqlSession s, StatisticsQuery q) {
        if (q.scope().length() > RegionLevel.TOWN.codeLength()) {
            return List.of();
        }
        List<CommonProblemsMapper.StoredProblem> stored = s.getMapper(CommonProblemsMapper.class)
                .results(q.scope(), TallyKey.monthOf(q.from()), TallyKey.monthOf(q.to()));
        List<CommonProblems.Found> found = new ArrayList<>();
        for (CommonProblemsMapper.StoredProblem p : stored) {
            found.add(new CommonProblems.Found(new CommonProblems.Problem(wordSet(p.words()), p.category(), p.tickets(),
                    List.of(split(p.villageCodes())), Arrays.stream(split(p.ticketNos())).map(Long::valueOf).toList()),
                    wordSet(p.firstWords())));
        }
        boolean oneMonth = stored.stream().map(CommonProblemsMapper.StoredProblem::month).distinct().count() <= 1;
        return (oneMonth ? found : CommonProblems.combine(found)).stream().map(CommonProblems.Found::problem).toList();
    }

    private static String[] split(String spaced) {
        return spaced.isBlank() ? new String[0] : spaced.split(" ");
    }

    private static Set<String> wordSet(String spaced) {
        return new TreeSet<>(List.of(split(spaced)));
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
