package org.jianqun.core.access;

import java.util.Objects;

/** What {@link AccessPolicy#mayKnow} needs to know of a ticket: where it belongs, and whether it is confidential. */
public record TicketFacts(String villageCode, Confidentiality confidentiality) {
    public TicketFacts {
        Objects.requireNonNull(villageCode, "villageCode");
        Objects.requireNonNull(confidentiality, "confidentiality");
    }
}
