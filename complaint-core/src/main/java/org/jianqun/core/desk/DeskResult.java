package org.jianqun.core.desk;

import java.util.Objects;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.ticket.TicketEvent;
import org.jianqun.core.ticket.TicketRule;

/** What the desk did with a command: done (the ticket as stored now, and the step), or refused with a reason a chat reply can show. */
public sealed interface DeskResult {
    record Done(TicketRow ticket, TicketEvent event) implements DeskResult {
    }

    /**
     * @param rule     the named rule that refused it
     * @param notFound the ticket (or message) does not exist for this caller: missing, outside their scope, or
     *                 confidential and not theirs to know, told alike
     */
    record Refused(TicketRule rule, String reason, boolean notFound) implements DeskResult {
        public Refused {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(reason, "reason");
        }

        /** The one answer for a ticket that does not exist for the caller, whatever the reason it does not. */
        public static Refused ticketNotFound(long no) {
            return new Refused(TicketRule.TICKET_EXISTS, notFoundReason(no), true);
        }

        /** The words of that answer: the console's 404, the chat's reply, 进度 and every command alike. */
        public static String notFoundReason(long no) {
            return "没有找到工单 #" + no + "（或不在你的范围内）";
        }
    }
}
