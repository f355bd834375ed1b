package org.jianqun.core.outbox;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL for the outbox. Rows are written with the change that caused them; the gateway delivers them. */
public interface OutboxMapper {
    @Insert("INSERT INTO outbox (delivery_id, created_at, ticket_no, event_type, audience, target, text, broadcast, disclosure_id, "
            + "disclosure_image, status, attempts, next_attempt_at) VALUES (#{deliveryId}, #{at}, #{ticket}, #{type}, #{m.audience}, "
            + "#{m.target}, #{m.text}, #{m.broadcast}, #{m.image.disclosureId,jdbcType=BIGINT}, #{m.image.role,jdbcType=VARCHAR}, "
            + "'PENDING', 0, #{at})")
    void insert(@Param("deliveryId") String deliveryId, @Param("at") Instant at, @Param("ticket") Long ticketNo,
                @Param("type") String eventType, @Param("m") OutboxMessage message);

    /** One row for {@link #insertAll}. */
    record NewRow(String deliveryId, Long ticketNo, String eventType, OutboxMessage m) {
    }

    /** As {@link #insert} for many rows in one statement (a push day's requests, what a broadcast is routed into). */
    @Insert("<script>INSERT INTO outbox (delivery_id, created_at, ticket_no, event_type, audience, target, text, broadcast, disclosure_id, "
            + "disclosure_image, status, attempts, next_attempt_at) VALUES <foreach item='r' collection='rows' separator=','>(#{r.deliveryId}, "
            + "#{at}, #{r.ticketNo}, #{r.eventType}, #{r.m.audience}, #{r.m.target}, #{r.m.text}, #{r.m.broadcast}, "
            + "#{r.m.image.disclosureId,jdbcType=BIGINT}, #{r.m.image.role,jdbcType=VARCHAR}, 'PENDING', 0, #{at})</foreach></script>")
    void insertAll(@Param("at") Instant at, @Param("rows") List<NewRow> rows);

    /** Which of {@code deliveryIds} are already in the outbox. */
    @Select("<script>SELECT delivery_id FROM outbox WHERE delivery_id IN "
            + "<foreach item='d' collection='ids' open='(' separator=',' close=')'>#{d}</foreach></script>")
    List<String> existing(@Param("ids") Collection<String> deliveryIds);

    /** A message waiting to go; {@code attempts} as read, before a claim counts one more. */
    record Pending(long id, String deliveryId, Long ticketNo, String eventType, Audience audience, String target, String text, int attempts,
                   Broadcast broadcast, Long disclosureId, DisclosureImage.Role disclosureImage) {
        /** The disclosure's image the row carries, or null. */
        public DisclosureImage image() {
            return DisclosureImage.of(disclosureId, disclosureImage);
        }
    }

    String PENDING_COLUMNS = "id, delivery_id AS deliveryId, ticket_no AS ticketNo, event_type AS eventType, audience, target, text, attempts, "
            + "broadcast, disclosure_id AS disclosureId, disclosure_image AS disclosureImage";

    @Select("SELECT " + PENDING_COLUMNS + " FROM outbox WHERE ticket_no = #{ticket} ORDER BY id")
    List<Pending> ofTicket(@Param("ticket") long ticketNo);

    /** Messages to send now: pending ones whose time has come, and sends whose lease ran out (the sender died mid-way). */
    @Select("SELECT " + PENDING_COLUMNS + " FROM outbox WHERE status IN ('PENDING', 'SENDING') AND next_attempt_at <= #{now} "
            + "ORDER BY next_attempt_at, id LIMIT #{limit}")
    List<Pending> due(@Param("now") Instant now, @Param("limit") int limit);

    /**
     * As {@link #due} for one status ({@code PENDING}, or {@code SENDING} whose lease ran out), leaving
     * out the targets named in {@code busy} (destinations this dispatcher is sending to now), so a
     * destination that hangs does not fill the window with rows that must wait. One status at a time
     * reads the {@code outbox_pending} index in order: with both, the server sorts every due row first,
     * which for a backlog of 40,000 costs more than the claim.
     */
    @Select("<script>SELECT " + PENDING_COLUMNS + " FROM outbox WHERE status = #{status} AND next_attempt_at &lt;= #{now} "
            + "<if test='busy.size() > 0'>AND target NOT IN <foreach item='t' collection='busy' open='(' separator=',' close=')'>#{t}</foreach> </if>"
            + "ORDER BY next_attempt_at, id LIMIT #{limit}</script>")
    List<Pending> dueIn(@Param("status") DeliveryStatus status, @Param("now") Instant now, @Param("limit") int limit, @Param("busy") Collection<String> busy);

