package org.jianqun.core.desk;

import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.ticket.TicketEvent;

/** What the desk did with a command: done (the ticket as stored now, and the step), or refused with a reason a chat reply can show. */
public sealed interface DeskResult {
    record Done(TicketRow ticket, TicketEvent event) implements DeskResult {
    }

    /**
     * @param rule     the named rule that refused it (a {@code TicketRule}, or {@code TICKET_EXISTS})
     * @param notFound the ticket does not exist for this caller (missing, or outside their scope: told alike)
     */
    record Refused(String rule, String reason, boolean notFound) implements DeskResult {
    }
}
