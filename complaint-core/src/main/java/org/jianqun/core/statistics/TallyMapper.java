package org.jianqun.core.statistics;

import java.util.List;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** SQL of the statistics read model: applying a ticket's change to its tally row, and summing rows. */
public interface TallyMapper {
    /** The counter columns in {@link TallyCounts}' order, and the same as parameters of {@code d}. */
    String COUNTERS = "registered, merged, resolved, within_five, close_days, overdue, to_town, to_county, to_city, satisfied, basically, "
            + "unsatisfied, unrated, urged, urges, reopened, warned";
    String DELTAS = "#{d.registered}, #{d.merged}, #{d.resolved}, #{d.withinFive}, #{d.closeDays}, #{d.overdue}, #{d.toTown}, "
            + "#{d.toCounty}, #{d.toCity}, #{d.satisfied}, #{d.basically}, #{d.unsatisfied}, #{d.unrated}, #{d.urged}, #{d.urges}, "
            + "#{d.reopened}, #{d.warned}";
    String ADD_DELTAS = " ON DUPLICATE KEY UPDATE registered = registered + #{d.registered}, merged = merged + #{d.merged}, "
            + "resolved = resolved + #{d.resolved}, within_five = within_five + #{d.withinFive}, close_days = close_days + #{d.closeDays}, "
            + "overdue = overdue + #{d.overdue}, to_town = to_town + #{d.toTown}, to_county = to_county + #{d.toCounty}, "
            + "to_city = to_city + #{d.toCity}, satisfied = satisfied + #{d.satisfied}, basically = basically + #{d.basically}, "
            + "unsatisfied = unsatisfied + #{d.unsatisfied}, unrated = unrated + #{d.unrated}, urged = urged + #{d.urged}, "
            + "urges = urges + #{d.urges}, reopened = reopened + #{d.reopened}, warned = warned + #{d.warned}";

    /** Adds {@code d} to the row of {@code k}, creating it at zero first. */
    @Insert("INSERT INTO ticket_tally (village_code, reg_day, category, level, office, " + COUNTERS + ") "
            + "VALUES (#{k.villageCode}, #{k.regDay}, #{k.category}, #{k.level}, #{k.office}, " + DELTAS + ")" + ADD_DELTAS)
    void add(@Param("k") TallyKey key, @Param("d") TallyCounts delta);

    /** The same for the village-month roll-up. */
    @Insert("INSERT INTO ticket_tally_month (reg_month, village_code, office, " + COUNTERS + ") "
            + "VALUES (#{k.month}, #{k.villageCode}, #{k.office}, " + DELTAS + ")" + ADD_DELTAS)
    void addMonth(@Param("k") TallyKey.VillageMonth key, @Param("d") TallyCounts delta);

    /** The same for the county-month-category-level roll-up. */
    @Insert("INSERT INTO ticket_tally_county_month (reg_month, county_code, category, level, office, " + COUNTERS + ") "
            + "VALUES (#{k.month}, #{k.countyCode}, #{k.category}, #{k.level}, #{k.office}, " + DELTAS + ")" + ADD_DELTAS)
    void addCountyMonth(@Param("k") TallyKey.CountyMonth key, @Param("d") TallyCounts delta);

    @Insert("INSERT INTO ticket_words (ticket_no, village_code, reg_day, category, office, words) "
            + "VALUES (#{no}, #{k.villageCode}, #{k.regDay}, #{k.category}, #{k.office}, #{words})")
    void addWords(@Param("no") long ticketNo, @Param("k") TallyKey key, @Param("words") String words);

    String SUMS = "SUM(registered) AS registered, SUM(merged) AS merged, SUM(resolved) AS resolved, SUM(within_five) AS within_five, "
            + "SUM(close_days) AS close_days, SUM(overdue) AS overdue, SUM(to_town) AS to_town, SUM(to_county) AS to_county, "
            + "SUM(to_city) AS to_city, SUM(satisfied) AS satisfied, SUM(basically) AS basically, SUM(unsatisfied) AS unsatisfied, "
            + "SUM(unrated) AS unrated, SUM(urged) AS urged, SUM(urges) AS urges, SUM(reopened) AS reopened, SUM(warned) AS warned";

