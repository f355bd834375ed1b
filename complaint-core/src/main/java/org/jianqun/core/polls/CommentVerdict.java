package org.jianqun.core.polls;

/**
 * The content check's word on a vote's comment (msgSecCheck v2: pass | review | risky), or PENDING when it could not
 * be asked (WeChat unreachable). Only PASS is ever shown to other villagers; officers read every comment with its verdict.
 */
public enum CommentVerdict {
    PASS, REVIEW, RISKY, PENDING;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean shownToOthers() {
        return this == PASS;
    }
}
