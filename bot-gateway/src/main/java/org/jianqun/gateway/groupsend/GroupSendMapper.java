package org.jianqun.gateway.groupsend;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.jianqun.gateway.groupsend.GroupSendTask.Purpose;

/**
 * SQL for group-send tasks. Every change after the insert names the version it read and bumps it:
 * of two instances that read one task, only the first to write it goes on.
 */
public interface GroupSendMapper {
    String COLUMNS = "id, request_key AS requestKey, purpose, chat_id AS chatId, send_month AS sendMonth, text, status, "
            + "owner_userid AS ownerUserid, msgid, reminders_sent AS remindersSent, attempts, queued_at AS queuedAt, "
            + "wecom_created_at AS wecomCreatedAt, last_reminded_at AS lastRemindedAt, sent_at AS sentAt, finished_at AS finishedAt, "
            + "next_attempt_at AS nextAttemptAt, attempt_started_at AS attemptStartedAt, last_error AS lastError, version, "
            + "disclosure_id AS disclosureId, note";

    @Select("SELECT " + COLUMNS + " FROM wecom_group_send WHERE id = #{id}")
    GroupSendTask find(@Param("id") long id);

    @Select("SELECT " + COLUMNS + " FROM wecom_group_send WHERE request_key = #{key}")
    GroupSendTask byRequestKey(@Param("key") String requestKey);

    /**
     * As {@link #byRequestKey}, read right after the month's lock: the transaction's first plain read, so
     * it sees what the lock's previous holder committed. Not FOR UPDATE: a locking read of a key not
     * there takes a gap lock, and two enqueues for different groups gap-locking the same gap then
     * deadlock on their inserts (seen on MariaDB); the unique key settles a real race instead.
     */
    @Select("SELECT " + COLUMNS + " FROM wecom_group_send WHERE request_key = #{key}")
    GroupSendTask byRequestKeyLocked(@Param("key") String requestKey);

    /** Makes sure the group's row for the month exists, to be locked by {@link #lockMonth}. */
    @Insert("INSERT IGNORE INTO wecom_group_send_month (chat_id, send_month) VALUES (#{chat}, #{month})")
    int openMonth(@Param("chat") String chatId, @Param("month") String month);

    @Select("SELECT send_month FROM wecom_group_send_month WHERE chat_id = #{chat} AND send_month = #{month} FOR UPDATE")
    String lockMonth(@Param("chat") String chatId, @Param("month") String month);

    /** The purposes of the group's tasks that use the month's budget: accepted and not expired or failed. */
    @Select("SELECT purpose FROM wecom_group_send WHERE chat_id = #{chat} AND send_month = #{month} "
            + "AND status IN ('QUEUED', 'CREATED', 'SENT')")
    List<Purpose> budgetTakenBy(@Param("chat") String chatId, @Param("month") String month);

    /** The same, of the tasks queued in [from, to): a week's or a day's budget (a week may span two months). */
    @Select("SELECT purpose FROM wecom_group_send WHERE chat_id = #{chat} AND queued_at >= #{from} AND queued_at < #{to} "
            + "AND status IN ('QUEUED', 'CREATED', 'SENT')")
    List<Purpose> budgetTakenBetween(@Param("chat") String chatId, @Param("from") Instant from, @Param("to") Instant to);

    @Insert("INSERT INTO wecom_group_send (request_key, purpose, chat_id, send_month, text, status, queued_at, finished_at, "
            + "next_attempt_at, last_error, disclosure_id) VALUES (#{key}, #{purpose}, #{chat}, #{month}, #{text}, #{status}, #{now}, "
            + "#{finishedAt}, #{nextAttemptAt}, #{reason}, #{disclosure,jdbcType=BIGINT})")
    void insert(@Param("key") String requestKey, @Param("purpose") Purpose purpose, @Param("chat") String chatId,
                @Param("month") String month, @Param("text") String text, @Param("status") GroupSendTask.Status status,
                @Param("now") Instant now, @Param("finishedAt") Instant finishedAt, @Param("nextAttemptAt") Instant nextAttemptAt,
                @Param("reason") String reason, @Param("disclosure") Long disclosureId);

    /** Tasks under way whose time has come, the longest waiting first. */
    @Select("SELECT " + COLUMNS + " FROM wecom_group_send WHERE status IN ('QUEUED', 'CREATED') AND next_attempt_at <= #{now} "
            + "ORDER BY next_attempt_at, id LIMIT #{limit}")
    List<GroupSendTask> due(@Param("now") Instant now, @Param("limit") int limit);

