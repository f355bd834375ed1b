package org.jianqun.core.outbox;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * What administrators read about the chat side: deliveries that did not (yet) arrive, with their
 * reasons, groups whose messages are kept because nobody has bound them to a region, chat messages that
 * failed in processing (and the one write here: putting such a message back in the queue).
 */
public interface DeliveryReportMapper {
    record DeliveryRow(long id, String deliveryId, Long ticketNo, String eventType, Audience audience, String target, String status,
                       int attempts, String lastError, Instant createdAt, Instant nextAttemptAt) {
    }

    /**
     * Deliveries in {@code status}, newest first, before row {@code before} (paging); within {@code scope}
     * (a region code prefix: the ticket's village or the notice's region; null for everything).
     */
    @Select("<script>SELECT o.id, o.delivery_id AS deliveryId, o.ticket_no AS ticketNo, o.event_type AS eventType, o.audience, o.target, "
            + "o.status, o.attempts, o.last_error AS lastError, o.created_at AS createdAt, o.next_attempt_at AS nextAttemptAt "
            + "FROM outbox o LEFT JOIN ticket t ON t.no = o.ticket_no WHERE o.status = #{status} "
            + "<if test='before != null'>AND o.id &lt; #{before} </if>"
            + "<if test='scope != null'>AND (t.village_code LIKE CONCAT(#{scope}, '%') OR (o.ticket_no IS NULL AND o.target LIKE CONCAT(#{scope}, '%'))) </if>"
            + "ORDER BY o.id DESC LIMIT #{limit}</script>")
    List<DeliveryRow> deliveries(@Param("status") String status, @Param("scope") String scope, @Param("before") Long before,
                                 @Param("limit") int limit);

    @Select("SELECT COUNT(*) FROM outbox WHERE status = #{status}")
    long count(@Param("status") String status);

    record UnboundGroup(String channel, String groupId, String name, long keptMessages, Instant lastMessageAt) {
    }

    /** Groups with kept messages and no region, and registered groups still waiting for one. */
    @Select("SELECT i.channel, i.group_id AS groupId, g.name, COUNT(*) AS keptMessages, MAX(i.received_at) AS lastMessageAt "
            + "FROM inbox_message i LEFT JOIN chat_group g ON g.channel = i.channel AND g.group_id = i.group_id "
            + "WHERE i.status = 'UNKNOWN_GROUP' AND g.village_code IS NULL GROUP BY i.channel, i.group_id, g.name "
            + "UNION ALL SELECT g.channel, g.group_id, g.name, 0, NULL FROM chat_group g WHERE g.village_code IS NULL AND NOT EXISTS "
            + "(SELECT 1 FROM inbox_message i WHERE i.channel = g.channel AND i.group_id = g.group_id AND i.status = 'UNKNOWN_GROUP') "
            + "ORDER BY lastMessageAt DESC LIMIT #{limit}")
    List<UnboundGroup> unboundGroups(@Param("limit") int limit);

    record GroupSendRow(long id, String purpose, String chatId, String groupName, String regionCode, String sendMonth, String status,
                        int remindersSent, String lastError, Instant queuedAt, Instant sentAt) {
    }

    /**
     * Group-send tasks into external groups (gateway's {@code wecom_group_send}) of one month, in the given
     * statuses, within {@code scope} (the group's village; null for everything), newest first.
     */
    @Select("<script>SELECT w.id, w.purpose, w.chat_id AS chatId, g.name AS groupName, g.village_code AS regionCode, "
            + "w.send_month AS sendMonth, w.status, w.reminders_sent AS remindersSent, w.last_error AS lastError, "
            + "w.queued_at AS queuedAt, w.sent_at AS sentAt FROM wecom_group_send w "
            + "LEFT JOIN chat_group g ON g.channel = 'WECOM' AND g.group_id = w.chat_id "
            + "WHERE w.send_month = #{month} AND w.status IN "
            + "<foreach item='s' collection='statuses' open='(' separator=',' close=')'>#{s}</foreach> "
            + "<if test='scope != null'>AND g.village_code LIKE CONCAT(#{scope}, '%') </if>"
            + "ORDER BY w.id DESC LIMIT #{limit}</script>")
    List<GroupSendRow> groupSends(@Param("month") String month, @Param("statuses") java.util.Collection<String> statuses,
                                  @Param("scope") String scope, @Param("limit") int limit);

    record FailedMessage(long id, String channel, String groupId, String groupName, String villageCode, String text, String outcome,
                         Instant receivedAt) {
    }

    /**
     * Chat messages the gateway stored but could not process (inbox status FAILED), newest first, before
     * row {@code before}, within {@code scope} (their group's region; null for everything).
     */
    @Select("<script>SELECT i.id, i.channel, i.group_id AS groupId, g.name AS groupName, g.village_code AS villageCode, i.text, i.outcome, "
            + "i.received_at AS receivedAt FROM inbox_message i LEFT JOIN chat_group g ON g.channel = i.channel AND g.group_id = i.group_id "
            + "WHERE i.status = 'FAILED' <if test='before != null'>AND i.id &lt; #{before} </if>"
            + "<if test='scope != null'>AND g.village_code LIKE CONCAT(#{scope}, '%') </if>"
            + "ORDER BY i.id DESC LIMIT #{limit}</script>")
    List<FailedMessage> failedMessages(@Param("scope") String scope, @Param("before") Long before, @Param("limit") int limit);

    /** Puts a failed message back in the queue (after the cause is mended); within {@code scope} as listed. 1 when done. */
    @Update("<script>UPDATE inbox_message SET status = 'RECEIVED', processed_at = NULL, "
            + "outcome = SUBSTRING(CONCAT('retried by ', #{who}, '; before: ', COALESCE(outcome, '')), 1, 1000) "
            + "WHERE id = #{id} AND status = 'FAILED' <if test='scope != null'>AND EXISTS (SELECT 1 FROM chat_group g "
            + "WHERE g.channel = inbox_message.channel AND g.group_id = inbox_message.group_id AND g.village_code LIKE CONCAT(#{scope}, '%')) </if>"
            + "</script>")
    int retryMessage(@Param("id") long id, @Param("scope") String scope, @Param("who") String who);
}
