package org.jianqun.core.ticket;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jianqun.core.calendar.WorkingDayCalendar;

/**
 * 三色预警 as a pure function of a ticket, the time and the calendar. The gravest colour that
 * applies wins:
 * <ul>
 * <li>RED — escalated twice because overdue; or overdue now after having been escalated overdue
 *     once (overdue again at the higher level, including at the city where it cannot climb);
 *     or reopened twice (两次不满意); or urged three times. Red enters the patrol queue.</li>
 * <li>ORANGE — overdue now (the sweep will escalate it and mark it 督办), or supervised (督办)
 *     since an earlier overdue escalation.</li>
 * <li>YELLOW — less than one working day left before the current deadline (the claim deadline
 *     while OPEN, the handling deadline while CLAIMED), as
 *     {@link WorkingDayCalendar#lessThanOneWorkingDayLeft} defines it.</li>
 * </ul>
 * The deadline-based reasons apply only while a deadline runs (OPEN, CLAIMED); the counted ones
 * stay with the ticket after it ends, since patrol and statistics look back at them.
 */
public final class TicketWarnings {
    static final int RED_OVERDUE_ESCALATIONS = 2;
    static final int RED_REOPENINGS = 2;
    static final int RED_URGINGS = 3;

    private TicketWarnings() {
    }

    public static Warning assess(Ticket ticket, Instant now, WorkingDayCalendar calendar) {
        WarningColour colour = WarningColour.NONE;
        List<String> reasons = new ArrayList<>();
        TicketCounts counts = ticket.counts();

        if (counts.overdueEscalations() >= RED_OVERDUE_ESCALATIONS) {
            colour = raise(colour, WarningColour.RED, reasons, "超期上报 " + counts.overdueEscalations() + " 次");
        } else if (ticket.supervised()) {
            colour = raise(colour, WarningColour.ORANGE, reasons, "超期上报，督办中");
        }
        if (counts.reopened() >= RED_REOPENINGS) {
            colour = raise(colour, WarningColour.RED, reasons, "不满意重办 " + counts.reopened() + " 次");
        }
        if (counts.urged() >= RED_URGINGS) {
            colour = raise(colour, WarningColour.RED, reasons, "催办 " + counts.urged() + " 次");
        }

        CurrentDeadline deadline = TicketDeadlines.current(ticket, calendar);
        if (deadline instanceof CurrentDeadline.Running running) {
            String due = running.kind().label() + "期限 " + TicketDeadlines.describe(running.due()) + (running.provisional() ? "（暂定）" : "");
            if (!now.isBefore(running.due())) {
                colour = ticket.supervised()
                        ? raise(colour, WarningColour.RED, reasons, "督办后再次超期（" + due + "）")
                        : raise(colour, WarningColour.ORANGE, reasons, "已超期（" + due + "）");
            } else {
                if (calendar.lessThanOneWorkingDayLeft(now, running.due())) {
                    colour = raise(colour, WarningColour.YELLOW, reasons, "不足一个工作日（" + due + "）");
                }
            }
        }
        return new Warning(colour, reasons);
    }

    private static WarningColour raise(WarningColour current, WarningColour candidate, List<String> reasons, String reason) {
        reasons.add(reason);
        return candidate.compareTo(current) > 0 ? candidate : current;
    }
}
