package org.jianqun.core.clues;

import java.util.Arrays;
import java.util.Optional;

/** Where a clue stands (DESIGN.md's words on the wire): 待初核 → 初核中 → 已立案 / 了结 / 暂存. */
public enum ClueStatus {
    PENDING("待初核"), CHECKING("初核中"), FILED("已立案"), CLOSED("了结"), PARKED("暂存");

    public static final String WORDS = "待初核|初核中|已立案|了结|暂存";

    private final String word;

    ClueStatus(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    /** 已立案 and 了结 end a clue: a case filed or a matter settled is not reopened in the library. */
    public boolean isFinal() {
        return this == FILED || this == CLOSED;
    }

    public static Optional<ClueStatus> fromWord(String word) {
        return Arrays.stream(values()).filter(s -> s.word.equals(word)).findFirst();
    }
}