    /** Takes a message for sending until {@code leaseUntil}; 1 if this caller got it, 0 if another did. */
    @Update("<script>UPDATE outbox SET status = 'SENDING', attempts = attempts + 1, next_attempt_at = #{leaseUntil}, claimed_by = #{me} "
            + "WHERE id = #{id} AND " + CLAIMABLE + "</script>")
    int claim(@Param("id") long id, @Param("now") Instant now, @Param("leaseUntil") Instant leaseUntil, @Param("me") String instance,
              @Param("aliveSince") Instant aliveSince);

    /**
     * What a dispatcher may claim: a pending row whose time has come, a send whose lease ran out, or a send
     * held by another instance that no longer beats ({@link #beat}): it died mid-send, nothing will settle it.
     */
    String CLAIMABLE = "status IN ('PENDING', 'SENDING') AND (next_attempt_at &lt;= #{now} OR (status = 'SENDING' "
            + "AND claimed_by IS NOT NULL AND claimed_by &lt;&gt; #{me} AND claimed_by NOT IN " + "(SELECT d.instance_id FROM outbox_dispatcher d WHERE d.beat_at &gt; #{aliveSince})" + "))";

    /** Sends held by instances other than {@code me} that stopped beating, their leases still running. */
    @Select("<script>SELECT " + PENDING_COLUMNS + " FROM outbox WHERE status = 'SENDING' AND next_attempt_at &gt; #{now} "
            + "AND claimed_by IS NOT NULL AND claimed_by &lt;&gt; #{me} AND claimed_by NOT IN " + "(SELECT d.instance_id FROM outbox_dispatcher d WHERE d.beat_at &gt; #{aliveSince}) "
            + "<if test='busy.size() > 0'>AND target NOT IN <foreach item='t' collection='busy' open='(' separator=',' close=')'>#{t}</foreach> </if>"
            + "ORDER BY next_attempt_at, id LIMIT #{limit}</script>")
    List<Pending> orphans(@Param("now") Instant now, @Param("me") String instance, @Param("aliveSince") Instant aliveSince,
                          @Param("limit") int limit, @Param("busy") Collection<String> busy);

    /** A dispatcher instance says it lives (0 before its first beat: then {@link #firstBeat}). */
    @Update("UPDATE outbox_dispatcher SET beat_at = #{at} WHERE instance_id = #{me}")
    int beat(@Param("me") String instance, @Param("at") Instant at);

    @Insert("INSERT INTO outbox_dispatcher (instance_id, beat_at) VALUES (#{me}, #{at})")
    void firstBeat(@Param("me") String instance, @Param("at") Instant at);

    /** Instances silent since {@code before} (long gone): their rows, if any are left, are orphans either way. */
    @org.apache.ibatis.annotations.Delete("DELETE FROM outbox_dispatcher WHERE beat_at < #{before}")
    int forgetSilent(@Param("before") Instant before);

    /**
     * Takes every message of {@code ids} for sending until {@code leaseUntil}, under the same condition
     * as {@link #claim}; how many it took. Less than all means another dispatcher has some: the caller
     * rolls back and claims them one by one, to know which ({@code leaseUntil} alone cannot tell: two
     * dispatchers may claim in the same millisecond).
     */
    @Update("<script>UPDATE outbox SET status = 'SENDING', attempts = attempts + 1, next_attempt_at = #{leaseUntil}, claimed_by = #{me} "
            + "WHERE id IN <foreach item='id' collection='ids' open='(' separator=',' close=')'>#{id}</foreach> "
            + "AND " + CLAIMABLE + "</script>")
    int claimAll(@Param("ids") Collection<Long> ids, @Param("now") Instant now, @Param("leaseUntil") Instant leaseUntil,
                 @Param("me") String instance, @Param("aliveSince") Instant aliveSince);

