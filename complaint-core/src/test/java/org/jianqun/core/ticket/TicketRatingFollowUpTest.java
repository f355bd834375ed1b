package org.jianqun.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.ticket.TicketFixtures.CADRE;
import static org.jianqun.core.ticket.TicketFixtures.CALENDAR;
import static org.jianqun.core.ticket.TicketFixtures.COMPLAINANT;
import static org.jianqun.core.ticket.TicketFixtures.accepted;
import static org.jianqun.core.ticket.TicketFixtures.at;
import static org.jianqun.core.ticket.TicketFixtures.claimed;
import static org.jianqun.core.ticket.TicketFixtures.openAt;
import static org.jianqun.core.ticket.TicketFixtures.refused;
import static org.jianqun.core.ticket.TicketFixtures.resolved;
import static org.jianqun.core.ticket.TicketFixtures.ticketOf;

import java.time.Instant;
import org.jianqun.core.organisation.RegionLevel;
import org.junit.jupiter.api.Test;

/**
 * 双反馈一回访 and the unrated close. The ticket is resolved Wed 2025-03-05 10:00: the request is
 * repeated at the end of Thu 03-06; unrated, it closes at the end of Mon 03-10 (Thu, Fri, Mon).
 */
class TicketRatingFollowUpTest {

    @Test
    void theDueInstantsAreDerivedFromTheResolution() {
        assertThat(TicketDeadlines.ratingFollowUpDue(resolved(), CALENDAR)).contains(at("2025-03-07T00:00+08:00"));
        assertThat(TicketDeadlines.unratedCloseDue(resolved(), CALENDAR)).contains(at("2025-03-11T00:00+08:00"));
        assertThat(TicketDeadlines.ratingFollowUpDue(claimed(), CALENDAR)).isEmpty();
        assertThat(TicketDeadlines.unratedCloseDue(claimed(), CALENDAR)).isEmpty();
    }

    @Test
    void theRatingRequestIsRepeatedOnceAfterOneWorkingDay() {
        assertThat(refused(resolved().remindForRating(at("2025-03-06T23:59+08:00"), CALENDAR)))
                .isEqualTo(new CommandOutcome.Refused(TicketRule.RATING_REMINDER_ONCE_WHEN_DUE, "工单 #12 的回访时间未到（2025-03-06 24:00）"));
        Instant due = at("2025-03-07T00:00+08:00");
        CommandOutcome.Accepted reminded = accepted(resolved().remindForRating(due, CALENDAR));
        assertThat(reminded.ticket().state()).isEqualTo(TicketState.RESOLVED);
        assertThat(reminded.ticket().resolution()).isEqualTo(new Resolution("已修好路灯", at("2025-03-05T10:00+08:00"), true));
        assertThat(reminded.event()).isEqualTo(new TicketEvent(12, TicketEventType.RATING_REMINDED, due, Initiator.ByJob.RATING_FOLLOW_UP,
                new TicketPosition(TicketState.RESOLVED, RegionLevel.VILLAGE), new TicketPosition(TicketState.RESOLVED, RegionLevel.VILLAGE),
                "再次请求反映人评价"));
        assertThat(refused(reminded.ticket().remindForRating(at("2025-03-08T10:00+08:00"), CALENDAR)))
                .isEqualTo(new CommandOutcome.Refused(TicketRule.RATING_REMINDER_ONCE_WHEN_DUE, "工单 #12 已再次请求过评价"));
        // The complainant may still rate after the reminder.
        assertThat(ticketOf(reminded.ticket().rate(COMPLAINANT, "满意", at("2025-03-07T09:00+08:00"))).state()).isEqualTo(TicketState.CLOSED);
    }

