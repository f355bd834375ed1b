package org.jianqun.core.realname;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jianqun.core.access.AccessPolicy;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Role;
import org.jianqun.core.audit.AuditEntry;
import org.jianqun.core.audit.AuditTrail;
import org.jianqun.core.desk.Via;
import org.jianqun.core.identity.IdentityMapper;
import org.jianqun.core.identity.IdentityVault;
import org.jianqun.core.identity.ReporterIdentity;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.TicketMapper;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.ticket.Initiator;

/**
 * 查看举报人身份: a discipline officer of the office a real-name report is routed to opens its reporter's identity,
 * giving a reason; the read and its reason are an audit event written in the same transaction as the read (no
 * identity leaves without its trace). For everyone else, and for a ticket with no sealed identity, there is
 * nothing: answered as for a ticket that does not exist. Blocking.
 */
public final class IdentityReveal {
    public static final int MIN_REASON = 4;
    public static final int MAX_REASON = 500;
    public static final String AUDIT_TYPE = "IDENTITY_REVEALED";
    private final Database database;
    private final IdentityVault vault;
    private final Clock clock;

    public IdentityReveal(Database database, IdentityVault vault, Clock clock) {
        this.database = database;
        this.vault = vault;
        this.clock = clock;
        database.addMapper(IdentityMapper.class);
    }

    /** What became of a request to reveal. */
    public sealed interface Outcome {
        record Revealed(ReporterIdentity identity) implements Outcome {
        }

        record NotFound() implements Outcome {
        }

        record NeedsReason(String message) implements Outcome {
        }
    }

    /** The rule: only a discipline officer who may know the ticket (its office's, AccessPolicy) sees who reported it. */
    static boolean mayReveal(Actor by, TicketRow row) {
        return by.role() == Role.DISCIPLINE_OFFICER && row.confidential() && AccessPolicy.mayKnow(by, row.facts());
    }

    public Outcome reveal(Actor by, long no, String reason) {
        Instant now = clock.instant();
        return database.inTransaction(s -> {
            TicketRow row = s.getMapper(TicketMapper.class).find(no);
            if (row == null || !mayReveal(by, row)) {
                return new Outcome.NotFound();
            }
            String why = reason == null ? "" : reason.strip();
            if (why.codePointCount(0, why.length()) < MIN_REASON || why.codePointCount(0, why.length()) > MAX_REASON) {
                return new Outcome.NeedsReason("查看举报人身份须写明理由（" + MIN_REASON + " 至 " + MAX_REASON + " 字）");
            }
            Optional<ReporterIdentity> identity = vault.open(s, no);
            if (identity.isEmpty()) {
                return new Outcome.NotFound();
            }
            AuditTrail.append(s, new AuditEntry(AuditTrail.chainOf(row.villageCode()), now, no, AUDIT_TYPE, AuditEntry.ACCEPTED,
                    new Initiator.ByActor(by).describe(), by.role().wireName(), Via.CONSOLE.wireName(), null, null,
                    "查看举报人身份，理由：" + why));
            return new Outcome.Revealed(identity.get());
        });
    }
}
