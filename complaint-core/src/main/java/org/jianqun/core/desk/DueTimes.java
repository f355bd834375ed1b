package org.jianqun.core.desk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.ticket.CurrentDeadline;
import org.jianqun.core.ticket.Ticket;
import org.jianqun.core.ticket.TicketDeadlines;
import org.jianqun.core.ticket.TicketState;

/**
 * When a job must next look at a ticket: the moment it turns yellow (one working day before its
 * deadline: deadlines end at 24:00 of a working day, so that is 24 hours earlier), its deadline,
 * its rating follow-up, its unrated close (a provisional deadline like any other). Stored as {@code next_due_at} so the sweep reads only
 * the tickets that are due, by index.
 */
final class DueTimes {
    private DueTimes() {
    }

    static Instant next(Ticket ticket, Instant now, WorkingDayCalendar calendar) {
        List<Instant> candidates = new ArrayList<>();
        if (ticket.state() == TicketState.OPEN || ticket.state() == TicketState.CLAIMED) {
            CurrentDeadline deadline = TicketDeadlines.current(ticket, calendar);
            if (deadline instanceof CurrentDeadline.Running running) {
                Instant yellow = running.due().minus(Duration.ofDays(1));
                if (now.isBefore(yellow)) {
                    candidates.add(yellow);
                }
                // At the city an overdue ticket cannot climb further: it stays red, and no job has more to do.
                boolean stuckAtTop = ticket.level().above().isEmpty() && !now.isBefore(running.due());
                if (!stuckAtTop) {
                    candidates.add(running.due());
                }
            }
        } else if (ticket.state() == TicketState.RESOLVED) {
            if (!ticket.resolution().reminded()) {
                TicketDeadlines.ratingFollowUpDue(ticket, calendar).ifPresent(candidates::add);
            }
            TicketDeadlines.unratedCloseDue(ticket, calendar).ifPresent(candidates::add);
        }
        return candidates.stream().min(Instant::compareTo).orElse(null);
    }
}
