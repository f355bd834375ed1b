package org.jianqun.core.outbox;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** SQL for the outbox. Rows are written with the change that caused them; the gateway delivers them. */
public interface OutboxMapper {
    @Insert("INSERT INTO outbox (delivery_id, created_at, ticket_no, event_type, audience, target, text, status, attempts, next_attempt_at) "
            + "VALUES (#{deliveryId}, #{at}, #{ticket}, #{type}, #{m.audience}, #{m.target}, #{m.text}, 'PENDING', 0, #{at})")
    void insert(@Param("deliveryId") String deliveryId, @Param("at") Instant at, @Param("ticket") Long ticketNo,
                @Param("type") String eventType, @Param("m") OutboxMessage message);

    record Pending(long id, String deliveryId, Long ticketNo, String eventType, Audience audience, String target, String text) {
    }

    @Select("SELECT id, delivery_id AS deliveryId, ticket_no AS ticketNo, event_type AS eventType, audience, target, text "
            + "FROM outbox WHERE ticket_no = #{ticket} ORDER BY id")
    List<Pending> ofTicket(@Param("ticket") long ticketNo);
}
