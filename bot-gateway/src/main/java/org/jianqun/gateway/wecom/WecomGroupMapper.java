package org.jianqun.gateway.wecom;

import java.time.Instant;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Update;

/** SQL for keeping WeCom's external groups in {@code chat_group} as WeCom reports them. */
public interface WecomGroupMapper {
    /** A group WeCom told us about, unassigned (no village) until an admin binds it; 0 when it was known (retries, two instances). */
    @Insert("INSERT IGNORE INTO chat_group (channel, group_id, village_code, name, created_at, updated_at) "
            + "VALUES ('WECOM', #{groupId}, NULL, #{name}, #{now}, #{now})")
    int insertUnassigned(@Param("groupId") String groupId, @Param("name") String name, @Param("now") Instant now);

    /** Marks a group dismissed by its name, once; the row (and its village) stays for the history of its tickets. */
    @Update("UPDATE chat_group SET name = LEFT(CONCAT(#{prefix}, name), 200), updated_at = #{now} "
            + "WHERE channel = 'WECOM' AND group_id = #{groupId} AND name NOT LIKE CONCAT(#{prefix}, '%')")
    int markDismissed(@Param("groupId") String groupId, @Param("prefix") String prefix, @Param("now") Instant now);
}