    /** Confidential rows count only for {@code office} (null: for nobody): AccessPolicy decided it, this says it in SQL. */
    String COUNTED = "<if test='office == null'> AND office = ''</if><if test='office != null'> AND (office = '' OR office = #{office})</if>";

    /** One group's sums; {@code groupKey} is a village or town code, a category, a level name or a month (2026-03). */
    record GroupSum(String groupKey, long registered, long merged, long resolved, long withinFive, long closeDays, long overdue,
                    long toTown, long toCounty, long toCity, long satisfied, long basically, long unsatisfied,
                    long unrated, long urged, long urges, long reopened, long warned) {
        public TallyCounts counts() {
            return new TallyCounts(registered, merged, resolved, withinFive, closeDays, overdue, toTown, toCounty, toCity,
                    satisfied, basically, unsatisfied, unrated, urged, urges, reopened, warned);
        }
    }

    /**
     * Sums of one of the {@link TallyTable}s ({@code table}, {@code period}, {@code area} are its names), grouped by
     * {@code groupExpr}, one of {@link Grouping}'s expressions (never the caller's text); {@code from}, {@code to} are
     * days or months as the table's period column is.
     */
    // Mapped argument by argument: the auto-mapping of an 18-component record cost MyBatis ~1 ms a row (bench-stats).
    @ConstructorArgs({
            @Arg(column = "group_key", javaType = String.class),
            @Arg(column = "registered", javaType = long.class),
            @Arg(column = "merged", javaType = long.class),
            @Arg(column = "resolved", javaType = long.class),
            @Arg(column = "within_five", javaType = long.class),
            @Arg(column = "close_days", javaType = long.class),
            @Arg(column = "overdue", javaType = long.class),
            @Arg(column = "to_town", javaType = long.class),
            @Arg(column = "to_county", javaType = long.class),
            @Arg(column = "to_city", javaType = long.class),
            @Arg(column = "satisfied", javaType = long.class),
            @Arg(column = "basically", javaType = long.class),
            @Arg(column = "unsatisfied", javaType = long.class),
            @Arg(column = "unrated", javaType = long.class),
            @Arg(column = "urged", javaType = long.class),
            @Arg(column = "urges", javaType = long.class),
            @Arg(column = "reopened", javaType = long.class),
            @Arg(column = "warned", javaType = long.class)
    })
    @Select("<script>SELECT ${groupExpr} AS group_key, " + SUMS + " FROM ${table} WHERE ${period} BETWEEN #{from} AND #{to} "
            + "AND ${area} LIKE CONCAT(#{scope}, '%')" + COUNTED + " GROUP BY ${groupExpr} ORDER BY group_key</script>")
    List<GroupSum> sums(@Param("groupExpr") String groupExpr, @Param("table") String table, @Param("period") String periodColumn,
                        @Param("area") String areaColumn, @Param("scope") String scopePrefix, @Param("from") Object from,
                        @Param("to") Object to, @Param("office") String countedOffice);

    record Words(long ticketNo, String villageCode, String category, String words) {
    }

    record CodeName(String code, String name) {
    }

    /**
     * The names of the regions of one level (its code length) under a scope: one range read, where an IN list of a
     * province's 1,350 towns costs MyBatis more than the query.
     */
    @ConstructorArgs({@Arg(column = "code", javaType = String.class), @Arg(column = "name", javaType = String.class)})
    @Select("SELECT code, name FROM region WHERE code LIKE CONCAT(#{scope}, '%') AND CHAR_LENGTH(code) = #{length}")
    List<CodeName> regionNames(@Param("scope") String scopePrefix, @Param("length") int codeLength);

    @Delete("DELETE FROM ticket_tally")
    void clearTally();

    @Delete("DELETE FROM ticket_tally_month")
    void clearVillageMonths();

    @Delete("DELETE FROM ticket_tally_county_month")
    void clearCountyMonths();

    @Delete("DELETE FROM ticket_words")
    void clearWords();

    @Select("SELECT COUNT(*) FROM statistics_backfill WHERE name = 'v17'")
    int backfilled();

    @Insert("INSERT INTO statistics_backfill (name, done_at) VALUES ('v17', #{at})")
    void markBackfilled(@Param("at") java.time.Instant at);
}
