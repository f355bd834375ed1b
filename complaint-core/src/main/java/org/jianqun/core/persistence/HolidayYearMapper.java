package org.jianqun.core.persistence;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL for the holiday notices administrators loaded ({@code holiday_year}, V13). */
public interface HolidayYearMapper {
    /** A loaded year: its file as given, who loaded it, and a version that grows with every load. */
    record Stored(int noticeYear, String notice, int days, Instant loadedAt, String loadedBy, int version) {
    }

    String COLUMNS = "notice_year AS noticeYear, notice, days, loaded_at AS loadedAt, loaded_by AS loadedBy, version";

    @Select("SELECT " + COLUMNS + " FROM holiday_year ORDER BY notice_year")
    List<Stored> all();

    /** Every instance polls this: the versions alone, so a poll reads a few bytes. */
    record Version(int noticeYear, int version) {
    }

    @Select("SELECT notice_year AS noticeYear, version FROM holiday_year ORDER BY notice_year")
    List<Version> versions();

    @Select("SELECT " + COLUMNS + " FROM holiday_year WHERE notice_year = #{year}")
    Stored find(@Param("year") int year);

    @Update("UPDATE holiday_year SET notice = #{notice}, days = #{days}, loaded_at = #{at}, loaded_by = #{by}, version = version + 1 "
            + "WHERE notice_year = #{year}")
    int replace(@Param("year") int year, @Param("notice") String notice, @Param("days") int days, @Param("at") Instant at,
                @Param("by") String loadedBy);

    @Insert("INSERT INTO holiday_year (notice_year, notice, days, loaded_at, loaded_by, version) "
            + "VALUES (#{year}, #{notice}, #{days}, #{at}, #{by}, 1)")
    void insert(@Param("year") int year, @Param("notice") String notice, @Param("days") int days, @Param("at") Instant at,
                @Param("by") String loadedBy);

    /** Live tickets (their deadlines run) after a number, in number order: the recomputation's pages. */
    @Select("SELECT no FROM ticket WHERE state IN ('OPEN', 'CLAIMED', 'RESOLVED') AND no > #{after} ORDER BY no LIMIT #{limit}")
    List<Long> liveTicketsAfter(@Param("after") long afterNo, @Param("limit") int limit);
}