    /**
     * Settles as sent every message of {@code ids} this caller still holds under the lease {@code leaseUntil}
     * (one claim's); how many. Less than all: the caller rolls back and settles them one by one.
     */
    @Update("<script>UPDATE outbox SET status = 'SENT', next_attempt_at = #{now}, last_error = NULL "
            + "WHERE id IN <foreach item='id' collection='ids' open='(' separator=',' close=')'>#{id}</foreach> "
            + "AND status = 'SENDING' AND next_attempt_at = #{leaseUntil}</script>")
    int settleSent(@Param("ids") Collection<Long> ids, @Param("leaseUntil") Instant leaseUntil, @Param("now") Instant now);

    /** A paced message was not really attempted: the claim's count is given back. */
    @Update("UPDATE outbox SET attempts = attempts - 1 WHERE id = #{id} AND attempts > 0")
    void uncount(@Param("id") long id);

    @Select("SELECT attempts FROM outbox WHERE id = #{id}")
    int attempts(@Param("id") long id);

    /** A row's attempts so far. */
    record Attempts(long id, int attempts) {
    }

    @Select("<script>SELECT id, attempts FROM outbox WHERE id IN "
            + "<foreach item='id' collection='ids' open='(' separator=',' close=')'>#{id}</foreach></script>")
    List<Attempts> attemptsOf(@Param("ids") Collection<Long> ids);

    /**
     * Settles a message this caller still holds: its claim's lease ({@code leaseUntil}, the claim's
     * {@code next_attempt_at}) is unchanged. 0 when the lease ran out and another dispatcher claimed the
     * message meanwhile: then that one's outcome stands, and this one must not overwrite it.
     */
    @Update("UPDATE outbox SET status = #{status}, next_attempt_at = #{nextAt}, last_error = #{error} "
            + "WHERE id = #{id} AND status = 'SENDING' AND next_attempt_at = #{leaseUntil}")
    int settle(@Param("id") long id, @Param("leaseUntil") Instant leaseUntil, @Param("status") DeliveryStatus status,
               @Param("nextAt") Instant nextAttemptAt, @Param("error") String error);

    /**
     * As {@link #settle}, and gives back {@code giveBack} of the claim's attempts (1 for a paced message,
     * which was not really attempted) under the same lease check, so it can be batched with others.
     */
    @Update("UPDATE outbox SET status = #{status}, next_attempt_at = #{nextAt}, last_error = #{error}, "
            + "attempts = GREATEST(0, attempts - #{giveBack}) "
            + "WHERE id = #{id} AND status = 'SENDING' AND next_attempt_at = #{leaseUntil}")
    int settleGivingBack(@Param("id") long id, @Param("leaseUntil") Instant leaseUntil, @Param("status") DeliveryStatus status,
                         @Param("nextAt") Instant nextAttemptAt, @Param("error") String error, @Param("giveBack") int giveBack);


    /**
     * An administrator sends a held or failed delivery again (its group is bound now, the bridge is back):
     * pending at once, attempts from zero, the old reason kept after who retried it. Only within
     * {@code scope} (null: everywhere), judged as the admin list judges it. 1 when done.
     */
    @Update("<script>UPDATE outbox SET status = 'PENDING', attempts = 0, next_attempt_at = #{now}, "
            + "last_error = SUBSTRING(CONCAT('retried by ', #{who}, '; before: ', COALESCE(last_error, '')), 1, 1000) "
            + "WHERE delivery_id = #{deliveryId} AND status IN ('HELD', 'FAILED') "
            + "<if test='scope != null'>AND (ticket_no IN (SELECT t.no FROM ticket t WHERE t.village_code LIKE CONCAT(#{scope}, '%')) "
            + "OR (ticket_no IS NULL AND target LIKE CONCAT(#{scope}, '%'))) </if></script>")
    int retry(@Param("deliveryId") String deliveryId, @Param("scope") String scope, @Param("now") Instant now, @Param("who") String who);

    @Select("SELECT status FROM outbox WHERE delivery_id = #{deliveryId}")
    DeliveryStatus statusOf(@Param("deliveryId") String deliveryId);
}