    /** Takes a task until {@code leaseUntil}: if this pass dies, another takes it up then. 1 if this caller got it. */
    @Update("UPDATE wecom_group_send SET next_attempt_at = #{leaseUntil}, version = version + 1 WHERE id = #{id} AND version = #{version}")
    int claim(@Param("id") long id, @Param("version") int version, @Param("leaseUntil") Instant leaseUntil);

    /** add_msg_template is about to be called for the owner; {@code note}: why a disclosure's goes as text alone (or null). */
    @Update("UPDATE wecom_group_send SET owner_userid = #{owner}, attempt_started_at = #{now}, note = #{note,jdbcType=VARCHAR}, "
            + "version = version + 1 WHERE id = #{id} AND version = #{version}")
    int creating(@Param("id") long id, @Param("version") int version, @Param("owner") String owner, @Param("now") Instant now,
                 @Param("note") String note);

    @Update("UPDATE wecom_group_send SET status = 'CREATED', owner_userid = #{owner}, msgid = #{msgid}, wecom_created_at = #{createdAt}, "
            + "attempt_started_at = NULL, attempts = 0, last_error = NULL, next_attempt_at = #{nextAt}, version = version + 1 "
            + "WHERE id = #{id} AND version = #{version}")
    int created(@Param("id") long id, @Param("version") int version, @Param("owner") String owner, @Param("msgid") String msgid,
                @Param("createdAt") Instant createdAt, @Param("nextAt") Instant nextAttemptAt);

    /** A trouble to try again after: counted for the backoff, and kept as the last error. */
    @Update("UPDATE wecom_group_send SET attempts = attempts + 1, last_error = #{error}, attempt_started_at = #{attemptStartedAt}, "
            + "next_attempt_at = #{nextAt}, version = version + 1 WHERE id = #{id} AND version = #{version}")
    int retry(@Param("id") long id, @Param("version") int version, @Param("error") String error,
              @Param("attemptStartedAt") Instant attemptStartedAt, @Param("nextAt") Instant nextAttemptAt);

    /** Looked at, nothing to report: still waiting for the owner. */
    @Update("UPDATE wecom_group_send SET attempts = 0, next_attempt_at = #{nextAt}, version = version + 1 "
            + "WHERE id = #{id} AND version = #{version}")
    int waiting(@Param("id") long id, @Param("version") int version, @Param("nextAt") Instant nextAttemptAt);

    /** A reminder went to the owner (or was refused for good: {@code error}, counted all the same). */
    @Update("UPDATE wecom_group_send SET reminders_sent = reminders_sent + 1, last_reminded_at = #{now}, attempts = 0, "
            + "last_error = COALESCE(#{error,jdbcType=VARCHAR}, last_error), next_attempt_at = #{nextAt}, version = version + 1 "
            + "WHERE id = #{id} AND version = #{version}")
    int reminded(@Param("id") long id, @Param("version") int version, @Param("now") Instant now, @Param("error") String error,
                 @Param("nextAt") Instant nextAttemptAt);

    @Update("UPDATE wecom_group_send SET status = 'SENT', sent_at = #{sentAt}, finished_at = #{now}, next_attempt_at = NULL, "
            + "attempt_started_at = NULL, version = version + 1 WHERE id = #{id} AND version = #{version}")
    int sent(@Param("id") long id, @Param("version") int version, @Param("sentAt") Instant sentAt, @Param("now") Instant now);

    /** EXPIRED or FAILED, with the reason. */
    @Update("UPDATE wecom_group_send SET status = #{status}, last_error = #{reason}, finished_at = #{now}, next_attempt_at = NULL, "
            + "attempt_started_at = NULL, version = version + 1 WHERE id = #{id} AND version = #{version}")
    int finish(@Param("id") long id, @Param("version") int version, @Param("status") GroupSendTask.Status status,
               @Param("reason") String reason, @Param("now") Instant now);

    /** What went wrong in a month, for the officers who must see it: refused, expired and failed tasks. */
    @Select("SELECT " + COLUMNS + " FROM wecom_group_send WHERE send_month = #{month} AND status IN ('REFUSED', 'EXPIRED', 'FAILED') "
            + "ORDER BY id LIMIT #{limit}")
    List<GroupSendTask> unsent(@Param("month") String month, @Param("limit") int limit);
}
