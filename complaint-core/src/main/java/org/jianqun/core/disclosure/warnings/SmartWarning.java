package org.jianqun.core.disclosure.warnings;

import io.vertx.core.json.JsonArray;
import java.util.Objects;
import org.jianqun.core.ticket.WarningColour;

/** A warning raised on an upload: which rule, its colour, what it says, and the rows that show it (evidence). */
public record SmartWarning(WarningRule rule, WarningColour colour, String message, JsonArray evidence) {
    public SmartWarning {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(colour, "colour");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(evidence, "evidence");
    }
}
