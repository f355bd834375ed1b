package org.jianqun.core.content;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import org.jianqun.core.access.AccessPolicy;
import org.jianqun.core.access.Actor;
import org.jianqun.core.audit.AuditEntry;
import org.jianqun.core.audit.AuditTrail;
import org.jianqun.core.desk.Via;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.ticket.Initiator;

/**
 * Text the content check left for review (issue 12: "review waits for an officer"), and the verdict of a
 * discipline officer whose scope covers its village: 放行 (it then shows where it was held back) or 不予显示 (it never
 * does). One verdict per text; each is an audit event naming the officer, the time and the reason. Blocking.
 */
public final class HeldContent {
    public static final int MAX_REASON_LENGTH = 500;

    private final Database database;
    private final HeldTexts texts;
    private final Clock clock;

    public HeldContent(Database database, Clock clock) {
        this.database = database;
        this.texts = new HeldTexts(database);
        this.clock = clock;
    }

    /** The answer to a verdict. */
    public sealed interface Outcome {
        record Decided(HeldText text, ContentVerdictByOfficer verdict, Instant at, Actor officer, String reason) implements Outcome {
        }

        /** No such held text, or not in the officer's scope. */
        record NotFound() implements Outcome {
        }

        /** Someone gave it a verdict already: {@code text} as it stands. */
        record AlreadyDecided(HeldText text) implements Outcome {
        }
    }

    /** The held text if it is in the officer's scope, whatever its state. */
    public Optional<HeldText> find(Actor officer, HeldRef ref) {
        return texts.find(officer, ref);
    }

    public Outcome decide(Actor officer, HeldRef ref, ContentVerdictByOfficer verdict, String reason) {
        Instant now = clock.instant();
        return database.inTransaction(s -> {
            Optional<HeldText> held = HeldTexts.read(s, ref).filter(t -> AccessPolicy.covers(officer, t.villageCode()));
            if (held.isEmpty()) {
                return new Outcome.NotFound();
            }
            HeldContentMapper mapper = s.getMapper(HeldContentMapper.class);
            int changed = ref instanceof HeldRef.Report r ? mapper.decideReport(r.ticketNo(), verdict.stored())
                    : mapper.decideComment(((HeldRef.Comment) ref).pollId(), ((HeldRef.Comment) ref).voterId(), verdict.stored().toLowerCase(Locale.ROOT));
            if (changed == 0) {
                // Decided already, or a moment ago by another officer (the update waited for their row lock).
                return new Outcome.AlreadyDecided(HeldTexts.read(s, ref).orElse(held.get()));
            }
            HeldText text = held.get();
            // Without a ticket number, as the patrol's other events: the ticket's timeline does not tell its readers of it.
            AuditTrail.append(s, new AuditEntry(AuditTrail.chainOf(text.villageCode()), now, null, verdict.auditType(),
                    AuditEntry.ACCEPTED, new Initiator.ByActor(officer).describe(), officer.role().wireName(), Via.CONSOLE.wireName(),
                    HeldText.State.AWAITING.name(), verdict.stored(), "待审内容 " + ref.text() + "（" + text.where() + "）" + verdict.label()
                    + "；理由：" + reason));
            return new Outcome.Decided(new HeldText(ref, text.villageCode(), text.text(), text.at(),
                    verdict == ContentVerdictByOfficer.RELEASE ? HeldText.State.RELEASED : HeldText.State.REFUSED, text.where()),
                    verdict, now.truncatedTo(ChronoUnit.MILLIS), officer, reason);
        });
    }
}
