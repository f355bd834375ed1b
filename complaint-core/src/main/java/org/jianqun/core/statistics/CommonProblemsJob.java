package org.jianqun.core.statistics;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.persistence.Database;

/**
 * Finds the common problems of the county-months registrations marked stale ({@code common_problem_stale}) and stores
 * them for the county's towns, the county, its city and the province, so that a request reads stored rows and
 * compares no complaints. Blocking: run it on a worker (the console's {@code CommonProblemsVerticle} does, every minute).
 */
public final class CommonProblemsJob {
    /** County-months taken per run: bounds one run's work; what is left waits for the next. */
    public static final int BATCH = 200;

    private final Database database;

    public CommonProblemsJob(Database database) {
        this.database = database;
    }

    /** One batch; returns the county-months computed (0: nothing was stale). */
    public int runOnce() {
        List<CommonProblemsMapper.Stale> stale = database.read(s -> s.getMapper(CommonProblemsMapper.class).stale(BATCH));
        Set<String> wider = new TreeSet<>();
        for (CommonProblemsMapper.Stale st : stale) {
            county(st.month(), st.countyCode());
            String city = st.countyCode().substring(0, RegionLevel.CITY.codeLength());
            wider.add(st.month() + " " + city);
            wider.add(st.month() + " " + city.substring(0, 2));
        }
        // A city's and the province's month once per batch, however many of their counties were stale.
        for (String monthScope : wider) {
            String[] ms = monthScope.split(" ");
            store(ms[0], Map.of(ms[1], CommonProblems.find(words(ms[1], ms[0]))));
        }
        database.inTransaction(s -> {
            stale.forEach(st -> s.getMapper(CommonProblemsMapper.class).clearStale(st));
            return null;
        });
        return stale.size();
    }

    /** Runs until nothing is stale (start-up, a backfill, the benchmark); returns the county-months computed. */
    public long runUntilDone() {
        long total = 0;
        for (int n = runOnce(); n > 0; n = runOnce()) {
            total += n;
        }
        return total;
    }

    /** The county's month, and each of its towns' from the same words (one read, one transaction). */
    private void county(String month, String countyCode) {
        List<TallyMapper.Words> words = words(countyCode, month);
        // Scopes in code order: two instances running the same batch lock the rows in the same order.
        Map<String, List<CommonProblems.Found>> found = new TreeMap<>();
        found.put(countyCode, CommonProblems.find(words));
        Map<String, List<TallyMapper.Words>> byTown = new HashMap<>();
        for (TallyMapper.Words w : words) {
            byTown.computeIfAbsent(w.villageCode().substring(0, RegionLevel.TOWN.codeLength()), k -> new ArrayList<>()).add(w);
        }
        byTown.forEach((town, its) -> found.put(town, CommonProblems.find(its)));
        store(month, found);
    }

    private List<TallyMapper.Words> words(String scope, String month) {
        YearMonth m = YearMonth.parse(month);
        return database.read(s -> s.getMapper(CommonProblemsMapper.class)
                .words(scope, m.atDay(1), m.atEndOfMonth(), CommonProblems.NEWEST_COMPARED));
    }

    /** Replaces the month's problems of each scope named. */
    private void store(String month, Map<String, List<CommonProblems.Found>> byScope) {
        database.inTransaction(s -> {
            CommonProblemsMapper mapper = s.getMapper(CommonProblemsMapper.class);
            byScope.forEach((scope, found) -> {
                mapper.deleteResults(scope, month);
                int position = 0;
                for (CommonProblems.Found f : found) {
                    CommonProblems.Problem p = f.problem();
                    mapper.insertResult(new CommonProblemsMapper.StoredProblem(scope, month, ++position, p.category(),
                            String.join(" ", p.words()), String.join(" ", f.first()), String.join(" ", p.villageCodes()),
                            String.join(" ", p.ticketNos().stream().map(String::valueOf).toList()), p.tickets()));
                }
            });
            return null;
        });
    }
}
