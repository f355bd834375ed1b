package org.jianqun.core.identity;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL for {@code reporter_identity}: sealed columns only; nothing here ever sees a plain value. */
public interface IdentityMapper {
    record SealedRow(long ticketNo, String keyId, String nameSealed, String phoneSealed, String idNoSealed) {
        @Override
        public String toString() {
            return "SealedRow[#" + ticketNo + ", key " + keyId + "]";
        }
    }

    String COLUMNS = "ticket_no AS ticketNo, key_id AS keyId, name_sealed AS nameSealed, phone_sealed AS phoneSealed, id_no_sealed AS idNoSealed";

    @Insert("INSERT INTO reporter_identity (ticket_no, key_id, name_sealed, phone_sealed, id_no_sealed, sealed_at) "
            + "VALUES (#{r.ticketNo}, #{r.keyId}, #{r.nameSealed}, #{r.phoneSealed}, #{r.idNoSealed}, #{at})")
    void insert(@Param("r") SealedRow row, @Param("at") Instant at);

    @Select("SELECT " + COLUMNS + " FROM reporter_identity WHERE ticket_no = #{no}")
    SealedRow find(@Param("no") long ticketNo);

    /** Rows not yet sealed under {@code keyId}, after a ticket number, in number order and locked: a rotation's batch. */
    @Select("SELECT " + COLUMNS + " FROM reporter_identity WHERE key_id <> #{key} AND ticket_no > #{after} "
            + "ORDER BY ticket_no LIMIT #{limit} FOR UPDATE")
    List<SealedRow> staleBatch(@Param("key") String currentKeyId, @Param("after") long afterTicketNo, @Param("limit") int limit);

    @Update("UPDATE reporter_identity SET key_id = #{r.keyId}, name_sealed = #{r.nameSealed}, phone_sealed = #{r.phoneSealed}, "
            + "id_no_sealed = #{r.idNoSealed}, sealed_at = #{at} WHERE ticket_no = #{r.ticketNo}")
    int rewrite(@Param("r") SealedRow row, @Param("at") Instant at);

    @Select("SELECT COUNT(*) FROM reporter_identity WHERE key_id <> #{key}")
    long countStale(@Param("key") String currentKeyId);
}
