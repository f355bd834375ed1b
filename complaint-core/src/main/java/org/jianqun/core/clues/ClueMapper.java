package org.jianqun.core.clues;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Delete;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL of the clue library: clues, their steps and their links. */
public interface ClueMapper {
    String COLUMNS = "id, office_code AS office, confidential, source_kind AS sourceKind, source_ref AS sourceRef, village_code AS villageCode, "
            + "summary, clue_value AS clueValue, status, created_by AS createdBy, created_by_name AS createdByName, created_at AS createdAt, "
            + "updated_at AS updatedAt";

    /** A mutable box for the generated id. */
    final class NewClue {
        private long id;
        private final Clue clue;

        public NewClue(Clue clue) {
            this.clue = clue;
        }

        public long getId() {
            return id;
        }

        public void setId(long id) {
            this.id = id;
        }

        public Clue getClue() {
            return clue;
        }
    }

    @Insert("INSERT INTO clue (office_code, confidential, source_kind, source_ref, village_code, summary, clue_value, status, created_by, "
            + "created_by_name, created_at, updated_at) VALUES (#{clue.office}, #{clue.confidential}, #{clue.sourceKind}, #{clue.sourceRef}, "
            + "#{clue.villageCode}, #{clue.summary}, #{clue.clueValue}, #{clue.status}, #{clue.createdBy}, #{clue.createdByName}, "
            + "#{clue.createdAt}, #{clue.updatedAt})")
    @Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
    void insert(NewClue clue);

    @Select("SELECT " + COLUMNS + " FROM clue WHERE id = #{id}")
    Clue find(@Param("id") long id);

    /** The row, locked until the transaction ends: every change to a clue goes through here. */
    @Select("SELECT " + COLUMNS + " FROM clue WHERE id = #{id} FOR UPDATE")
    Clue lock(@Param("id") long id);

    @Update("UPDATE clue SET status = #{status}, clue_value = #{value}, updated_at = #{at} WHERE id = #{id}")
    int update(@Param("id") long id, @Param("status") ClueStatus status, @Param("value") ClueValue value, @Param("at") Instant at);

    /**
     * Clues held by the offices within {@code scope}, newest first: the SQL form of AccessPolicy.mayKnowClue
     * (a confidential one only for its own office, {@code office}); the library asks the policy again.
     */
    @Select("<script>SELECT " + COLUMNS + " FROM clue WHERE office_code LIKE CONCAT(#{scope}, '%') "
            + "AND (confidential = FALSE OR office_code = #{office}) "
            + "<if test='status != null'>AND status = #{status} </if><if test='value != null'>AND clue_value = #{value} </if>"
            + "<if test='before != null'>AND id &lt; #{before} </if>ORDER BY id DESC LIMIT #{limit}</script>")
    List<Clue> page(@Param("scope") String scope, @Param("office") String office, @Param("status") ClueStatus status,
                    @Param("value") ClueValue value, @Param("before") Long before, @Param("limit") int limit);

    record Step(long id, Instant at, long actorId, String actorName, String type, ClueStatus fromStatus, ClueStatus toStatus,
                ClueValue clueValue, String note) {
    }

    @Insert("INSERT INTO clue_step (clue_id, at, actor_id, actor_name, type, from_status, to_status, clue_value, note) VALUES "
            + "(#{clue}, #{at}, #{actorId}, #{actorName}, #{type}, #{from}, #{to}, #{value}, #{note})")
    void insertStep(@Param("clue") long clue, @Param("at") Instant at, @Param("actorId") long actorId, @Param("actorName") String actorName,
                    @Param("type") String type, @Param("from") ClueStatus from, @Param("to") ClueStatus to, @Param("value") ClueValue value,
                    @Param("note") String note);

    @Select("SELECT id, at, actor_id AS actorId, actor_name AS actorName, type, from_status AS fromStatus, to_status AS toStatus, "
            + "clue_value AS clueValue, note FROM clue_step WHERE clue_id = #{clue} ORDER BY id")
    List<Step> steps(@Param("clue") long clue);

    record Link(long other, Instant linkedAt, String linkedBy, String note) {
    }

    @Insert("INSERT INTO clue_link (clue_low, clue_high, linked_at, linked_by, note) VALUES (#{low}, #{high}, #{at}, #{by}, #{note})")
    void insertLink(@Param("low") long low, @Param("high") long high, @Param("at") Instant at, @Param("by") String by, @Param("note") String note);

    @Delete("DELETE FROM clue_link WHERE clue_low = #{low} AND clue_high = #{high}")
    int deleteLink(@Param("low") long low, @Param("high") long high);

    @Select("SELECT COUNT(*) FROM clue_link WHERE clue_low = #{low} AND clue_high = #{high}")
    int linkCount(@Param("low") long low, @Param("high") long high);

    @Select("SELECT clue_high AS other, linked_at AS linkedAt, linked_by AS linkedBy, note FROM clue_link WHERE clue_low = #{clue} "
            + "UNION ALL SELECT clue_low, linked_at, linked_by, note FROM clue_link WHERE clue_high = #{clue} ORDER BY other")
    List<Link> links(@Param("clue") long clue);

    /** A clue as the 勤廉指数 counts it: its village and the ticket it came from, if any. */
    record Counted(long id, String villageCode, ClueOrigin.Kind sourceKind, String sourceRef) {
    }

    /**
     * The clues about the villages of {@code scope} made in {@code [from, to)} that the discipline office {@code office}
     * may know (AccessPolicy.mayKnowClue in SQL: its own and its offices', a confidential one only its own).
     */
    @Select("SELECT id, village_code AS villageCode, source_kind AS sourceKind, source_ref AS sourceRef FROM clue "
            + "WHERE village_code LIKE CONCAT(#{scope}, '%') AND created_at >= #{from} AND created_at < #{to} "
            + "AND office_code LIKE CONCAT(#{office}, '%') AND (confidential = FALSE OR office_code = #{office})")
    List<Counted> counted(@Param("scope") String scope, @Param("office") String office, @Param("from") Instant from, @Param("to") Instant to);

    /** The links of the same clues ({@link #counted}'s conditions on the lower one; the caller keeps those among them). */
    @Select("SELECT l.clue_low AS low, l.clue_high AS high FROM clue_link l JOIN clue c ON c.id = l.clue_low "
            + "WHERE c.village_code LIKE CONCAT(#{scope}, '%') AND c.created_at >= #{from} AND c.created_at < #{to} "
            + "AND c.office_code LIKE CONCAT(#{office}, '%') AND (c.confidential = FALSE OR c.office_code = #{office})")
    List<LinkedPair> countedLinks(@Param("scope") String scope, @Param("office") String office, @Param("from") Instant from,
                                  @Param("to") Instant to);

    record LinkedPair(long low, long high) {
    }
}
