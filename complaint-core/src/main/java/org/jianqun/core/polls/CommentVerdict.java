package org.jianqun.core.polls;

/**
 * The content check's word on a vote's comment (msgSecCheck v2: pass | review | risky), or PENDING when it could not
 * be asked (WeChat unreachable). Only PASS (and RELEASED) is ever shown to other villagers; officers read every comment with its verdict.
 */
public enum CommentVerdict {
    PASS, REVIEW, RISKY, PENDING,
    /** A REVIEW comment an officer released (放行) or refused (不予显示): {@link org.jianqun.core.content.HeldContent}. */
    RELEASED, REFUSED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean shownToOthers() {
        return this == PASS || this == RELEASED;
    }
}
