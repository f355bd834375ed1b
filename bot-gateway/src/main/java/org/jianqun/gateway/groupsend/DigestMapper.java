package org.jianqun.gateway.groupsend;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.jianqun.core.access.Confidentiality;
import org.jianqun.core.access.TicketFacts;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.ticket.TicketState;

/** What a village digest reads: the external groups it goes to, and the village's tickets of the period. */
public interface DigestMapper {
    record ExternalGroup(long id, String chatId, String villageCode, String villageName) {
    }

    /** External (WeCom) villagers' groups bound to a village, after row {@code after}, in pages. */
    @Select("SELECT g.id, g.group_id AS chatId, g.village_code AS villageCode, r.name AS villageName FROM chat_group g "
            + "JOIN region r ON r.code = g.village_code WHERE g.channel = 'WECOM' AND g.purpose = 'VILLAGERS' AND g.id > #{after} "
            + "ORDER BY g.id LIMIT #{limit}")
    List<ExternalGroup> externalGroups(@Param("after") long after, @Param("limit") int limit);

    /** @param contentVerdict the mini-program content check's verdict on its words (ShownWords), null for a chat report */
    record Line(long no, String villageCode, TicketState state, RegionLevel level, String content, Instant registeredAt,
                Instant resolvedAt, Instant endedAt, boolean confidential, String confidentialOffice, String contentVerdict) {
        /** What the access policy asks before a line goes into a group; a confidential row without an office is kept out too. */
        public TicketFacts facts() {
            return new TicketFacts(villageCode, confidential || confidentialOffice != null
                    ? new Confidentiality.RoutedTo(confidentialOffice == null ? villageCode.substring(0, 9) : confidentialOffice)
                    : Confidentiality.ORDINARY);
        }
    }

    /** The village's tickets registered, resolved or ended in [from, to); whether each may be told there is the digest's to ask. */
    @Select("SELECT no, village_code AS villageCode, state, level, content, registered_at AS registeredAt, resolved_at AS resolvedAt, "
            + "ended_at AS endedAt, confidential, confidential_office AS confidentialOffice, "
            + "(SELECT c.verdict FROM content_check c WHERE c.ticket_no = ticket.no) AS contentVerdict "
            + "FROM ticket WHERE village_code = #{village} AND ("
            + "(registered_at >= #{from} AND registered_at < #{to}) OR (resolved_at >= #{from} AND resolved_at < #{to}) "
            + "OR (ended_at >= #{from} AND ended_at < #{to})) ORDER BY no")
    List<Line> activity(@Param("village") String villageCode, @Param("from") Instant from, @Param("to") Instant to);

    /**
     * Tickets of the village still being worked (not resolved or ended), confidential ones not counted: a count
     * cannot ask AccessPolicy row by row, so this is its answer for a group's readers (no confidential ticket), in SQL.
     */
    @Select("SELECT COUNT(*) FROM ticket WHERE village_code = #{village} AND confidential = FALSE AND state IN ('OPEN', 'CLAIMED')")
    long inHand(@Param("village") String villageCode);
}
