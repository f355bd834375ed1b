package org.jianqun.core.statistics;

import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** SQL of the stored common problems: the county-months to compute again, the words they are computed from, the results. */
public interface CommonProblemsMapper {
    /** A registration's mark: its county-month's problems are to be found again ({@code marked} tells the job a newer mark). */
    @Insert("INSERT INTO common_problem_stale (reg_month, county_code, marked) VALUES (#{month}, #{county}, 1) "
            + "ON DUPLICATE KEY UPDATE marked = marked + 1")
    void markStale(@Param("month") String month, @Param("county") String countyCode);

    record Stale(String month, String countyCode, long marked) {
    }

    @ConstructorArgs({@Arg(column = "reg_month", javaType = String.class), @Arg(column = "county_code", javaType = String.class),
            @Arg(column = "marked", javaType = long.class)})
    @Select("SELECT reg_month, county_code, marked FROM common_problem_stale ORDER BY reg_month, county_code LIMIT #{limit}")
    List<Stale> stale(@Param("limit") int limit);

    /** Done with a mark, unless a registration marked it again meanwhile (then the next run computes it once more). */
    @Delete("DELETE FROM common_problem_stale WHERE reg_month = #{s.month} AND county_code = #{s.countyCode} AND marked = #{s.marked}")
    int clearStale(@Param("s") Stale stale);

    @Insert("INSERT INTO common_problem_stale (reg_month, county_code, marked) SELECT DISTINCT "
            + "CONCAT(EXTRACT(YEAR FROM reg_day), '-', LPAD(EXTRACT(MONTH FROM reg_day), 2, '0')), SUBSTRING(village_code, 1, 6), 1 "
            + "FROM ticket_words")
    void markAllStale();

    @Delete("DELETE FROM common_problem_stale")
    void clearAllStale();

    /** The newest {@code limit} ordinary word sets of a region's days (a real-name report is in no common problem). */
    @ConstructorArgs({
            @Arg(column = "ticket_no", javaType = long.class), @Arg(column = "village_code", javaType = String.class),
            @Arg(column = "category", javaType = String.class), @Arg(column = "words", javaType = String.class)
    })
    @Select("SELECT ticket_no, village_code, category, words FROM ticket_words WHERE reg_day BETWEEN #{from} AND #{to} "
            + "AND village_code LIKE CONCAT(#{scope}, '%') AND office = '' ORDER BY reg_day DESC, ticket_no DESC LIMIT #{limit}")
    List<TallyMapper.Words> words(@Param("scope") String scopePrefix, @Param("from") LocalDate from, @Param("to") LocalDate to,
                                  @Param("limit") int limit);

    @Delete("DELETE FROM common_problem WHERE scope_code = #{scope} AND reg_month = #{month}")
    void deleteResults(@Param("scope") String scope, @Param("month") String month);

    /** One stored problem; lists are space-separated (codes, ticket numbers, words: none holds a space). */
    record StoredProblem(String scopeCode, String month, int position, String category, String words, String firstWords,
                         String villageCodes, String ticketNos, int tickets) {
    }

    @Insert("INSERT INTO common_problem (scope_code, reg_month, position, category, words, first_words, village_codes, ticket_nos, tickets) "
            + "VALUES (#{p.scopeCode}, #{p.month}, #{p.position}, #{p.category}, #{p.words}, #{p.firstWords}, #{p.villageCodes}, "
            + "#{p.ticketNos}, #{p.tickets})")
    void insertResult(@Param("p") StoredProblem problem);

    @ConstructorArgs({
            @Arg(column = "scope_code", javaType = String.class), @Arg(column = "reg_month", javaType = String.class),
            @Arg(column = "position", javaType = int.class), @Arg(column = "category", javaType = String.class),
            @Arg(column = "words", javaType = String.class), @Arg(column = "first_words", javaType = String.class),
            @Arg(column = "village_codes", javaType = String.class), @Arg(column = "ticket_nos", javaType = String.class),
            @Arg(column = "tickets", javaType = int.class)
    })
    @Select("SELECT scope_code, reg_month, position, category, words, first_words, village_codes, ticket_nos, tickets FROM common_problem "
            + "WHERE scope_code = #{scope} AND reg_month BETWEEN #{from} AND #{to} ORDER BY reg_month, position")
    List<StoredProblem> results(@Param("scope") String scope, @Param("from") String fromMonth, @Param("to") String toMonth);

    @Delete("DELETE FROM common_problem")
    void clearResults();
}
