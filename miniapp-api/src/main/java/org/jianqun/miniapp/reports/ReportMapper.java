package org.jianqun.miniapp.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Arg;
import org.apache.ibatis.annotations.ConstructorArgs;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.ResultMap;
import org.apache.ibatis.annotations.Select;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.persistence.TicketMapper;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.ticket.TicketState;

/** SQL for {@code miniapp_report}, {@code miniapp_urge} and {@code content_check} (V15), and the reporter's list. */
public interface ReportMapper {
    @Insert("INSERT INTO miniapp_report (ticket_no, person_id, subscribed, created_at) VALUES (#{no}, #{person}, #{subscribed}, #{now})")
    void insert(@Param("no") long ticketNo, @Param("person") long personId, @Param("subscribed") boolean subscribed, @Param("now") Instant now);

    /** The ticket if {@code personId} reported it from the mini-program (else null: only then is it theirs to read here). */
    @Select("SELECT " + TicketMapper.COLUMNS + " FROM ticket WHERE no = #{no} "
            + "AND EXISTS (SELECT 1 FROM miniapp_report m WHERE m.ticket_no = #{no} AND m.person_id = #{person})")
    @ResultMap(TicketRow.RESULT_MAP)
    TicketRow mineRow(@Param("no") long ticketNo, @Param("person") long personId);

    /** A line of "my reports" (read through its explicit result map: a page is 20 rows, on every GET /reports). */
    record Mine(long no, String villageCode, TicketState state, RegionLevel level, String content, Instant registeredAt) {
    }

    @ConstructorArgs({
            @Arg(column = "no", javaType = long.class),
            @Arg(column = "villageCode", javaType = String.class),
            @Arg(column = "state", javaType = TicketState.class),
            @Arg(column = "level", javaType = RegionLevel.class),
            @Arg(column = "content", javaType = String.class),
            @Arg(column = "registeredAt", javaType = Instant.class)
    })
    @Select("<script>SELECT t.no, t.village_code AS villageCode, t.state, t.level, t.content, t.registered_at AS registeredAt "
            + "FROM miniapp_report m JOIN ticket t ON t.no = m.ticket_no WHERE m.person_id = #{person} "
            + "<if test='before != null'>AND m.ticket_no &lt; #{before} </if>ORDER BY m.ticket_no DESC LIMIT #{limit}</script>")
    List<Mine> mine(@Param("person") long personId, @Param("before") Long beforeNo, @Param("limit") int limit);

    @Select("SELECT COUNT(*) FROM miniapp_urge WHERE ticket_no = #{no} AND person_id = #{person} AND urged_on = #{day}")
    int urgedOn(@Param("no") long ticketNo, @Param("person") long personId, @Param("day") LocalDate day);

    @Insert("INSERT INTO miniapp_urge (ticket_no, person_id, urged_on, created_at) VALUES (#{no}, #{person}, #{day}, #{now})")
    void urge(@Param("no") long ticketNo, @Param("person") long personId, @Param("day") LocalDate day, @Param("now") Instant now);

    /** The report's words wait for WeChat's content check before anyone but its officers reads them. */
    @Insert("INSERT INTO content_check (ticket_no, verdict, checked_at, attempts, created_at) VALUES (#{no}, 'PENDING', NULL, 0, #{now})")
    void awaitCheck(@Param("no") long ticketNo, @Param("now") Instant now);
}
