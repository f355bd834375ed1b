package org.jianqun.core.clues;

import java.util.Arrays;
import java.util.Optional;

/** How much a clue is worth following (线索价值), 高|中|低 on the wire. */
public enum ClueValue {
    HIGH("高"), MEDIUM("中"), LOW("低");

    public static final String WORDS = "高|中|低";

    private final String word;

    ClueValue(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static Optional<ClueValue> fromWord(String word) {
        return Arrays.stream(values()).filter(v -> v.word.equals(word)).findFirst();
    }
}
