package org.jianqun.core.persistence;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.ResultMap;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL for tickets, their numbers and complainants. */
public interface TicketMapper {
    String COLUMNS = "no, village_code AS villageCode, complainant_id AS complainantId, state, level, tier, content, channel, "
            + "origin_group_id AS originGroupId, confidential, confidential_office AS confidentialOffice, registered_at AS registeredAt, arrived_at AS arrivedAt, "
            + "handling_from AS handlingFrom, handler_id AS handlerId, handler_name AS handlerName, resolution, "
            + "resolved_at AS resolvedAt, rating_reminded AS ratingReminded, ending, ending_detail AS endingDetail, "
            + "merged_into AS mergedInto, ended_at AS endedAt, reopened, urged, escalated, overdue_escalations AS overdueEscalations, "
            + "warning, possible_duplicate_of AS possibleDuplicateOf, next_due_at AS nextDueAt, version, category";

    /** A confidential row's office as {@link TicketRow#confidentiality} reads it (a row flagged by hand: its town's). */
    String OFFICE = "COALESCE(confidential_office, SUBSTRING(village_code, 1, 9))";

    /** Hands out the next ticket number. */
    @Insert("INSERT INTO ticket_number () VALUES ()")
    @Options(useGeneratedKeys = true, keyProperty = "value", keyColumn = "no")
    void allocateNumber(NumberHolder holder);

    /** A mutable box for the generated key: MyBatis writes generated keys into a property. */
    final class NumberHolder {
        private long value;

        public long getValue() {
            return value;
        }

        public void setValue(long value) {
            this.value = value;
        }
    }

    @Select("SELECT " + COLUMNS + " FROM ticket WHERE no = #{no}")
    @ResultMap(TicketRow.RESULT_MAP)
    TicketRow find(@Param("no") long no);

    /** The row, locked until the transaction ends: every change to a ticket goes through here. */
    @Select("SELECT " + COLUMNS + " FROM ticket WHERE no = #{no} FOR UPDATE")
    @ResultMap(TicketRow.RESULT_MAP)
    TicketRow lock(@Param("no") long no);

    /** Several rows locked at once, in number order (the caller sorts: lock order prevents deadlocks). */
    @Select("<script>SELECT " + COLUMNS + " FROM ticket WHERE no IN "
            + "<foreach item='n' collection='nos' open='(' separator=',' close=')'>#{n}</foreach> ORDER BY no FOR UPDATE</script>")
    @ResultMap(TicketRow.RESULT_MAP)
    List<TicketRow> lockAll(@Param("nos") List<Long> nos);

    record Complainant(long ticketNo, long personId) {
    }

    @Select("<script>SELECT ticket_no AS ticketNo, person_id AS personId FROM ticket_complainant WHERE ticket_no IN "
            + "<foreach item='n' collection='nos' open='(' separator=',' close=')'>#{n}</foreach></script>")
    List<Complainant> complainantsOf(@Param("nos") List<Long> nos);

    @Insert("INSERT INTO ticket (no, village_code, complainant_id, state, level, tier, content, channel, origin_group_id, confidential, "
            + "confidential_office, registered_at, arrived_at, handling_from, handler_id, handler_name, resolution, resolved_at, rating_reminded, ending, "
            + "ending_detail, merged_into, ended_at, reopened, urged, escalated, overdue_escalations, warning, possible_duplicate_of, "
            + "next_due_at, version, category) VALUES (#{r.no}, #{r.villageCode}, #{r.complainantId}, #{r.state}, #{r.level}, #{r.tier}, "
            + "#{r.content}, #{r.channel}, #{r.originGroupId}, #{r.confidential}, #{r.confidentialOffice}, #{r.registeredAt}, #{r.arrivedAt}, #{r.handlingFrom}, "
            + "#{r.handlerId}, #{r.handlerName}, #{r.resolution}, #{r.resolvedAt}, #{r.ratingReminded}, #{r.ending}, #{r.endingDetail}, "
            + "#{r.mergedInto}, #{r.endedAt}, #{r.reopened}, #{r.urged}, #{r.escalated}, #{r.overdueEscalations}, #{r.warning}, "
            + "#{r.possibleDuplicateOf}, #{r.nextDueAt}, #{r.version}, #{r.category})")
    void insert(@Param("r") TicketRow row);

