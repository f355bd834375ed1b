package org.jianqun.core.disclosure;

import java.util.List;
import java.util.Optional;

/**
 * Renders a disclosure when it becomes ready: the summary (markdown, what the groups read) and the details
 * image. The pusher role renders; core only asks, so the review and the rendering commit together.
 */
public interface Rendering {
    /** What a renderer gets: everything the village's month says, reviewed. */
    record Subject(long disclosureId, String villageCode, String villageName, DisclosureMonth month, int version, String correctionReason,
                   DisclosureLines lines, List<DisclosureMapper.InvoiceRow> invoices) {
    }

    /** {@code png} empty with {@code problem} saying why (no CJK font: never boxes instead of Chinese). */
    record Rendered(String summaryMarkdown, Optional<byte[]> png, Optional<String> problem) {
    }

    Rendered render(Subject subject);
}
