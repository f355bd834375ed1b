package org.jianqun.core.ticket;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jianqun.core.calendar.WorkingDayCalendar;

/**
 * A ticket's deadlines, derived from the instants it stores and the working-day calendar rather
 * than stored: a holiday file added or corrected later fixes every ticket at once, and "deadlines
 * reset on arrival at a level" is simply a new arrival instant.
 * <ul>
 * <li>claim: 1 working day from arrival at the current level;</li>
 * <li>handling: the tier's working days (一般 3, 特殊 7, 复杂 15) from arrival, or from the reopening
 *     after a 不满意 rating;</li>
 * <li>rating follow-up: the request is repeated 1 working day after resolving;</li>
 * <li>unrated close: 3 working days after resolving.</li>
 * </ul>
 * A deadline counted into a year whose holiday notice is not loaded is provisional (暂定): {@link #current}
 * says so, and {@link #all} lists every deadline a ticket runs against for the recomputation when that
 * year is loaded.
 */
public final class TicketDeadlines {
    public static final int CLAIM_WORKING_DAYS = 1;
    public static final int RATING_FOLLOW_UP_WORKING_DAYS = 1;
    public static final int RATING_PERIOD_WORKING_DAYS = 3;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** What a person reads beside a provisional deadline: why it may move. */
    public static final String PROVISIONAL_MARK = "（暂定：节假日安排尚未公布，按周末推算，公布后可能调整）";

    private TicketDeadlines() {
    }

    /**
     * A real-name report's claim is its acknowledgement (受理): its office says within this many working days
     * whether it takes the matter up (DESIGN.md "Real-name reports"), warned yellow, orange and red like any deadline.
     */
    public static final int ACKNOWLEDGE_WORKING_DAYS = 15;

    /** The claim deadline: 1 working day from arrival; for a real-name report the acknowledgement's 15. */
    public static Instant claimDue(Ticket ticket, WorkingDayCalendar calendar) {
        int days = ticket.confidentiality().confidential() ? ACKNOWLEDGE_WORKING_DAYS : CLAIM_WORKING_DAYS;
        return calendar.deadline(ticket.arrivedAt(), days).toInstant();
    }

    public static Instant handlingDue(Ticket ticket, WorkingDayCalendar calendar) {
        return calendar.deadline(ticket.handlingFrom(), ticket.tier().workingDays()).toInstant();
    }

    /** When the rating request is to be repeated; empty unless the ticket is RESOLVED. */
    public static Optional<Instant> ratingFollowUpDue(Ticket ticket, WorkingDayCalendar calendar) {
        return resolvedAt(ticket).map(at -> calendar.deadline(at, RATING_FOLLOW_UP_WORKING_DAYS).toInstant());
    }

    /** When an unrated ticket closes as 未评价; empty unless the ticket is RESOLVED. */
    public static Optional<Instant> unratedCloseDue(Ticket ticket, WorkingDayCalendar calendar) {
        return resolvedAt(ticket).map(at -> calendar.deadline(at, RATING_PERIOD_WORKING_DAYS).toInstant());
    }

    /** The claim deadline while OPEN, the handling deadline while CLAIMED, none otherwise. */
    public static CurrentDeadline current(Ticket ticket, WorkingDayCalendar calendar) {
        DeadlineKind kind;
        if (ticket.state() == TicketState.OPEN) {
            kind = DeadlineKind.CLAIM;
        } else if (ticket.state() == TicketState.CLAIMED) {
            kind = DeadlineKind.HANDLING;
        } else {
            return new CurrentDeadline.NotRunning();
        }
        Instant from = kind == DeadlineKind.CLAIM ? ticket.arrivedAt() : ticket.handlingFrom();
        Instant due = kind == DeadlineKind.CLAIM ? claimDue(ticket, calendar) : handlingDue(ticket, calendar);
        return new CurrentDeadline.Running(kind, due, calendar.provisional(from, due));
    }

    /** One of a ticket's running deadlines, named as a person reads it. */
    public record Named(String name, Instant due, boolean provisional) {
        public String text() {
            return name + " " + describe(due, provisional);
        }
    }

    /**
     * Every deadline the ticket runs against now: the current one while OPEN or CLAIMED; the rating
     * follow-up (until sent) and the unrated close while RESOLVED; none once it has ended.
     */
    public static List<Named> all(Ticket ticket, WorkingDayCalendar calendar) {
        List<Named> out = new ArrayList<>();
        if (current(ticket, calendar) instanceof CurrentDeadline.Running running) {
            out.add(new Named(running.kind().label() + "期限", running.due(), running.provisional()));
        } else if (ticket.state() == TicketState.RESOLVED) {
            Instant at = ticket.resolution().at();
            if (!ticket.resolution().reminded()) {
                Instant followUp = ratingFollowUpDue(ticket, calendar).orElseThrow();
                out.add(new Named("回访时间", followUp, calendar.provisional(at, followUp)));
            }
            Instant close = unratedCloseDue(ticket, calendar).orElseThrow();
            out.add(new Named("评价期限", close, calendar.provisional(at, close)));
        }
        return out;
    }

    /** A deadline as people say it: the end of a day is "2025-03-04 24:00", not "2025-03-05 00:00". */
    public static String describe(Instant deadline) {
        ZonedDateTime local = deadline.atZone(WorkingDayCalendar.ZONE);
        if (local.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            return local.minusDays(1).format(DAY) + " 24:00";
        }
        return local.format(MINUTE);
    }

    /** {@link #describe(Instant)}, marked 暂定 when provisional. */
    public static String describe(Instant deadline, boolean provisional) {
        return describe(deadline) + (provisional ? PROVISIONAL_MARK : "");
    }

    private static Optional<Instant> resolvedAt(Ticket ticket) {
        return ticket.state() == TicketState.RESOLVED ? Optional.of(ticket.resolution().at()) : Optional.empty();
    }
}
