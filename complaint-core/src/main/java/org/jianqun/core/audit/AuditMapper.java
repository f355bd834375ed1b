package org.jianqun.core.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.ResultMap;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL for the audit trail: append-only rows and one head per chain. */
public interface AuditMapper {
    String COLUMNS = "id, chain_key AS chainKey, seq, at, ticket_no AS ticketNo, type, outcome, actor, actor_role AS actorRole, "
            + "channel, before_state AS beforeState, after_state AS afterState, detail, prev_hash AS prevHash, hash";

    /**
     * Creates a chain's head if it has none yet and, either way, takes the head row's exclusive lock: an upsert
     * locks the duplicate row exclusively, where INSERT IGNORE would take a shared lock that two writers then both
     * try to upgrade (a deadlock), and where a locking read of a missing head would take a gap lock that two first
     * writers both hold before both insert (the deadlock the mini-program benchmark hit on new counties).
     */
    @Insert("INSERT INTO audit_head (chain_key, seq, hash, seal) VALUES (#{chain}, 0, #{genesis}, #{seal}) ON DUPLICATE KEY UPDATE seq = seq")
    void takeHead(@Param("chain") String chainKey, @Param("genesis") String genesisHash, @Param("seal") String seal);

    /** Locks the chain's head: appends to one chain are serial, chains are independent. */
    @Select("SELECT chain_key AS chainKey, seq, hash, seal FROM audit_head WHERE chain_key = #{chain} FOR UPDATE")
    Head lockHead(@Param("chain") String chainKey);

    /** A chain's head; {@code seal} is its HMAC under the audit key (null only before the first start with a key). */
    record Head(String chainKey, long seq, String hash, String seal) {
    }

    @Insert("INSERT INTO audit_event (chain_key, seq, at, ticket_no, type, outcome, actor, actor_role, channel, before_state, "
            + "after_state, detail, prev_hash, hash) VALUES (#{e.chainKey}, #{seq}, #{e.at}, #{e.ticketNo}, #{e.type}, #{e.outcome}, "
            + "#{e.actor}, #{e.actorRole}, #{e.channel}, #{e.beforeState}, #{e.afterState}, #{e.detail}, #{prev}, #{hash})")
    void insert(@Param("e") AuditEntry entry, @Param("seq") long seq, @Param("prev") String prevHash, @Param("hash") String hash);

    /** One entry in its place in its chain, for {@link #insertAll}. */
    record Linked(AuditEntry e, long seq, String prev, String hash) {
    }

    /** As {@link #insert} for many entries in one statement (a push day appends thousands in one transaction). */
    @Insert("<script>INSERT INTO audit_event (chain_key, seq, at, ticket_no, type, outcome, actor, actor_role, channel, before_state, "
            + "after_state, detail, prev_hash, hash) VALUES <foreach item='r' collection='rows' separator=','>(#{r.e.chainKey}, #{r.seq}, "
            + "#{r.e.at}, #{r.e.ticketNo}, #{r.e.type}, #{r.e.outcome}, #{r.e.actor}, #{r.e.actorRole}, #{r.e.channel}, #{r.e.beforeState}, "
            + "#{r.e.afterState}, #{r.e.detail}, #{r.prev}, #{r.hash})</foreach></script>")
    void insertAll(@Param("rows") List<Linked> rows);

    @Update("UPDATE audit_head SET seq = #{seq}, hash = #{hash}, seal = #{seal} WHERE chain_key = #{chain}")
    void moveHead(@Param("chain") String chainKey, @Param("seq") long seq, @Param("hash") String hash, @Param("seal") String seal);

    @Select("SELECT chain_key AS chainKey, seq, hash, seal FROM audit_head ORDER BY chain_key")
    List<Head> heads();

    /** Every head, locked in chain order (as appends lock them): the daily witness's claim on the day, see {@link AuditWitnessJob}. */
    @Select("SELECT chain_key AS chainKey, seq, hash, seal FROM audit_head ORDER BY chain_key FOR UPDATE")
    List<Head> lockHeads();

    /** Seals a head written before heads had seals; only while it still has none. */
    @Update("UPDATE audit_head SET seal = #{seal} WHERE chain_key = #{chain} AND seq = #{seq} AND hash = #{hash} AND seal IS NULL")
    int sealLegacyHead(@Param("chain") String chainKey, @Param("seq") long seq, @Param("hash") String hash, @Param("seal") String seal);

    @Select("SELECT COUNT(*) FROM audit_head WHERE seal IS NOT NULL")
    long sealedHeads();

    /** Takes the day's witness of a chain; 1 when this caller took it, 0 when it was already taken (another instance). */
    @Insert("INSERT IGNORE INTO audit_witness (witness_day, chain_key, seq, hash, witnessed_at) VALUES (#{day}, #{h.chainKey}, #{h.seq}, #{h.hash}, #{at})")
    int witness(@Param("day") LocalDate day, @Param("h") Head head, @Param("at") Instant at);

    /** Whether the day was witnessed; a locking read, so it sees a witness another instance committed while this one waited. */
    @Select("SELECT chain_key FROM audit_witness WHERE witness_day = #{day} LIMIT 1 FOR UPDATE")
    String witnessedOn(@Param("day") LocalDate day);



    /** The next page of one chain in chain order (keyset paging, so verifying never holds a huge result). */
    @Select("SELECT " + COLUMNS + " FROM audit_event WHERE chain_key = #{chain} AND seq > #{afterSeq} ORDER BY seq LIMIT #{limit}")
    @ResultMap(AuditRow.RESULT_MAP)
    List<AuditRow> chainPage(@Param("chain") String chainKey, @Param("afterSeq") long afterSeq, @Param("limit") int limit);

    /** Rows whose chain has no head at all (a head deleted, or rows written around the trail). */
    @Select("SELECT " + COLUMNS + " FROM audit_event WHERE chain_key NOT IN (SELECT chain_key FROM audit_head) ORDER BY id LIMIT 1")
    @ResultMap(AuditRow.RESULT_MAP)
    AuditRow orphan();

    @Select("SELECT " + COLUMNS + " FROM audit_event WHERE ticket_no = #{ticket} ORDER BY id")
    @ResultMap(AuditRow.RESULT_MAP)
    List<AuditRow> ofTicket(@Param("ticket") long ticketNo);
}
