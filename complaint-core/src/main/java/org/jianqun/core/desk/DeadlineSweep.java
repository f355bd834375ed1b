package org.jianqun.core.desk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.DatabaseFailures;
import org.jianqun.core.persistence.TicketMapper;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.ticket.CommandOutcome;
import org.jianqun.core.ticket.Ticket;
import org.jianqun.core.ticket.TicketState;

/**
 * The deadline sweep's work on the tickets that are due: escalate the overdue one level, repeat the
 * rating request, close the unrated, recolour warnings. Its notices are built like every command's
 * ({@link Notices}), so a confidential ticket's never reach a group or a level. Blocking: call from a worker.
 */
public final class DeadlineSweep {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeadlineSweep.class);
    /** How long a ticket the sweep cannot handle is set aside before it is tried again. */
    static final Duration SET_ASIDE = Duration.ofHours(1);

    private final Database database;
    private final WorkingDayCalendar calendar;
    private final Clock clock;
    private final TicketSteps steps;

    public DeadlineSweep(Database database, WorkingDayCalendar calendar, Clock clock) {
        this.database = database;
        this.calendar = calendar;
        this.clock = clock;
        this.steps = new TicketSteps(calendar, new VillageNames());
    }

    /** What one pass did. */
    public record SweepReport(int looked, int escalated, int reminded, int closedUnrated, int recoloured) {
        SweepReport plus(SweepReport o) {
            return new SweepReport(looked + o.looked, escalated + o.escalated, reminded + o.reminded,
                    closedUnrated + o.closedUnrated, recoloured + o.recoloured);
        }
    }

    /**
     * One pass over at most {@code limit} tickets that are due now (by index). The rows are locked and
     * re-read first, so a ticket another sweeper just handled is left alone.
     */
    public SweepReport sweep(int limit) {
        Instant now = clock.instant();
        List<Long> due = database.read(s -> s.getMapper(TicketMapper.class).due(now, limit));
        if (due.isEmpty()) {
            return new SweepReport(0, 0, 0, 0, 0);
        }
        try {
            return database.inBatchTransaction(s -> sweepLocked(s, due, now));
        } catch (RuntimeException batchFailed) {
            // One bad row must not stall every deadline behind it: sweep one at a time, and set aside
            // (logged, looked at again in an hour) whichever ticket still fails on its own.
            // WARN in one line: the pass one by one below names the ticket at fault, at ERROR.
            LOG.warn("sweeping {} due tickets together failed ({}); sweeping them one by one", due.size(), DatabaseFailures.describe(batchFailed));
            SweepReport total = new SweepReport(0, 0, 0, 0, 0);
            for (long no : due) {
                try {
                    total = total.plus(database.inBatchTransaction(s -> sweepLocked(s, List.of(no), now)));
                } catch (RuntimeException e) {
                    LOG.error("ticket #{} cannot be swept ({}); it is looked at again in {}", no, DatabaseFailures.describe(e), SET_ASIDE);
                    database.inTransaction(s -> s.getMapper(TicketMapper.class).postpone(no, now.plus(SET_ASIDE)));
                }
            }
            return total;
        }
    }

    private SweepReport sweepLocked(SqlSession s, List<Long> due, Instant now) {
        TicketMapper tickets = s.getMapper(TicketMapper.class);
        List<TicketRow> rows = tickets.lockAll(due.stream().sorted().toList());
        Map<Long, List<Long>> complainants = new HashMap<>();
        tickets.complainantsOf(due).forEach(c -> complainants.computeIfAbsent(c.ticketNo(), k -> new ArrayList<>()).add(c.personId()));
        int escalated = 0;
        int reminded = 0;
        int closed = 0;
        int recoloured = 0;
        List<TicketSteps.Stored> stored = new ArrayList<>();
        for (TicketRow row : rows) {
            if (row.nextDueAt() == null || row.nextDueAt().isAfter(now)) {
                continue; // another sweeper got here first
            }
            Ticket ticket = row.toTicket();
            Optional<CommandOutcome.Accepted> step = Optional.empty();
            if (ticket.state() == TicketState.OPEN || ticket.state() == TicketState.CLAIMED) {
                step = accepted(ticket.escalateOverdue(now, calendar));
                if (step.isPresent()) {
                    escalated++;
                }
            } else if (ticket.state() == TicketState.RESOLVED) {
                step = accepted(ticket.closeUnrated(now, calendar));
                if (step.isPresent()) {
                    closed++;
                } else {
                    step = accepted(ticket.remindForRating(now, calendar));
                    if (step.isPresent()) {
                        reminded++;
                    }
                }
            }
            Ticket after = step.map(CommandOutcome.Accepted::ticket).orElse(ticket);
            TicketSteps.Stored result = steps.next(s, row, after, step.map(CommandOutcome.Accepted::event).orElse(null), Via.SYSTEM, now,
                    complainants.getOrDefault(row.no(), List.of()));
            if (result.recoloured()) {
                recoloured++;
            }
            stored.add(result);
        }
        TicketSteps.write(s, stored, now);
        return new SweepReport(rows.size(), escalated, reminded, closed, recoloured);
    }

    private static Optional<CommandOutcome.Accepted> accepted(CommandOutcome outcome) {
        return outcome instanceof CommandOutcome.Accepted a ? Optional.of(a) : Optional.empty();
    }
}
