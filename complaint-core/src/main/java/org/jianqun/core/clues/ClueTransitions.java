package org.jianqun.core.clues;

import java.util.Optional;

/**
 * The clue's small state machine. 待初核 → 初核中 (the check starts), → 暂存 (set aside); 初核中 → 已立案, 了结 or
 * 暂存; 暂存 → 初核中 (taken up again). Settling without a check (待初核 or 暂存 → 了结) is allowed with a note only;
 * filing without a check never; 已立案 and 了结 are final. Pure: the {@link ClueLibrary} asks, and writes.
 */
public final class ClueTransitions {
    private ClueTransitions() {
    }

    /** The rule that refuses {@code from → to}, or empty when the step may be taken; {@code hasNote}: a note comes with it. */
    public static Optional<ClueRule> refusal(ClueStatus from, ClueStatus to, boolean hasNote) {
        if (from.isFinal()) {
            return Optional.of(ClueRule.FINAL_STATUS);
        }
        if (from == to) {
            return Optional.of(ClueRule.SAME_STATUS);
        }
        boolean unchecked = from == ClueStatus.PENDING || from == ClueStatus.PARKED;
        if (unchecked && to == ClueStatus.FILED) {
            return Optional.of(ClueRule.FILING_NEEDS_PRELIMINARY_CHECK);
        }
        if (unchecked && to == ClueStatus.CLOSED && !hasNote) {
            return Optional.of(ClueRule.CLOSING_UNCHECKED_NEEDS_NOTE);
        }
        if (to == ClueStatus.PENDING) {
            // Back to 待初核 would hide that a check was begun or set aside: resume with 初核中 instead.
            return Optional.of(ClueRule.BACK_TO_PENDING);
        }
        return Optional.empty();
    }

    /** The Chinese sentence a refused step is told with. */
    public static String explain(ClueRule rule, ClueStatus from, ClueStatus to) {
        return switch (rule) {
            case FINAL_STATUS -> "线索已" + from.word() + "，不能再改为" + to.word();
            case FILING_NEEDS_PRELIMINARY_CHECK -> "线索须先初核（初核中）才能立案，不能从" + from.word() + "直接立案";
            case CLOSING_UNCHECKED_NEEDS_NOTE -> "线索未经初核，从" + from.word() + "直接了结须写明理由（note）";
            case SAME_STATUS -> "线索已是" + to.word();
            case BACK_TO_PENDING -> "线索不能退回待初核，继续核查请改为初核中";
            case LINK_EXISTS, LINK_TO_ITSELF -> "线索关联不符合规则";
        };
    }
}
