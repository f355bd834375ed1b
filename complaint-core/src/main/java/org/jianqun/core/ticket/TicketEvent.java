package org.jianqun.core.ticket;

import java.time.Instant;
import java.util.Objects;

/**
 * One accepted step of a ticket, as the audit trail and the outbox will persist it. The channel
 * the command came from is the caller's to add: the domain does not know about channels.
 *
 * @param before null only for {@link TicketEventType#REGISTERED}: there was no ticket before
 * @param detail a short human-readable line (Chinese), e.g. "上报至镇级：超出村级权限"
 */
public record TicketEvent(long ticketNo, TicketEventType type, Instant at, Initiator by,
                          TicketPosition before, TicketPosition after, String detail) {
    public TicketEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(detail, "detail");
        if ((before == null) != (type == TicketEventType.REGISTERED)) {
            throw new IllegalArgumentException("only a registration has no position before");
        }
    }
}
