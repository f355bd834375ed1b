package org.jianqun.core.persistence;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;
import org.jianqun.core.organisation.Person;

/** SQL for the {@code person} table (people and their optional logins). */
public interface PersonMapper {
    String COLUMNS = "id, name, role, scope_code AS scopeCode, channel, channel_user_id AS channelUserId, "
            + "username, password_hash AS passwordHash";

    @Select("SELECT " + COLUMNS + " FROM person WHERE username = #{username}")
    Person findByUsername(@Param("username") String username);

    @Select("SELECT " + COLUMNS + " FROM person WHERE channel = #{channel} AND channel_user_id = #{userId}")
    Person findByChannelUser(@Param("channel") org.jianqun.core.organisation.Channel channel, @Param("userId") String channelUserId);

    @Select("SELECT " + COLUMNS + " FROM person WHERE id = #{id}")
    Person find(@Param("id") long id);

    @Select("<script>SELECT " + COLUMNS + " FROM person WHERE username IN "
            + "<foreach item='u' collection='usernames' open='(' separator=',' close=')'>#{u}</foreach></script>")
    List<Person> findByUsernames(@Param("usernames") Collection<String> usernames);

    @Select("<script>SELECT " + COLUMNS + " FROM person WHERE channel_user_id IN "
            + "<foreach item='u' collection='userIds' open='(' separator=',' close=')'>#{u}</foreach></script>")
    List<Person> findByChannelUserIds(@Param("userIds") Collection<String> channelUserIds);

    /** People scoped to exactly this region who have a chat identity on the channel. */
    @Select("SELECT " + COLUMNS + " FROM person WHERE scope_code = #{scope} AND channel = #{channel} ORDER BY role, id LIMIT 200")
    List<Person> chatPeopleOf(@Param("scope") String scopeCode, @Param("channel") org.jianqun.core.organisation.Channel channel);

    @Select("SELECT COUNT(*) FROM person")
    long count();

    @Select("SELECT COUNT(*) FROM person WHERE role = 'ADMIN'")
    long countAdmins();

    @Insert("INSERT INTO person (name, role, scope_code, channel, channel_user_id, username, password_hash, created_at, updated_at) "
            + "VALUES (#{p.name}, #{p.role}, #{p.scopeCode}, #{p.channel}, #{p.channelUserId}, #{p.username}, #{p.passwordHash}, #{now}, #{now})")
    void insert(@Param("p") Person person, @Param("now") Instant now);

    /** Updates everything but the password: an import never overwrites a password a person may have changed. */
    @Update("UPDATE person SET name = #{p.name}, role = #{p.role}, scope_code = #{p.scopeCode}, channel = #{p.channel}, "
            + "channel_user_id = #{p.channelUserId}, username = #{p.username}, updated_at = #{now} WHERE id = #{p.id}")
    void update(@Param("p") Person person, @Param("now") Instant now);

    @Update("UPDATE person SET password_hash = #{hash}, updated_at = #{now} WHERE id = #{id}")
    void setPassword(@Param("id") long id, @Param("hash") String passwordHash, @Param("now") Instant now);
}
