package org.jianqun.core.outbox;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/**
 * What administrators read of the outbox: deliveries that did not (yet) arrive, with their reasons. The
 * chat side's own tables (inbox, group-send tasks) are read through {@link org.jianqun.core.operations.ChatSideReports}.
 */
public interface DeliveryReportMapper {
    record DeliveryRow(long id, String deliveryId, Long ticketNo, String eventType, Audience audience, String target, DeliveryStatus status,
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
    List<DeliveryRow> deliveries(@Param("status") DeliveryStatus status, @Param("scope") String scope, @Param("before") Long before,
                                 @Param("limit") int limit);
}
