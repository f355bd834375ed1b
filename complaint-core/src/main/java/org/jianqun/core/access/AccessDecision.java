package org.jianqun.core.access;

/** The answer to "may this actor do that there?": a refusal is a value carrying a reason a person can read. */
public sealed interface AccessDecision {
    record Granted() implements AccessDecision {
    }

    /** {@code outOfScope} distinguishes "not yours" from "not your role" for callers that word them differently. */
    record Refused(String reason, boolean outOfScope) implements AccessDecision {
    }

    default boolean granted() {
        return this instanceof Granted;
    }
}
