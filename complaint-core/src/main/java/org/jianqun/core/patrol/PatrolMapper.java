package org.jianqun.core.patrol;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** SQL of the patrol queue (a read model over tickets and their audited steps) and of the patrol log. */
public interface PatrolMapper {
    /**
     * A ticket's audited step with what the queue shows of the ticket; {@code office} is the discipline office
     * of a confidential ticket (as {@link org.jianqun.core.persistence.TicketMapper#OFFICE} reads it), null for an ordinary one;
     * {@code type} the step's audit type (with {@code afterState} and {@code office}, what tells its kind).
     */
    record StepRow(String type, long eventId, Instant at, String afterState, long no, String villageCode, String content, String office) {
    }

    String STEP_COLUMNS = "a.id AS eventId, a.at, a.after_state AS afterState, t.no, t.village_code AS villageCode, t.content, "
            + "CASE WHEN t.confidential THEN COALESCE(t.confidential_office, SUBSTRING(t.village_code, 1, 9)) END AS office ";

    /**
     * What a ticket step must be to be an item of a kind: its audit type, for a warning its colour, which tickets
     * ({@code ordinary}, {@code office}: the office's own real-name reports, or {@code both}), and whether each step
     * is an item of its own (its ref number@step) or the ticket is (its ref the number). Getters for MyBatis.
     */
    final class Shape {
        private final String kind;
        private final String type;
        private final String colour;
        private final String confidentiality;
        private final boolean perStep;

        public Shape(String kind, String type, String colour, String confidentiality, boolean perStep) {
            this.kind = kind;
            this.type = type;
            this.colour = colour;
            this.confidentiality = confidentiality;
            this.perStep = perStep;
        }

        public String getKind() {
            return kind;
        }

        public String getType() {
            return type;
        }

        public String getColour() {
            return colour;
        }

        public String getConfidentiality() {
            return confidentiality;
        }

        public boolean isPerStep() {
            return perStep;
        }
    }

    /**
     * For each shape, the steps of the tickets within {@code scope} in [from, to), newest first, at most {@code limit},
     * that the office has not reviewed — all shapes in one statement (one round trip a look). By the audit trail's
     * (chain, type, at, …) index: a county's chain is one range ({@code chain}); a city's counties a prefix of chains
     * ({@code chainPrefix}); a town's or village's registrations ({@code byTicket}) by the ticket table's index. The review anti-join is by its primary key on what the index holds, before the ticket
     * is read, so only unreviewed steps read their ticket (NOT EXISTS had MariaDB materialise the office's every review).
     */
    @Select("<script><foreach item='s' collection='shapes' separator=' UNION ALL '>"
            + "<choose><when test=\"byTicket and s.type == 'REGISTERED'\">"
            // A town's (or village's) registrations by the ticket's own (village, registered_at, …) index: the county's
            // chain would have every other town's tickets read only to be left out.
            + "(SELECT 'REGISTERED' AS type, 0 AS eventId, t.registered_at AS at, NULL AS afterState, t.no, t.village_code AS villageCode, "
            + "t.content, CASE WHEN t.confidential THEN COALESCE(t.confidential_office, SUBSTRING(t.village_code, 1, 9)) END AS office "
            // USE INDEX: both (village_code, …) indexes serve the prefix range equally in the optimizer's eyes, and it took
            // ticket_village_state, whose rows are then read to test registered_at: a town's year of tickets, page by
            // page (2,000 page reads at 2,000,000 tickets, BENCHMARKS.md). This index tests the time range in the index.
            + "FROM ticket t USE INDEX (ticket_patrol_registered) "
            + "LEFT JOIN patrol_review_item r ON r.office_code = #{office} AND r.kind = #{s.kind} AND r.ref = CONCAT('', t.no) "
            + "WHERE t.village_code LIKE CONCAT(#{scope}, '%') AND t.registered_at &gt;= #{from} AND t.registered_at &lt; #{to} AND r.ref IS NULL "
            + "<choose><when test=\"s.confidentiality == 'ordinary'\">AND t.confidential = FALSE </when>"
            + "<otherwise>AND t.confidential = TRUE AND COALESCE(t.confidential_office, SUBSTRING(t.village_code, 1, 9)) = #{office} </otherwise></choose>"
            + "ORDER BY t.registered_at DESC, t.no DESC LIMIT #{limit})"
            + "</when><otherwise>"
            + "(SELECT a.type, " + STEP_COLUMNS + "FROM audit_event a "
            + "LEFT JOIN patrol_review_item r ON r.office_code = #{office} AND r.kind = #{s.kind} AND r.ref = "
            + "<choose><when test='s.perStep'>CONCAT('', a.ticket_no, '@', a.id)</when><otherwise>CONCAT('', a.ticket_no)</otherwise></choose> "
            + "JOIN ticket t ON t.no = a.ticket_no WHERE "
            + "<choose><when test='chain != null'>a.chain_key = #{chain} </when><otherwise>a.chain_key LIKE CONCAT(#{chainPrefix}, '%') </otherwise></choose>"
            + "AND a.type = #{s.type} AND a.outcome = 'accepted' AND a.at &gt;= #{from} AND a.at &lt; #{to} "
            + "<if test='s.colour != null'>AND a.after_state = #{s.colour} </if>"
            + "AND r.ref IS NULL AND t.village_code LIKE CONCAT(#{scope}, '%') "
            + "<choose><when test=\"s.confidentiality == 'ordinary'\">AND t.confidential = FALSE </when>"
            + "<when test=\"s.confidentiality == 'office'\">AND t.confidential = TRUE AND COALESCE(t.confidential_office, SUBSTRING(t.village_code, 1, 9)) = #{office} </when>"
            + "<otherwise>AND (t.confidential = FALSE OR COALESCE(t.confidential_office, SUBSTRING(t.village_code, 1, 9)) = #{office}) </otherwise></choose>"
            + "ORDER BY a.at DESC, a.id DESC LIMIT #{limit})"
            + "</otherwise></choose></foreach></script>")
    List<StepRow> unreviewedSteps(@Param("shapes") List<Shape> shapes, @Param("byTicket") boolean byTicket, @Param("chain") String chain, @Param("chainPrefix") String chainPrefix,
                                  @Param("scope") String scope, @Param("office") String office,
                                  @Param("from") Instant from, @Param("to") Instant to, @Param("limit") int limit);

