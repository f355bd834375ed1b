package org.jianqun.core.ticket;

import java.util.List;
import java.util.Objects;

/**
 * A ticket's warning now, with every reason that applies (not only the gravest) so that the patrol
 * queue can say why.
 */
public record Warning(WarningColour colour, List<String> reasons) {
    public Warning {
        Objects.requireNonNull(colour, "colour");
        reasons = List.copyOf(reasons);
    }

    /** Red tickets enter the discipline officers' patrol queue. */
    public boolean entersPatrol() {
        return colour == WarningColour.RED;
    }
}
