package org.jianqun.gateway.processing;

import org.jianqun.core.access.Actor;
import org.jianqun.core.desk.TicketDesk;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.ticket.CurrentDeadline;
import org.jianqun.core.ticket.TicketDeadlines;

/**
 * 进度 #n: the state, level, handler, deadline and last step, in one line a villager can read. Anyone
 * of the village may ask (DESIGN.md); the ticket must be one of theirs to see.
 */
final class ProgressReply {
    private ProgressReply() {
    }

    static String of(TicketDesk desk, long no, Actor asker) {
        return desk.progress(no, asker).map(view -> {
            TicketRow t = view.row();
            StringBuilder out = new StringBuilder("工单 #").append(no).append("：").append(t.state().label())
                    .append("，").append(t.level().label());
            if (t.handlerName() != null) {
                out.append("，办理人 ").append(t.handlerName());
            }
            if (view.deadline() instanceof CurrentDeadline.Running running) {
                out.append("，").append(running.kind().label()).append("期限 ").append(TicketDeadlines.describe(running.due()));
            }
            if (!view.events().isEmpty()) {
                out.append("。最近一步：").append(view.events().get(view.events().size() - 1).detail());
            }
            return out.append("。").toString();
        }).orElse("没有找到工单 #" + no + "（或不在你的村）");
    }
}