    @Test
    void unratedForThreeWorkingDaysClosesAsUnratedNotAsSatisfied() {
        assertThat(refused(resolved().closeUnrated(at("2025-03-10T23:59+08:00"), CALENDAR)))
                .isEqualTo(new CommandOutcome.Refused(TicketRule.UNRATED_AFTER_RATING_PERIOD, "工单 #12 的评价期到 2025-03-10 24:00 才满"));
        Instant due = at("2025-03-11T00:00+08:00");
        CommandOutcome.Accepted closed = accepted(resolved().closeUnrated(due, CALENDAR));
        assertThat(closed.ticket().state()).isEqualTo(TicketState.CLOSED);
        assertThat(closed.ticket().ending()).isEqualTo(new Ending.Closed(Closure.UNRATED, due));
        assertThat(closed.event().type()).isEqualTo(TicketEventType.CLOSED);
        assertThat(closed.event().by()).isEqualTo(Initiator.ByJob.RATING_FOLLOW_UP);
        assertThat(closed.event().detail()).isEqualTo("3 个工作日未评价，按未评价结案");
        assertThat(refused(closed.ticket().rate(COMPLAINANT, "满意", at("2025-03-11T09:00+08:00"))).rule())
                .isEqualTo(TicketRule.STATE_ALLOWS_COMMAND);
    }

    @Test
    void theRatingPeriodCountsWorkingDaysAcrossAHoliday() {
        // Resolved Tue 2025-09-30: 10-01..08 off; Thu 10-09, Fri 10-10, Sat 10-11 (make-up) → end of 10-11.
        Ticket ticket = ticketOf(ticketOf(openAt(at("2025-09-29T09:00+08:00")).claim(CADRE, at("2025-09-29T10:00+08:00")))
                .resolve(CADRE, "已处理", at("2025-09-30T15:00+08:00")));
        assertThat(refused(ticket.closeUnrated(at("2025-10-08T10:00+08:00"), CALENDAR)).reason())
                .isEqualTo("工单 #12 的评价期到 2025-10-11 24:00 才满");
        assertThat(accepted(ticket.closeUnrated(at("2025-10-12T00:00+08:00"), CALENDAR)).ticket().ending())
                .isEqualTo(new Ending.Closed(Closure.UNRATED, at("2025-10-12T00:00+08:00")));
    }

    @Test
    void aNewResolutionStartsANewRatingPeriod() {
        Ticket reopened = ticketOf(resolved().rate(COMPLAINANT, "不满意", at("2025-03-06T10:00+08:00")));
        Ticket again = ticketOf(reopened.resolve(CADRE, "换了新灯", at("2025-03-10T10:00+08:00")));
        // Resolved Mon 03-10: Tue, Wed, Thu → end of Thu 03-13; the follow-up is not yet sent for this resolution.
        assertThat(TicketDeadlines.unratedCloseDue(again, CALENDAR)).contains(at("2025-03-14T00:00+08:00"));
        assertThat(again.resolution().reminded()).isFalse();
    }

    @Test
    void aRatingPeriodReachingIntoAYearWithoutDataIsCountedByTheWeekendRule() {
        // Resolved Wed 2026-12-30: Thu 12-31, then 2027 (unpublished) by the weekend alone: Fri 01-01, Mon 01-04.
        Ticket ticket = ticketOf(ticketOf(openAt(at("2026-12-28T09:00+08:00")).claim(CADRE, at("2026-12-28T10:00+08:00")))
                .resolve(CADRE, "已处理", at("2026-12-30T10:00+08:00")));
        assertThat(accepted(ticket.remindForRating(at("2027-01-01T00:00+08:00"), CALENDAR)).ticket().resolution().reminded()).isTrue();
        assertThat(refused(ticket.closeUnrated(at("2027-01-04T23:00+08:00"), CALENDAR)).rule()).isEqualTo(TicketRule.UNRATED_AFTER_RATING_PERIOD);
        assertThat(accepted(ticket.closeUnrated(at("2027-01-05T00:00+08:00"), CALENDAR)).ticket().state()).isEqualTo(TicketState.CLOSED);
    }
}
