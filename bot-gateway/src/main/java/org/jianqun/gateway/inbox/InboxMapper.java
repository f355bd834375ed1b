package org.jianqun.gateway.inbox;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL for the durable inbox (its group-committed writes are plain JDBC in {@link Inbox}). */
public interface InboxMapper {
    @Select("SELECT id FROM inbox_message WHERE status = 'RECEIVED' ORDER BY id LIMIT #{limit}")
    List<Long> waiting(@Param("limit") int limit);

    record Stored(long id, String channel, String messageId, String groupId, String senderId, String senderName, String kind,
                  String text, String voiceUrl, Integer voiceSeconds, String transcript, String quotedMessageId, boolean mentionsBot,
                  Instant sentAt, InboxStatus status, String villageCode, boolean flagged, Long ticketNo) {
    }

    String COLUMNS = "id, channel, message_id AS messageId, group_id AS groupId, sender_id AS senderId, sender_name AS senderName, "
            + "kind, text, voice_url AS voiceUrl, voice_seconds AS voiceSeconds, transcript, quoted_message_id AS quotedMessageId, "
            + "mentions_bot AS mentionsBot, sent_at AS sentAt, status, village_code AS villageCode, flagged, ticket_no AS ticketNo";

    /** Locks the row: the instance that holds it processes it; another waits, then sees it done. */
    @Select("SELECT " + COLUMNS + " FROM inbox_message WHERE id = #{id} FOR UPDATE")
    Stored lock(@Param("id") long id);

    @Select("SELECT " + COLUMNS + " FROM inbox_message WHERE channel = #{channel} AND message_id = #{messageId}")
    Stored find(@Param("channel") String channel, @Param("messageId") String messageId);

    @Update("UPDATE inbox_message SET status = #{status}, processed_at = #{at}, village_code = #{village}, flagged = #{flagged}, "
            + "flag_words = #{flagWords}, ticket_no = #{ticket}, outcome = #{outcome} WHERE id = #{id}")
    void finish(@Param("id") long id, @Param("status") InboxStatus status, @Param("at") Instant at, @Param("village") String villageCode,
                @Param("flagged") boolean flagged, @Param("flagWords") String flagWords, @Param("ticket") Long ticketNo,
                @Param("outcome") String outcome);

    /** The ticket a message became by 登记, so that registering it again is answered with that ticket. */
    @Update("UPDATE inbox_message SET ticket_no = #{ticket} WHERE id = #{id}")
    void linkTicket(@Param("id") long id, @Param("ticket") long ticketNo);

    @Select("SELECT COUNT(*) FROM inbox_message WHERE channel = #{channel} AND message_id = #{messageId}")
    int count(@Param("channel") String channel, @Param("messageId") String messageId);
}
