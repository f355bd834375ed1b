package org.jianqun.core.persistence;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.organisation.ChatGroup;
import org.jianqun.core.organisation.GroupPurpose;

/** SQL for the {@code chat_group} table. */
public interface GroupMapper {
    /** The order of ChatGroup's constructor: MyBatis builds the record from these. */
    String COLUMNS = "id, channel, group_id AS groupId, village_code AS regionCode, name, purpose, robot_key AS robotKey";

    @Select("SELECT " + COLUMNS + " FROM chat_group WHERE channel = #{channel} AND group_id = #{groupId}")
    ChatGroup find(@Param("channel") Channel channel, @Param("groupId") String groupId);

    @Select("<script>SELECT " + COLUMNS + " FROM chat_group WHERE group_id IN "
            + "<foreach item='g' collection='groupIds' open='(' separator=',' close=')'>#{g}</foreach></script>")
    List<ChatGroup> findByGroupIds(@Param("groupIds") Collection<String> groupIds);

    /** Every group bound to exactly this region, whatever it is for. */
    @Select("SELECT " + COLUMNS + " FROM chat_group WHERE village_code = #{region} ORDER BY id")
    List<ChatGroup> ofRegion(@Param("region") String regionCode);

    /** The groups that serve {@code regionCode} for {@code purpose}, oldest first. */
    @Select("SELECT " + COLUMNS + " FROM chat_group WHERE village_code = #{region} AND purpose = #{purpose} ORDER BY id")
    List<ChatGroup> serving(@Param("region") String regionCode, @Param("purpose") GroupPurpose purpose);

    /** As {@link #serving} for many regions in one query, ordered by region then id. */
    @Select("<script>SELECT " + COLUMNS + " FROM chat_group WHERE village_code IN "
            + "<foreach item='r' collection='regions' open='(' separator=',' close=')'>#{r}</foreach> AND purpose = #{purpose} "
            + "ORDER BY village_code, id</script>")
    List<ChatGroup> servingAll(@Param("regions") java.util.Collection<String> regionCodes, @Param("purpose") GroupPurpose purpose);

    @Select("SELECT " + COLUMNS + " FROM chat_group WHERE channel = #{channel} ORDER BY village_code, group_id LIMIT #{limit}")
    List<ChatGroup> ofChannel(@Param("channel") Channel channel, @Param("limit") int limit);

    @Select("SELECT COUNT(*) FROM chat_group")
    long count();

    @Insert("INSERT INTO chat_group (channel, group_id, village_code, name, purpose, robot_key, created_at, updated_at) "
            + "VALUES (#{g.channel}, #{g.groupId}, #{g.regionCode}, #{g.name}, #{g.purpose}, #{g.robotKey}, #{now}, #{now})")
    void insert(@Param("g") ChatGroup group, @Param("now") Instant now);

    @Update("UPDATE chat_group SET village_code = #{g.regionCode}, name = #{g.name}, purpose = #{g.purpose}, robot_key = #{g.robotKey}, updated_at = #{now} "
            + "WHERE channel = #{g.channel} AND group_id = #{g.groupId}")
    void update(@Param("g") ChatGroup group, @Param("now") Instant now);
}
