package org.jianqun.core.patrol;

import java.util.Objects;

/**
 * What kind of thing a patrol item is, by its wire name ({@code new_ticket}, …). A record, not an enum, so
 * that a later source (smart warnings, missing disclosures) brings its own kind with its {@link PatrolSource}
 * without this list changing; the queue knows the kinds of the sources it was built with.
 */
public record PatrolKind(String wireName) {
    public static final PatrolKind NEW_TICKET = new PatrolKind("new_ticket");
    public static final PatrolKind REAL_NAME_REPORT = new PatrolKind("real_name_report");
    public static final PatrolKind FLAGGED_MESSAGE = new PatrolKind("flagged_message");
    public static final PatrolKind ORANGE_WARNING = new PatrolKind("orange_warning");
    public static final PatrolKind RED_WARNING = new PatrolKind("red_warning");
    public static final PatrolKind UNSATISFIED_RATING = new PatrolKind("unsatisfied_rating");

    public PatrolKind {
        Objects.requireNonNull(wireName, "wireName");
        if (!wireName.matches("[a-z][a-z_]{1,31}")) {
            throw new IllegalArgumentException("a patrol kind is a lower-case word: " + wireName);
        }
    }
}
