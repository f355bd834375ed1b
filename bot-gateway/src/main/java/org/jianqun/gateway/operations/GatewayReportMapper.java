package org.jianqun.gateway.operations;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.jianqun.core.organisation.Channel;
import org.jianqun.gateway.groupsend.GroupSendTask;
import org.jianqun.gateway.inbox.InboxStatus;

/** SQL of the administrators' views over the gateway's own tables (inbox_message, wecom_group_send). */
interface GatewayReportMapper {
    record FailedRow(long id, Channel channel, String groupId, String groupName, String villageCode, String text, String outcome,
                     Instant receivedAt) {
    }

    @Select("<script>SELECT i.id, i.channel, i.group_id AS groupId, g.name AS groupName, g.village_code AS villageCode, i.text, i.outcome, "
            + "i.received_at AS receivedAt FROM inbox_message i LEFT JOIN chat_group g ON g.channel = i.channel AND g.group_id = i.group_id "
            + "WHERE i.status = #{failed} <if test='before != null'>AND i.id &lt; #{before} </if>"
            + "<if test='scope != null'>AND g.village_code LIKE CONCAT(#{scope}, '%') </if>"
            + "ORDER BY i.id DESC LIMIT #{limit}</script>")
    List<FailedRow> failedMessages(@Param("failed") InboxStatus failed, @Param("scope") String scope, @Param("before") Long before,
                                   @Param("limit") int limit);

    @Update("<script>UPDATE inbox_message SET status = #{received}, processed_at = NULL, "
            + "outcome = SUBSTRING(CONCAT('retried by ', #{who}, '; before: ', COALESCE(outcome, '')), 1, 1000) "
            + "WHERE id = #{id} AND status = #{failed} <if test='scope != null'>AND EXISTS (SELECT 1 FROM chat_group g "
            + "WHERE g.channel = inbox_message.channel AND g.group_id = inbox_message.group_id AND g.village_code LIKE CONCAT(#{scope}, '%')) </if>"
            + "</script>")
    int requeue(@Param("id") long id, @Param("scope") String scope, @Param("who") String who,
                @Param("failed") InboxStatus failed, @Param("received") InboxStatus received);

    record UnboundRow(Channel channel, String groupId, String name, long keptMessages, Instant lastMessageAt) {
    }

    @Select("SELECT i.channel, i.group_id AS groupId, g.name, COUNT(*) AS keptMessages, MAX(i.received_at) AS lastMessageAt "
            + "FROM inbox_message i LEFT JOIN chat_group g ON g.channel = i.channel AND g.group_id = i.group_id "
            + "WHERE i.status = #{unknown} AND g.village_code IS NULL GROUP BY i.channel, i.group_id, g.name "
            + "UNION ALL SELECT g.channel, g.group_id, g.name, 0, NULL FROM chat_group g WHERE g.village_code IS NULL AND NOT EXISTS "
            + "(SELECT 1 FROM inbox_message i WHERE i.channel = g.channel AND i.group_id = g.group_id AND i.status = #{unknown}) "
            + "ORDER BY lastMessageAt DESC LIMIT #{limit}")
    List<UnboundRow> unboundGroups(@Param("unknown") InboxStatus unknown, @Param("limit") int limit);

    record GroupSendRow(long id, GroupSendTask.Purpose purpose, String chatId, String groupName, String regionCode, String sendMonth,
                        GroupSendTask.Status status, int remindersSent, String lastError, Instant queuedAt, Instant sentAt) {
    }

    @Select("<script>SELECT w.id, w.purpose, w.chat_id AS chatId, g.name AS groupName, g.village_code AS regionCode, "
            + "w.send_month AS sendMonth, w.status, w.reminders_sent AS remindersSent, w.last_error AS lastError, "
            + "w.queued_at AS queuedAt, w.sent_at AS sentAt FROM wecom_group_send w "
            + "LEFT JOIN chat_group g ON g.channel = 'WECOM' AND g.group_id = w.chat_id "
            + "WHERE w.send_month = #{month} AND w.status IN "
            + "<foreach item='s' collection='statuses' open='(' separator=',' close=')'>#{s}</foreach> "
            + "<if test='scope != null'>AND g.village_code LIKE CONCAT(#{scope}, '%') </if>"
            + "ORDER BY w.id DESC LIMIT #{limit}</script>")
    List<GroupSendRow> groupSends(@Param("month") String month, @Param("statuses") Collection<GroupSendTask.Status> statuses,
                                  @Param("scope") String scope, @Param("limit") int limit);
}
