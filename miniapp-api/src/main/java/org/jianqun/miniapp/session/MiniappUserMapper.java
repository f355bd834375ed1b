package org.jianqun.miniapp.session;

import java.time.Instant;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL for {@code miniapp_user} (V15): a mini-program user is a person found by openid. */
public interface MiniappUserMapper {
    /** A row as stored; {@code phoneSealed} is ciphertext. */
    record Row(long personId, String openid, String villageCode, String phoneSealed) {
        public MiniappUser user() {
            return new MiniappUser(personId, openid, java.util.Optional.ofNullable(villageCode), phoneSealed != null);
        }
    }

    String COLUMNS = "person_id AS personId, openid, village_code AS villageCode, phone_sealed AS phoneSealed";

    @Select("SELECT " + COLUMNS + " FROM miniapp_user WHERE openid = #{openid}")
    Row findByOpenid(@Param("openid") String openid);

    @Select("SELECT " + COLUMNS + " FROM miniapp_user WHERE person_id = #{personId}")
    Row find(@Param("personId") long personId);

    /** The person behind a new mini-program user: a villager with no village yet (chosen next, PUT /me/village). */
    @Insert("INSERT INTO person (name, role, scope_code, channel, channel_user_id, username, password_hash, created_at, updated_at) "
            + "VALUES ('微信用户', 'VILLAGER', NULL, NULL, NULL, NULL, NULL, #{now}, #{now})")
    @Options(useGeneratedKeys = true, keyProperty = "id.value", keyColumn = "id")
    void insertPerson(@Param("id") IdHolder id, @Param("now") Instant now);

    @Insert("INSERT INTO miniapp_user (person_id, openid, created_at, updated_at) VALUES (#{personId}, #{openid}, #{now}, #{now})")
    void insert(@Param("personId") long personId, @Param("openid") String openid, @Param("now") Instant now);

    /** The home village, and the person's scope with it: a villager belongs to the village they said they live in. */
    @Update("UPDATE miniapp_user SET village_code = #{village}, updated_at = #{now} WHERE person_id = #{personId}")
    void setVillage(@Param("personId") long personId, @Param("village") String villageCode, @Param("now") Instant now);

    @Update("UPDATE person SET scope_code = #{village}, updated_at = #{now} WHERE id = #{personId} AND role = 'VILLAGER'")
    void setPersonScope(@Param("personId") long personId, @Param("village") String villageCode, @Param("now") Instant now);

    @Update("UPDATE miniapp_user SET phone_sealed = #{sealed}, phone_key_id = #{keyId}, updated_at = #{now} WHERE person_id = #{personId}")
    void setPhone(@Param("personId") long personId, @Param("sealed") String sealed, @Param("keyId") String keyId, @Param("now") Instant now);

    /** MyBatis writes a generated key into a property: this holds it. */
    final class IdHolder {
        private Long value;

        public Long getValue() {
            return value;
        }

        public void setValue(Long value) {
            this.value = value;
        }
    }
}
