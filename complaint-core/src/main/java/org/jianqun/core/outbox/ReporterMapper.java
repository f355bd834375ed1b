package org.jianqun.core.outbox;

import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.annotations.Update;

/**
 * How a {@link Audience#REPORTER} message reaches its reader: the mini-program user (openid) behind a person, and
 * whether they accepted subscribe messages for the ticket they reported ({@code miniapp_user}, {@code miniapp_report},
 * V15). Written by the miniapp role, read by the gateway, which alone sends.
 */
public interface ReporterMapper {
    /** @param subscribed they ticked "notify me" when reporting, and WeChat has not since said they are not subscribed */
    record Reporter(String openid, boolean subscribed) {
        @Override
        public String toString() { // an openid identifies a WeChat user: not for logs
            return "Reporter[subscribed=" + subscribed + "]";
        }
    }

    /** The person as a mini-program reporter of ticket {@code reportedNo}; null when they are no mini-program user. */
    @Select("SELECT u.openid, (CASE WHEN r.subscribed THEN TRUE ELSE FALSE END) AS subscribed FROM miniapp_user u "
            + "LEFT JOIN miniapp_report r ON r.ticket_no = #{no} AND r.person_id = u.person_id WHERE u.person_id = #{person}")
    Reporter find(@Param("person") long personId, @Param("no") long reportedNo);

    /** Whether ticket {@code no} came from the mini-program (its reporter hears of it there, not in a group). */
    @Select("SELECT COUNT(*) FROM miniapp_report WHERE ticket_no = #{no} AND person_id = #{person}")
    int reportedThere(@Param("person") long personId, @Param("no") long reportedNo);

    /** WeChat said 43101: the user has no subscription left for our template; not tried again for this report. */
    @Update("UPDATE miniapp_report SET subscribed = FALSE WHERE ticket_no = #{no} AND person_id = #{person}")
    void notSubscribed(@Param("person") long personId, @Param("no") long reportedNo);
}
