package org.jianqun.core.access;

import java.util.Objects;

/**
 * What {@link AccessPolicy#mayKnow} needs to know of a ticket: where it belongs, whether it is confidential,
 * and who raised it ({@code complainantId}, 0 when the caller does not know: then nobody is its reporter).
 */
public record TicketFacts(String villageCode, Confidentiality confidentiality, long complainantId) {
    public TicketFacts {
        Objects.requireNonNull(villageCode, "villageCode");
        Objects.requireNonNull(confidentiality, "confidentiality");
    }

    public TicketFacts(String villageCode, Confidentiality confidentiality) {
        this(villageCode, confidentiality, 0);
    }
}
