package org.jianqun.miniapp.identity;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** The sealed phones of {@code miniapp_user} as a key rotation walks them. */
public interface BoundPhoneMapper {
    record Row(long personId, String phoneSealed) {
        @Override
        public String toString() {
            return "Row[person " + personId + "]";
        }
    }

    @Select("SELECT person_id AS personId, phone_sealed AS phoneSealed FROM miniapp_user WHERE phone_sealed IS NOT NULL "
            + "AND (phone_key_id IS NULL OR phone_key_id <> #{key}) AND person_id > #{after} ORDER BY person_id LIMIT #{limit} FOR UPDATE")
    List<Row> stale(@Param("key") String currentKeyId, @Param("after") long after, @Param("limit") int limit);

    @Update("UPDATE miniapp_user SET phone_sealed = #{sealed}, phone_key_id = #{key}, updated_at = #{at} WHERE person_id = #{personId}")
    int rewrite(@Param("personId") long personId, @Param("sealed") String sealed, @Param("key") String keyId, @Param("at") Instant at);

    @Select("SELECT COUNT(*) FROM miniapp_user WHERE phone_sealed IS NOT NULL AND (phone_key_id IS NULL OR phone_key_id <> #{key})")
    long countStale(@Param("key") String currentKeyId);
}
