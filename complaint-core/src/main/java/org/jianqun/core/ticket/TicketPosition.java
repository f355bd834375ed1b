package org.jianqun.core.ticket;

import java.util.Objects;
import org.jianqun.core.organisation.RegionLevel;

/** Where a ticket stands: its state and the level it sits at. */
public record TicketPosition(TicketState state, RegionLevel level) {
    public TicketPosition {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(level, "level");
    }
}
