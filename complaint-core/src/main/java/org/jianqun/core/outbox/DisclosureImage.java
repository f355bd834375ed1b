package org.jianqun.core.outbox;

/**
 * A monthly disclosure version's rendered image ({@code disclosure.details_png}) that a delivery carries, by
 * reference: the bytes are read when the image is sent, never copied into the outbox (outbox.disclosure_id,
 * outbox.disclosure_image).
 *
 * @param role whether the image {@link Role#FOLLOWS} the row's text or {@link Role#ITSELF is} the row
 */
public record DisclosureImage(long disclosureId, Role role) {
    public DisclosureImage {
        java.util.Objects.requireNonNull(role, "role");
    }

    public enum Role {
        /**
         * The row is the version's markdown: where a channel takes images (bridge, group robot), the image goes on
         * after it as a delivery of its own, so a failed image is retried alone and the markdown never sent twice.
         */
        FOLLOWS,
        /** The row is the image; its text only names it (for the console). */
        ITSELF
    }

    public static DisclosureImage follows(long disclosureId) {
        return new DisclosureImage(disclosureId, Role.FOLLOWS);
    }

    public static DisclosureImage itself(long disclosureId) {
        return new DisclosureImage(disclosureId, Role.ITSELF);
    }

    /** As stored: both columns set, or neither (null). */
    public static DisclosureImage of(Long disclosureId, Role role) {
        return disclosureId == null || role == null ? null : new DisclosureImage(disclosureId, role);
    }
}
