package org.jianqun.core.ticket;

import java.util.Optional;

/** The complainant's 评价 of a resolved ticket. */
public enum Rating {
    SATISFIED("满意"), BASICALLY_SATISFIED("基本满意"), UNSATISFIED("不满意");

    public static final String ALLOWED_WORDS = "满意、基本满意、不满意";

    private final String word;

    Rating(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static Optional<Rating> fromWord(String word) {
        String trimmed = word == null ? "" : word.strip();
        for (Rating rating : values()) {
            if (rating.word.equals(trimmed)) {
                return Optional.of(rating);
            }
        }
        return Optional.empty();
    }
}
