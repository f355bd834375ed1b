package org.jianqun.core.ticket;

import java.util.Optional;

/** 定级: how many working days a level has to handle a ticket. Unset tickets are handled as 一般. */
public enum Tier {
    GENERAL("一般", 3), SPECIAL("特殊", 7), COMPLEX("复杂", 15);

    /** The words a 定级 command accepts, for the refusal of any other. */
    public static final String ALLOWED_WORDS = "一般、特殊、复杂";

    private final String word;
    private final int workingDays;

    Tier(String word, int workingDays) {
        this.word = word;
        this.workingDays = workingDays;
    }

    public String word() {
        return word;
    }

    public int workingDays() {
        return workingDays;
    }

    public static Optional<Tier> fromWord(String word) {
        String trimmed = word == null ? "" : word.strip();
        for (Tier tier : values()) {
            if (tier.word.equals(trimmed)) {
                return Optional.of(tier);
            }
        }
        return Optional.empty();
    }
}
