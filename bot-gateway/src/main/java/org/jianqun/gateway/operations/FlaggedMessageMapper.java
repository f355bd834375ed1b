package org.jianqun.gateway.operations;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** SQL of patrol's view of the gateway's inbox: its flagged messages (sql/V18's inbox_flagged_village index). */
interface FlaggedMessageMapper {
    record FlaggedRow(long id, String villageCode, String groupName, String text, String transcript, String flagWords, Instant receivedAt) {
    }

    String COLUMNS = "i.id, i.village_code AS villageCode, g.name AS groupName, i.text, i.transcript, i.flag_words AS flagWords, "
            + "i.received_at AS receivedAt FROM inbox_message i LEFT JOIN chat_group g ON g.channel = i.channel AND g.group_id = i.group_id ";

    @Select("SELECT " + COLUMNS + "WHERE i.flagged = TRUE AND i.village_code LIKE CONCAT(#{scope}, '%') "
            + "AND i.received_at >= #{from} AND i.received_at < #{to} ORDER BY i.received_at DESC, i.id DESC LIMIT #{limit}")
    List<FlaggedRow> flagged(@Param("scope") String scope, @Param("from") Instant from, @Param("to") Instant to, @Param("limit") int limit);

    @Select("SELECT " + COLUMNS + "WHERE i.id = #{id} AND i.flagged = TRUE")
    FlaggedRow find(@Param("id") long id);
}
