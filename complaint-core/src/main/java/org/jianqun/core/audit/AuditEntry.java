package org.jianqun.core.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One step worth auditing, accepted or refused: who (a description and role), what (type, detail,
 * the state before and after), when, through which channel, about which ticket.
 *
 * @param chainKey the county code (6 digits) the step belongs to, or {@link AuditTrail#PLATFORM_CHAIN}
 * @param outcome  {@code accepted} or {@code refused}
 */
public record AuditEntry(String chainKey, Instant at, Long ticketNo, String type, String outcome, String actor, String actorRole,
                         String channel, String beforeState, String afterState, String detail) {
    public static final String ACCEPTED = "accepted";
    public static final String REFUSED = "refused";

    public AuditEntry {
        Objects.requireNonNull(chainKey, "chainKey");
        // Stored as DATETIME(3): hash what is stored, or the row would not verify after a round trip.
        at = Objects.requireNonNull(at, "at").truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(detail, "detail");
    }
}
