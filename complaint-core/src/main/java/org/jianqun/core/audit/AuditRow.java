package org.jianqun.core.audit;

import java.time.Instant;

/** An {@code audit_event} row as stored. */
public record AuditRow(long id, String chainKey, long seq, Instant at, Long ticketNo, String type, String outcome, String actor,
                       String actorRole, String channel, String beforeState, String afterState, String detail,
                       String prevHash, String hash) {
    /** Its explicit result map (Database, RecordResultMaps): every query of it selects {@link AuditMapper#COLUMNS}. */
    public static final String RESULT_MAP = "org.jianqun.core.audit.AuditRow";
    AuditEntry entry() {
        return new AuditEntry(chainKey, at, ticketNo, type, outcome, actor, actorRole, channel, beforeState, afterState, detail);
    }
}
