package org.jianqun.miniapp.wechat;

import java.util.Optional;

/** msgSecCheck v2's suggestion for a text: shown to others only on PASS; REVIEW waits for an officer; RISKY never. */
public enum ContentVerdict {
    PASS, REVIEW, RISKY;

    public static Optional<ContentVerdict> fromWechat(String suggest) {
        if (suggest == null) {
            return Optional.empty();
        }
        return switch (suggest) {
            case "pass" -> Optional.of(PASS);
            case "review" -> Optional.of(REVIEW);
            case "risky" -> Optional.of(RISKY);
            default -> Optional.empty();
        };
    }
}
