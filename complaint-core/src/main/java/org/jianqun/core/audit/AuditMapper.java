package org.jianqun.core.audit;

import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL for the audit trail: append-only rows and one head per chain. */
public interface AuditMapper {
    String COLUMNS = "id, chain_key AS chainKey, seq, at, ticket_no AS ticketNo, type, outcome, actor, actor_role AS actorRole, "
            + "channel, before_state AS beforeState, after_state AS afterState, detail, prev_hash AS prevHash, hash";

    /** Creates a chain's head if it has none yet; a no-op when another transaction already did. */
    @Insert("INSERT IGNORE INTO audit_head (chain_key, seq, hash) VALUES (#{chain}, 0, #{genesis})")
    void ensureHead(@Param("chain") String chainKey, @Param("genesis") String genesisHash);

    /** Locks the chain's head: appends to one chain are serial, chains are independent. */
    @Select("SELECT chain_key AS chainKey, seq, hash FROM audit_head WHERE chain_key = #{chain} FOR UPDATE")
    Head lockHead(@Param("chain") String chainKey);

    record Head(String chainKey, long seq, String hash) {
    }

    @Insert("INSERT INTO audit_event (chain_key, seq, at, ticket_no, type, outcome, actor, actor_role, channel, before_state, "
            + "after_state, detail, prev_hash, hash) VALUES (#{e.chainKey}, #{seq}, #{e.at}, #{e.ticketNo}, #{e.type}, #{e.outcome}, "
            + "#{e.actor}, #{e.actorRole}, #{e.channel}, #{e.beforeState}, #{e.afterState}, #{e.detail}, #{prev}, #{hash})")
    void insert(@Param("e") AuditEntry entry, @Param("seq") long seq, @Param("prev") String prevHash, @Param("hash") String hash);

    @Update("UPDATE audit_head SET seq = #{seq}, hash = #{hash} WHERE chain_key = #{chain}")
    void moveHead(@Param("chain") String chainKey, @Param("seq") long seq, @Param("hash") String hash);

    @Select("SELECT chain_key AS chainKey, seq, hash FROM audit_head ORDER BY chain_key")
    List<Head> heads();

    /** The next page of one chain in chain order (keyset paging, so verifying never holds a huge result). */
    @Select("SELECT " + COLUMNS + " FROM audit_event WHERE chain_key = #{chain} AND seq > #{afterSeq} ORDER BY seq LIMIT #{limit}")
    List<AuditRow> chainPage(@Param("chain") String chainKey, @Param("afterSeq") long afterSeq, @Param("limit") int limit);

    /** Rows whose chain has no head at all (a head deleted, or rows written around the trail). */
    @Select("SELECT " + COLUMNS + " FROM audit_event WHERE chain_key NOT IN (SELECT chain_key FROM audit_head) ORDER BY id LIMIT 1")
    AuditRow orphan();

    @Select("SELECT " + COLUMNS + " FROM audit_event WHERE ticket_no = #{ticket} ORDER BY id")
    List<AuditRow> ofTicket(@Param("ticket") long ticketNo);
}
