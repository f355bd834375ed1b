package org.jianqun.core.content;

import java.util.Arrays;
import java.util.Optional;

/**
 * A discipline officer's word on text the content check left for review (issue 12): 放行 shows it where it was held
 * back, 不予显示 keeps it from everyone but its officers for good. {@code stored} is what the verdict column then holds
 * ({@code content_check.verdict} upper-case, {@code poll_vote.comment_check} lower-case).
 */
public enum ContentVerdictByOfficer {
    RELEASE("放行", "RELEASED", "CONTENT_RELEASED"),
    REFUSE("不予显示", "REFUSED", "CONTENT_REFUSED");

    private final String label;
    private final String stored;
    private final String auditType;

    ContentVerdictByOfficer(String label, String stored, String auditType) {
        this.label = label;
        this.stored = stored;
        this.auditType = auditType;
    }

    public String label() {
        return label;
    }

    public String stored() {
        return stored;
    }

    public String auditType() {
        return auditType;
    }

    /** By its Chinese label, as the console sends it. */
    public static Optional<ContentVerdictByOfficer> ofLabel(String label) {
        return Arrays.stream(values()).filter(v -> v.label.equals(label)).findFirst();
    }
}
