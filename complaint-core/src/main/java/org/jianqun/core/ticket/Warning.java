package org.jianqun.core.ticket;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A ticket's warning now, with every reason that applies (not only the gravest) so that the patrol
 * queue can say why.
 *
 * @param calendarProblem present when the current deadline cannot be computed for lack of holiday
 *                        data: the colour then rests on the counts alone, and this is shown
 */
public record Warning(WarningColour colour, List<String> reasons, Optional<String> calendarProblem) {
    public Warning {
        Objects.requireNonNull(colour, "colour");
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(calendarProblem, "calendarProblem");
    }

    /** Red tickets enter the discipline officers' patrol queue. */
    public boolean entersPatrol() {
        return colour == WarningColour.RED;
    }
}
