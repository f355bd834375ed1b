package org.jianqun.core.desk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.access.Actor;
import org.jianqun.core.audit.AuditEntry;
import org.jianqun.core.audit.AuditTrail;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.outbox.Outbox;
import org.jianqun.core.outbox.OutboxMessage;
import org.jianqun.core.persistence.TicketMapper;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.statistics.TicketTally;
import org.jianqun.core.ticket.CurrentDeadline;
import org.jianqun.core.ticket.Initiator;
import org.jianqun.core.ticket.Ticket;
import org.jianqun.core.ticket.TicketDeadlines;
import org.jianqun.core.ticket.TicketEvent;
import org.jianqun.core.ticket.TicketRule;
import org.jianqun.core.ticket.TicketWarnings;
import org.jianqun.core.ticket.Warning;
import org.jianqun.core.ticket.WarningColour;

/**
 * How a step of a ticket (a command's, or the sweep's) becomes stored facts: the new row, its audit
 * entries and the messages about it, written together. Shared by {@link TicketDesk} and {@link DeadlineSweep}.
 */
final class TicketSteps {
    private final WorkingDayCalendar calendar;
    private final VillageNames villages;

    TicketSteps(WorkingDayCalendar calendar, VillageNames villages) {
        this.calendar = calendar;
        this.villages = villages;
    }

    /** The name of a ticket's village, for the notices that say where a ticket is from. */
    String villageName(SqlSession s, TicketRow row) {
        return villages.of(s, row.villageCode());
    }

    /** The new row of a ticket after a step (or just the passing of time), with its audit entries and messages. */
    record Stored(TicketRow row, List<AuditEntry> audit, List<OutboxMessage> messages, TicketEvent event, boolean recoloured,
                  List<TicketTally.Contribution> tally) {
    }

    Stored next(SqlSession s, TicketRow before, Ticket after, TicketEvent event, Via via, Instant now, List<Long> complainants) {
        Warning warning = TicketWarnings.assess(after, now, calendar);
        TicketRow row = TicketRow.of(after, before.origin(), warning.colour(), before.possibleDuplicateOf(),
                DueTimes.next(after, now, calendar), before.version(), before.category());
        List<AuditEntry> audit = new ArrayList<>();
        List<OutboxMessage> messages = new ArrayList<>();
        if (event != null) {
            audit.add(entry(event, row.villageCode(), via));
            messages.addAll(Notices.of(event, row, complainants, deadlineText(after), villageName(s, row)));
        }
        boolean recoloured = warning.colour() != before.warning();
        if (recoloured) {
            audit.add(new AuditEntry(AuditTrail.chainOf(row.villageCode()), now, row.no(), "WARNING", AuditEntry.ACCEPTED,
                    Initiator.ByJob.DEADLINE_SWEEP.describe(), null, Via.SYSTEM.wireName(), before.warning().name(), warning.colour().name(),
                    "预警：" + warning.colour().wireName() + (warning.reasons().isEmpty() ? "" : "（" + String.join("；", warning.reasons()) + "）")));
            if (warning.colour() == WarningColour.RED) {
                messages.addAll(Notices.red(row, String.join("；", warning.reasons())));
            }
        }
        return new Stored(row, audit, messages, event, recoloured, TicketTally.change(before, row, calendar));
    }

    static void write(SqlSession s, List<Stored> results, Instant now) {
        TicketMapper tickets = s.getMapper(TicketMapper.class);
        List<AuditEntry> audit = new ArrayList<>();
        results.forEach(r -> audit.addAll(r.audit()));
        AuditTrail.appendAll(s, audit);
        // All updates, then all messages: under the sweep's BATCH executor each run of one statement is one JDBC
        // batch (one round trip with rewriteBatchedStatements), where alternating them cost two round trips a ticket.
        for (Stored r : results) {
            tickets.update(r.row());
        }
        // The statistics read model moves with the tickets, in this transaction (key order: no deadlocks between writers).
        List<TicketTally.Contribution> tally = new ArrayList<>();
        results.forEach(r -> tally.addAll(r.tally()));
        TicketTally.apply(s, tally);
        for (Stored r : results) {
            String type = r.event() == null ? "WARNING" : r.event().type().name();
            r.messages().forEach(m -> Outbox.enqueue(s, now, r.row().no(), type, m));
        }
    }

    String deadlineText(Ticket ticket) {
        CurrentDeadline deadline = TicketDeadlines.current(ticket, calendar);
        if (deadline instanceof CurrentDeadline.Running running) {
            return running.text();
        }
        return "无期限";
    }

    static AuditEntry entry(TicketEvent event, String villageCode, Via via) {
        String role = event.by() instanceof Initiator.ByActor actor ? actor.actor().role().wireName() : null;
        return new AuditEntry(AuditTrail.chainOf(villageCode), event.at(), event.ticketNo(), event.type().name(), AuditEntry.ACCEPTED,
                event.by().describe(), role, via.wireName(),
                event.before() == null ? null : event.before().state() + "@" + event.before().level().wireName(),
                event.after().state() + "@" + event.after().level().wireName(), event.detail());
    }

    /**
     * A ticket that does not exist for the caller, missing or not theirs to know: audited with the number the
     * caller gave and nothing of the ticket (no ticket number column, the caller's chain, no content).
     */
    static DeskResult.Refused notFound(SqlSession s, Actor by, Via via, Instant now, long no, String command) {
        DeskResult.Refused refused = DeskResult.Refused.ticketNotFound(no);
        refuse(s, by, via, now, null, command, AuditTrail.chainOf(by.scopeCode()), refused);
        return refused;
    }

    /** A refusal changes nothing but is itself audited (who tried what, and why not). */
    static DeskResult.Refused refuse(SqlSession s, Actor by, Via via, Instant now, Long no, String command, String chain,
                                     TicketRule rule, String reason) {
        return refuse(s, by, via, now, no, command, chain, new DeskResult.Refused(rule, reason, false));
    }

    private static DeskResult.Refused refuse(SqlSession s, Actor by, Via via, Instant now, Long no, String command, String chain,
                                             DeskResult.Refused refused) {
        AuditTrail.append(s, new AuditEntry(chain, now, no, command, AuditEntry.REFUSED, new Initiator.ByActor(by).describe(),
                by.role().wireName(), via.wireName(), null, null, refused.rule().name() + "：" + refused.reason()));
        return refused;
    }
}
