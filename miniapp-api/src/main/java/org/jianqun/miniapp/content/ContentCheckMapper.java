package org.jianqun.miniapp.content;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/** SQL for {@code content_check} (V15): reports whose words wait for WeChat's verdict. */
public interface ContentCheckMapper {
    record Waiting(long ticketNo, String content, String openid, int attempts) {
        @Override
        public String toString() {
            return "Waiting[ticketNo=" + ticketNo + "]";
        }
    }

    /** Pending checks due again: never tried, or last tried longer ago than their backoff ({@code attempts} x 30 s, the caller's cutoff per row). */
    @Select("SELECT c.ticket_no AS ticketNo, t.content, u.openid, c.attempts FROM content_check c "
            + "JOIN ticket t ON t.no = c.ticket_no JOIN miniapp_report r ON r.ticket_no = c.ticket_no "
            + "JOIN miniapp_user u ON u.person_id = r.person_id "
            + "WHERE c.verdict = 'PENDING' AND (c.checked_at IS NULL OR c.checked_at < #{triedBefore}) ORDER BY c.created_at LIMIT #{limit}")
    List<Waiting> due(@Param("triedBefore") Instant triedBefore, @Param("limit") int limit);

    @Update("UPDATE content_check SET verdict = #{verdict}, checked_at = #{now}, attempts = attempts + 1 "
            + "WHERE ticket_no = #{no} AND verdict = 'PENDING'")
    int decide(@Param("no") long ticketNo, @Param("verdict") String verdict, @Param("now") Instant now);

    /** WeChat did not answer: still held back, tried again later. */
    @Update("UPDATE content_check SET checked_at = #{now}, attempts = attempts + 1 WHERE ticket_no = #{no} AND verdict = 'PENDING'")
    int notYet(@Param("no") long ticketNo, @Param("now") Instant now);

    @Select("SELECT verdict FROM content_check WHERE ticket_no = #{no}")
    String verdict(@Param("no") long ticketNo);
}
