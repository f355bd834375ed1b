package org.jianqun.gateway.processing;

import java.util.Optional;
import org.jianqun.core.outbox.GroupAddress;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.ticket.TicketEvent;

/**
 * A command is answered where it was sent. The desk's notices tell the complainant's group and the levels;
 * when a command came from another group (a town officer's 认领 in the town's work group), the sender
 * there hears this short confirmation too, without the complaint's words or the complainant's name.
 */
final class CommandConfirmation {
    private CommandConfirmation() {
    }

    /** The confirmation for the group the command came from, unless the desk's own notices already go there. */
    static Optional<String> of(TicketEvent event, TicketRow after, GroupAddress sentFrom) {
        if (after.originGroup().filter(sentFrom::equals).isPresent()) {
            return Optional.empty();
        }
        String ref = "工单 #" + after.no();
        return switch (event.type()) {
            case CLAIMED -> Optional.of("已认领" + ref + "（" + after.level().label() + "），请按期办理；查询请发「进度 #" + after.no() + "」。");
            case RESOLVED -> Optional.of(ref + " 已办结，已告知反映人并请其评价。");
            case ESCALATED -> Optional.of(ref + " 已上报至" + after.level().label() + "。");
            case TIER_SET -> Optional.of(ref + " " + event.detail() + "。");
            case CATEGORISED -> Optional.of(ref + " 的类别已更正为「" + after.category() + "」。");
            case MERGED -> Optional.of(ref + " 已并入工单 #" + after.mergedInto() + "。");
            case REJECTED -> Optional.of(ref + " 已驳回，已告知反映人。");
            case CLOSED, REOPENED -> Optional.of(ref + " 已评价，谢谢。");
            default -> Optional.empty();
        };
    }
}
