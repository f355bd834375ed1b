package org.jianqun.core.content;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * SQL of the text the content check held for an officer's review: a mini-program report's words
 * ({@code content_check}, V15: verdict upper-case) and a poll vote's comment ({@code poll_vote.comment_check}, V16:
 * lower-case). Confidential tickets are left out: their words never go before a group, whatever the verdict.
 */
public interface HeldContentMapper {
    /** {@code source} report|comment; {@code id} the ticket's number or the poll's id; {@code voter} 0 for a report. */
    record Row(String source, long id, long voter, String villageCode, String text, Instant at, String verdict, String question) {
        @Override
        public String toString() {
            return "Row[" + source + " " + id + "]";
        }
    }

    String REPORT = "SELECT 'report' AS source, c.ticket_no AS id, 0 AS voter, t.village_code AS villageCode, t.content AS text, "
            + "c.created_at AS at, c.verdict, NULL AS question FROM content_check c JOIN ticket t ON t.no = c.ticket_no "
            + "WHERE t.confidential = FALSE AND t.confidential_office IS NULL ";
    String COMMENT = "SELECT 'comment' AS source, v.poll_id AS id, v.voter_id AS voter, v.village_code AS villageCode, v.vote_comment AS text, "
            + "v.voted_at AS at, v.comment_check AS verdict, p.question FROM poll_vote v JOIN poll p ON p.id = v.poll_id "
            + "WHERE v.vote_comment IS NOT NULL ";

    /** What waits for a verdict in villages within {@code scope}, held before {@code to}, newest first, at most {@code limit} of each source. */
    @Select("(" + REPORT + "AND c.verdict = 'REVIEW' AND c.created_at < #{to} AND t.village_code LIKE CONCAT(#{scope}, '%') "
            + "ORDER BY c.created_at DESC LIMIT #{limit}) UNION ALL ("
            + COMMENT + "AND v.comment_check = 'review' AND v.voted_at < #{to} AND v.village_code LIKE CONCAT(#{scope}, '%') "
            + "ORDER BY v.voted_at DESC LIMIT #{limit})")
    List<Row> awaiting(@Param("scope") String scope, @Param("to") Instant to, @Param("limit") int limit);

    @Select(REPORT + "AND c.ticket_no = #{no}")
    Row report(@Param("no") long ticketNo);

    @Select(COMMENT + "AND v.poll_id = #{poll} AND v.voter_id = #{voter}")
    Row comment(@Param("poll") long pollId, @Param("voter") long voterId);

    /** The verdict, if the words still wait for one (0 rows: someone decided first). */
    @Update("UPDATE content_check SET verdict = #{verdict} WHERE ticket_no = #{no} AND verdict = 'REVIEW'")
    int decideReport(@Param("no") long ticketNo, @Param("verdict") String verdict);

    @Update("UPDATE poll_vote SET comment_check = #{verdict} WHERE poll_id = #{poll} AND voter_id = #{voter} AND comment_check = 'review'")
    int decideComment(@Param("poll") long pollId, @Param("voter") long voterId, @Param("verdict") String verdict);
}
