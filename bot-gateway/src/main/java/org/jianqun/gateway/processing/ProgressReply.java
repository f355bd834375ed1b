package org.jianqun.gateway.processing;

import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.access.Actor;
import org.jianqun.core.desk.DeskResult;
import org.jianqun.core.desk.TicketQueries;
import org.jianqun.core.desk.Via;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.ticket.CurrentDeadline;

/**
 * 进度 #n: the state, level, handler, deadline and last step, in one line a villager can read. Anyone
 * of the village may ask (DESIGN.md); the ticket must be one they may know, asked in a group: otherwise the
 * answer is the one for a missing ticket, word for word.
 */
final class ProgressReply {
    private ProgressReply() {
    }

    static String of(TicketQueries queries, SqlSession s, long no, Actor asker, Via via) {
        return queries.progress(s, no, asker, via).map(view -> {
            TicketRow t = view.row();
            StringBuilder out = new StringBuilder("工单 #").append(no).append("：").append(t.state().label())
                    .append("，").append(t.level().label());
            if (t.handlerName() != null) {
                out.append("，办理人 ").append(t.handlerName());
            }
            if (view.deadline() instanceof CurrentDeadline.Running running) {
                out.append("，").append(running.text());
            }
            if (!view.events().isEmpty()) {
                out.append("。最近一步：").append(view.events().get(view.events().size() - 1).detail());
            }
            return out.append("。").toString();
        }).orElse(DeskResult.Refused.notFoundReason(no));
    }
}
