package org.jianqun.core.content;

/**
 * The rule of issue 12 item 5 for a report's words in front of other people (a village digest): words written in
 * the mini-program are shown only after WeChat's content check passed them ({@code content_check.verdict}, V15);
 * {@code REVIEW} waits for an officer (released: shown, refused: never), {@code RISKY} is never shown, {@code PENDING} (not yet checked, or WeChat
 * unreachable) is held back. A ticket without a check (from a chat group) was said in front of everyone already.
 * Its officers always read it, whatever the verdict.
 */
public final class ShownWords {
    public static final String PASS = "PASS";
    /** REVIEW words a discipline officer released (放行, {@link HeldContent}); REFUSED ones stay held for good. */
    public static final String RELEASED = "RELEASED";
    /** What a digest says in place of words it may not show. */
    public static final String WITHHELD = "（小程序反映，内容审核后显示）";

    private ShownWords() {
    }

    /** @param verdict the ticket's content check verdict, null when it has none */
    public static boolean mayShowToOthers(String verdict) {
        return verdict == null || PASS.equals(verdict) || RELEASED.equals(verdict);
    }
}
