package org.jianqun.core.polls;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Insert;
import org.apache.ibatis.annotations.Options;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** SQL for polls, their options and votes. */
public interface PollMapper {
    final class NewPoll {
        private long id;
        public String question;
        public String kind;
        public boolean commentAllowed;
        public String scopeCode;
        public Instant opensAt;
        public Instant closesAt;
        public String resultsShown;
        public long createdBy;
        public Instant createdAt;

        public long getId() {
            return id;
        }

        public void setId(long id) {
            this.id = id;
        }
    }

    @Insert("INSERT INTO poll (question, choice_kind, comment_allowed, scope_code, opens_at, closes_at, results_shown, created_by, created_at) "
            + "VALUES (#{question}, #{kind}, #{commentAllowed}, #{scopeCode}, #{opensAt}, #{closesAt}, #{resultsShown}, #{createdBy}, #{createdAt})")
    @Options(useGeneratedKeys = true, keyProperty = "id", keyColumn = "id")
    void insert(NewPoll poll);

    @Insert("INSERT INTO poll_option (poll_id, seq, label) VALUES (#{poll}, #{seq}, #{label})")
    void insertOption(@Param("poll") long pollId, @Param("seq") int seq, @Param("label") String label);

    record PollRow(long id, String question, String kind, boolean commentAllowed, String scopeCode, Instant opensAt, Instant closesAt,
                   String resultsShown, long createdBy) {
    }

    String COLUMNS = "id, question, choice_kind AS kind, comment_allowed AS commentAllowed, scope_code AS scopeCode, opens_at AS opensAt, "
            + "closes_at AS closesAt, results_shown AS resultsShown, created_by AS createdBy";

    @Select("SELECT " + COLUMNS + " FROM poll WHERE id = #{id}")
    PollRow find(@Param("id") long id);

    @Select("SELECT label FROM poll_option WHERE poll_id = #{poll} ORDER BY seq")
    List<String> options(@Param("poll") long pollId);

    /** Polls for a village's villagers (its own, its town's, its county's) that have opened, latest closing first. */
    @Select("SELECT " + COLUMNS + " FROM poll WHERE scope_code IN (#{village}, #{town}, #{county}) AND opens_at <= #{now} "
            + "ORDER BY closes_at DESC, id DESC LIMIT #{limit}")
    List<PollRow> forVillage(@Param("village") String village, @Param("town") String town, @Param("county") String county,
                             @Param("now") Instant now, @Param("limit") int limit);

    @Select("<script>SELECT " + COLUMNS + " FROM poll WHERE scope_code LIKE CONCAT(#{scope}, '%')"
            + "<if test='before != null'> AND id &lt; #{before}</if> ORDER BY id DESC LIMIT #{limit}</script>")
    List<PollRow> underScope(@Param("scope") String scopePrefix, @Param("before") Long before, @Param("limit") int limit);

    @Insert("INSERT INTO poll_vote (poll_id, voter_id, village_code, choices, vote_comment, comment_check, voted_at) "
            + "VALUES (#{poll}, #{voter}, #{village}, #{choices}, #{comment}, #{check}, #{at})")
    void insertVote(@Param("poll") long pollId, @Param("voter") long voterId, @Param("village") String villageCode,
                    @Param("choices") String choices, @Param("comment") String comment, @Param("check") String check, @Param("at") Instant at);

    @Select("SELECT choices FROM poll_vote WHERE poll_id = #{poll} AND voter_id = #{voter}")
    String choicesOf(@Param("poll") long pollId, @Param("voter") long voterId);

    /** How many voters of a village made the same choices. */
    record VoteCount(String villageCode, String choices, long n) {
    }

    @Select("SELECT village_code AS villageCode, choices, COUNT(*) AS n FROM poll_vote WHERE poll_id = #{poll} GROUP BY village_code, choices")
    List<VoteCount> counts(@Param("poll") long pollId);

    record CommentRow(String villageCode, String comment, String verdict, Instant at) {
    }

    @Select("<script>SELECT village_code AS villageCode, vote_comment AS comment, comment_check AS verdict, voted_at AS at FROM poll_vote "
            + "WHERE poll_id = #{poll} AND vote_comment IS NOT NULL<if test='onlyPassed'> AND comment_check IN ('pass', 'released')</if> "
            + "ORDER BY voted_at DESC LIMIT #{limit}</script>")
    List<CommentRow> comments(@Param("poll") long pollId, @Param("onlyPassed") boolean onlyPassed, @Param("limit") int limit);
}
