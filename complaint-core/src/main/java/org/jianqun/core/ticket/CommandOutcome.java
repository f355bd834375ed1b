package org.jianqun.core.ticket;

import java.util.Objects;

/** The answer to a ticket command: the new ticket and its event, or a refusal naming its rule. */
public sealed interface CommandOutcome {
    record Accepted(Ticket ticket, TicketEvent event) implements CommandOutcome {
        public Accepted {
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(event, "event");
        }
    }

    /** @param reason short Chinese for the chat reply, e.g. "工单 #12 已结案，不能认领" */
    record Refused(TicketRule rule, String reason) implements CommandOutcome {
        public Refused {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
