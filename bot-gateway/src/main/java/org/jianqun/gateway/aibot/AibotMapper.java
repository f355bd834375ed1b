package org.jianqun.gateway.aibot;

import java.time.Instant;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.jianqun.gateway.inbox.InboundMessage;

/** SQL for the robot's response_urls, kept on the inbox row of the @-mention they came with. */
public interface AibotMapper {
    /** A response_url still usable in a chat and the message it came with. */
    record Route(long id, String responseUrl) {
    }

    /**
     * The unused response_url to answer through: the one of the message the reply is about (same
     * ticket) if there is one, else the oldest still fresh, so answers follow questions in order.
     */
    @Select("SELECT id, response_url AS responseUrl FROM inbox_message WHERE channel = 'AIBOT' AND group_id = #{chat} "
            + "AND response_url IS NOT NULL AND response_used_at IS NULL AND received_at >= #{since} "
            + "ORDER BY CASE WHEN ticket_no = #{ticket,jdbcType=BIGINT} THEN 0 ELSE 1 END, id LIMIT 1")
    Route freshRoute(@Param("chat") String chatId, @Param("since") Instant since, @Param("ticket") Long ticketNo);

    /** Takes a response_url for one answer; 1 if this caller got it. */
    @Update("UPDATE inbox_message SET response_used_at = #{now} WHERE id = #{id} AND response_used_at IS NULL")
    int spend(@Param("id") long id, @Param("now") Instant now);

    /**
     * Gives a response_url back after an attempt WeCom did not take (busy, unreachable). Had it been
     * taken after all, the next use is refused and the reply moves on to another one.
     */
    @Update("UPDATE inbox_message SET response_used_at = NULL WHERE id = #{id}")
    void release(@Param("id") long id);
}