    /** Writes the changed ticket if nobody else has since it was read (the version), returning 1 or 0. */
    @Update("UPDATE ticket SET state = #{r.state}, level = #{r.level}, tier = #{r.tier}, arrived_at = #{r.arrivedAt}, "
            + "handling_from = #{r.handlingFrom}, handler_id = #{r.handlerId}, handler_name = #{r.handlerName}, "
            + "resolution = #{r.resolution}, resolved_at = #{r.resolvedAt}, rating_reminded = #{r.ratingReminded}, ending = #{r.ending}, "
            + "ending_detail = #{r.endingDetail}, merged_into = #{r.mergedInto}, ended_at = #{r.endedAt}, reopened = #{r.reopened}, "
            + "urged = #{r.urged}, escalated = #{r.escalated}, overdue_escalations = #{r.overdueEscalations}, warning = #{r.warning}, "
            + "next_due_at = #{r.nextDueAt}, version = #{r.version} + 1 WHERE no = #{r.no} AND version = #{r.version}")
    int update(@Param("r") TicketRow row);

    /** Tickets whose next due instant has come, oldest first: an index range, whatever the table's size. */
    @Select("SELECT no FROM ticket WHERE next_due_at <= #{now} ORDER BY next_due_at LIMIT #{limit}")
    List<Long> due(@Param("now") Instant now, @Param("limit") int limit);

    /** Moves a ticket's next look to later (the sweep sets aside a ticket it cannot handle); returns rows changed. */
    @Update("UPDATE ticket SET next_due_at = #{at} WHERE no = #{no}")
    int postpone(@Param("no") long no, @Param("at") Instant at);

    /**
     * Live tickets of a village, newest first, for the duplicate check: only those of the same confidentiality
     * ({@code office} null: ordinary ones), since the link is told to whoever hears of the new ticket.
     */
    @Select("<script>SELECT no FROM ticket WHERE village_code = #{village} AND state IN ('OPEN', 'CLAIMED', 'RESOLVED') "
            + "<if test='office == null'> AND confidential = FALSE</if><if test='office != null'> AND confidential = TRUE AND " + OFFICE + " = #{office}</if>"
            + " ORDER BY no DESC LIMIT #{limit}</script>")
    List<Long> liveOfVillage(@Param("village") String villageCode, @Param("office") String confidentialOffice, @Param("limit") int limit);

    /** The texts of {@code nos} (a ticket's text never changes once registered). */
    @Select("<script>SELECT no, content FROM ticket WHERE no IN <foreach item='no' collection='nos' open='(' separator=',' close=')'>#{no}</foreach></script>")
    List<NoAndContent> contentsOf(@Param("nos") java.util.Collection<Long> nos);

    record NoAndContent(long no, String content) {
    }

    @Insert("INSERT INTO ticket_complainant (ticket_no, person_id, via_ticket) VALUES (#{ticket}, #{person}, #{via})")
    void addComplainant(@Param("ticket") long ticketNo, @Param("person") long personId, @Param("via") long viaTicket);

    @Select("SELECT person_id FROM ticket_complainant WHERE ticket_no = #{ticket} ORDER BY person_id")
    List<Long> complainants(@Param("ticket") long ticketNo);

    /** The ticket a complainant came by (their own report, merged into {@code ticket}), or null if not a complainant. */
    @Select("SELECT via_ticket FROM ticket_complainant WHERE ticket_no = #{ticket} AND person_id = #{person}")
    Long complainantVia(@Param("ticket") long ticketNo, @Param("person") long personId);

    /**
     * A page of the tickets under a region code prefix, filtered, newest first, after a number (keyset paging).
     * Confidential tickets are left out in SQL but for those routed to {@code office} (AccessPolicy.mayKnow in
     * SQL: null for anyone who is not a discipline officer), so a page holds {@code limit} readable rows.
     */
    @Select("<script>SELECT " + COLUMNS + " FROM ticket WHERE village_code LIKE CONCAT(#{scope}, '%')"
            + "<if test='office == null'> AND confidential = FALSE</if>"
            + "<if test='office != null'> AND (confidential = FALSE OR " + OFFICE + " = #{office})</if>"
            + "<if test='state != null'> AND state = #{state}</if>"
            + "<if test='level != null'> AND level = #{level}</if>"
            + "<if test='before != null'> AND no &lt; #{before}</if>"
            + " ORDER BY no DESC LIMIT #{limit}</script>")
    @ResultMap(TicketRow.RESULT_MAP)
    List<TicketRow> page(@Param("scope") String scopePrefix, @Param("state") String state, @Param("level") String level,
                         @Param("before") Long beforeNo, @Param("office") String knownOffice, @Param("limit") int limit);

    @Select("SELECT COUNT(*) FROM ticket")
    long count();
}
