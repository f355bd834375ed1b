package org.jianqun.core.realname;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** SQL for {@code realname_report} and {@code realname_accused}. */
public interface RealNameMapper {
    record ReportRow(long ticketNo, long reporterId, String officeCode, String routeReason, String receipt, Instant submittedAt) {
    }

    record AccusedRow(long ticketNo, int seq, Long personId, String name, String position, String countedAs) {
    }

    @Insert("INSERT INTO realname_report (ticket_no, reporter_id, office_code, route_reason, receipt, submitted_at) "
            + "VALUES (#{r.ticketNo}, #{r.reporterId}, #{r.officeCode}, #{r.routeReason}, #{r.receipt}, #{r.submittedAt})")
    void insert(@Param("r") ReportRow row);

    @Insert("INSERT INTO realname_accused (ticket_no, seq, person_id, name, position, counted_as) "
            + "VALUES (#{a.ticketNo}, #{a.seq}, #{a.personId}, #{a.name}, #{a.position}, #{a.countedAs})")
    void insertAccused(@Param("a") AccusedRow row);

    @Select("SELECT ticket_no AS ticketNo, reporter_id AS reporterId, office_code AS officeCode, route_reason AS routeReason, "
            + "receipt, submitted_at AS submittedAt FROM realname_report WHERE ticket_no = #{no}")
    ReportRow find(@Param("no") long ticketNo);

    @Select("SELECT ticket_no AS ticketNo, seq, person_id AS personId, name, position, counted_as AS countedAs "
            + "FROM realname_accused WHERE ticket_no = #{no} ORDER BY seq")
    List<AccusedRow> accused(@Param("no") long ticketNo);

    /** A reporter's own real-name reports, newest first. */
    @Select("SELECT ticket_no FROM realname_report WHERE reporter_id = #{reporter} ORDER BY ticket_no DESC LIMIT #{limit}")
    List<Long> ofReporter(@Param("reporter") long reporterId, @Param("limit") int limit);
}
