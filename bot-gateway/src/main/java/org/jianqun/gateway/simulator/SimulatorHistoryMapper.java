package org.jianqun.gateway.simulator;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/**
 * A demo group's conversation as the durable rows keep it, newest first: what was said (the inbox) and
 * what the platform delivered into the group through the bridge (the outbox's sent rows to the group).
 */
public interface SimulatorHistoryMapper {
    record Said(String messageId, String senderId, String senderName, String kind, String text, String voiceUrl, Integer voiceSeconds,
                Instant at) {
    }

    record Delivered(String deliveryId, String text, Instant at) {
    }

    @Select("SELECT message_id AS messageId, sender_id AS senderId, sender_name AS senderName, kind, text, voice_url AS voiceUrl, "
            + "voice_seconds AS voiceSeconds, received_at AS at FROM inbox_message WHERE channel = 'BRIDGE' AND group_id = #{group} "
            + "ORDER BY id DESC LIMIT #{limit}")
    List<Said> said(@Param("group") String groupId, @Param("limit") int limit);

    @Select("SELECT delivery_id AS deliveryId, text, created_at AS at FROM outbox WHERE audience = 'GROUP' AND target = #{target} "
            + "AND status = 'SENT' ORDER BY id DESC LIMIT #{limit}")
    List<Delivered> delivered(@Param("target") String target, @Param("limit") int limit);
}
