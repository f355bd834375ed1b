package org.jianqun.gateway.wecom;

import java.time.Instant;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL for the archive cursor: how far the message archive of a corp has been read. */
public interface ArchiveMapper {
    @Select("SELECT last_seq FROM wecom_archive_cursor WHERE corp_id = #{corp}")
    Long lastSeq(@Param("corp") String corpId);

    @Insert("INSERT IGNORE INTO wecom_archive_cursor (corp_id, last_seq, updated_at) VALUES (#{corp}, 0, #{now})")
    int ensure(@Param("corp") String corpId, @Param("now") Instant now);

    /** Only ever forward: two pulls racing (two instances) cannot move it back. */
    @Update("UPDATE wecom_archive_cursor SET last_seq = #{seq}, updated_at = #{now} WHERE corp_id = #{corp} AND last_seq < #{seq}")
    int advance(@Param("corp") String corpId, @Param("seq") long seq, @Param("now") Instant now);
}