    /** The newest step of one type (and colour, or the step {@code eventId}) of ticket {@code no}. */
    @Select("<script>SELECT a.type, " + STEP_COLUMNS + "FROM audit_event a JOIN ticket t ON t.no = a.ticket_no WHERE a.ticket_no = #{no} "
            + "AND a.type = #{type} AND a.outcome = 'accepted' <if test='afterState != null'>AND a.after_state = #{afterState} </if>"
            + "<if test='eventId != null'>AND a.id = #{eventId} </if>ORDER BY a.id DESC LIMIT 1</script>")
    StepRow step(@Param("no") long no, @Param("type") String type, @Param("afterState") String afterState, @Param("eventId") Long eventId);

    /** Which of {@code refs} of one kind the office has reviewed. */
    @Select("<script>SELECT ref FROM patrol_review_item WHERE office_code = #{office} AND kind = #{kind} AND ref IN "
            + "<foreach item='r' collection='refs' open='(' separator=',' close=')'>#{r}</foreach></script>")
    List<String> reviewed(@Param("office") String office, @Param("kind") String kind, @Param("refs") Collection<String> refs);

    /** A mutable box for the generated id: MyBatis writes generated keys into a property. */
    final class ReviewHolder {
        private long id;
        private final String office;
        private final long reviewerId;
        private final String reviewerName;
        private final Instant at;
        private final String note;

        public ReviewHolder(String office, long reviewerId, String reviewerName, Instant at, String note) {
            this.office = office;
            this.reviewerId = reviewerId;
            this.reviewerName = reviewerName;
            this.at = at;
            this.note = note;
        }

        public long getId() {
            return id;
        }

        public void setId(long id) {
            this.id = id;
        }

        public String getOffice() {
            return office;
        }

        public long getReviewerId() {
            return reviewerId;
        }

        public String getReviewerName() {
            return reviewerName;
        }

        public Instant getAt() {
            return at;
        }

        public String getNote() {
            return note;
        }
    }

    @Insert("INSERT INTO patrol_review (office_code, reviewer_id, reviewer_name, reviewed_at, note) "
            + "VALUES (#{office}, #{reviewerId}, #{reviewerName}, #{at}, #{note})")
    @Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
    void insertReview(ReviewHolder review);

    /** One reviewed item; the primary key (office, kind, ref) refuses a second review of it by the same office. */
    @Insert("INSERT INTO patrol_review_item (office_code, kind, ref, review_id) VALUES (#{office}, #{kind}, #{ref}, #{review})")
    void insertItem(@Param("office") String office, @Param("kind") String kind, @Param("ref") String ref, @Param("review") long review);

    record ReviewRow(long id, String office, long reviewerId, String reviewerName, Instant at, String note) {
    }

    @Select("<script>SELECT id, office_code AS office, reviewer_id AS reviewerId, reviewer_name AS reviewerName, reviewed_at AS at, note "
            + "FROM patrol_review WHERE office_code LIKE CONCAT(#{scope}, '%') <if test='before != null'>AND id &lt; #{before} </if>"
            + "ORDER BY id DESC LIMIT #{limit}</script>")
    List<ReviewRow> reviews(@Param("scope") String scope, @Param("before") Long before, @Param("limit") int limit);

    record ReviewItemRow(long review, String kind, String ref) {
    }

    @Select("<script>SELECT review_id AS review, kind, ref FROM patrol_review_item WHERE review_id IN "
            + "<foreach item='r' collection='reviews' open='(' separator=',' close=')'>#{r}</foreach> ORDER BY review_id, kind, ref</script>")
    List<ReviewItemRow> itemsOf(@Param("reviews") Collection<Long> reviews);
}
