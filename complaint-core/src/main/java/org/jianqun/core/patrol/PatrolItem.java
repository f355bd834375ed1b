package org.jianqun.core.patrol;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jianqun.core.clues.ClueOrigin;

/**
 * One thing in a discipline officer's patrol queue: what it is ({@link #key}), when it happened, where
 * (village), a short text to read, the words that flagged it (flagged messages), the ticket it concerns
 * if any, and the origin a clue made from it gets.
 */
public record PatrolItem(PatrolKey key, Instant at, String villageCode, Long ticketNo, String summary, List<String> words,
                         ClueOrigin clueOrigin) {
    /** What the queue shows of a complaint or a message: enough to decide whether to open it. */
    public static final int SUMMARY_LENGTH = 120;

    public PatrolItem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(clueOrigin, "clueOrigin");
        summary = shortened(summary);
        words = words == null ? List.of() : List.copyOf(words);
    }

    static String shortened(String text) {
        if (text == null) {
            return "";
        }
        return text.codePointCount(0, text.length()) <= SUMMARY_LENGTH ? text
                : text.substring(0, text.offsetByCodePoints(0, SUMMARY_LENGTH - 1)) + "…";
    }
}
