package org.jianqun.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.ticket.TicketFixtures.CADRE;
import static org.jianqun.core.ticket.TicketFixtures.CALENDAR;
import static org.jianqun.core.ticket.TicketFixtures.COMPLAINANT;
import static org.jianqun.core.ticket.TicketFixtures.NEIGHBOUR;
import static org.jianqun.core.ticket.TicketFixtures.at;
import static org.jianqun.core.ticket.TicketFixtures.claimed;
import static org.jianqun.core.ticket.TicketFixtures.open;
import static org.jianqun.core.ticket.TicketFixtures.openAt;
import static org.jianqun.core.ticket.TicketFixtures.resolved;
import static org.jianqun.core.ticket.TicketFixtures.ticketOf;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** 三色预警. The ticket is registered Mon 2025-03-03 09:00: claim due at the end of Tue 03-04. */
class TicketWarningsTest {

    private static Warning assess(Ticket ticket, String now) {
        return TicketWarnings.assess(ticket, at(now), CALENDAR);
    }

    private static Warning warning(WarningColour colour, String... reasons) {
        return new Warning(colour, List.of(reasons));
    }

    private static Ticket urged(Ticket ticket, int times) {
        for (int i = 0; i < times; i++) {
            ticket = ticketOf(ticket.urge(NEIGHBOUR, at("2025-03-03T10:00+08:00")));
        }
        return ticket;
    }

    /** Escalated overdue at the end of the claim day: at town from Wed 03-05 00:00, claim due end of Thu 03-06. */
    private static Ticket supervisedAtTown() {
        return ticketOf(open().escalateOverdue(at("2025-03-05T00:00+08:00"), CALENDAR));
    }

    @Nested
    class Yellow {
        @Test
        void aFreshTicketHasNoWarning() {
            // Monday 10:00 leaves 14h of Monday and all of Tuesday.
            Warning none = assess(open(), "2025-03-03T10:00+08:00");
            assertThat(none).isEqualTo(warning(WarningColour.NONE));
            assertThat(none.entersPatrol()).isFalse();
        }

        @Test
        void yellowWhenLessThanOneWorkingDayIsLeftToClaim() {
            assertThat(assess(open(), "2025-03-04T00:00+08:00").colour()).as("exactly one day left").isEqualTo(WarningColour.NONE);
            assertThat(assess(open(), "2025-03-04T01:00+08:00"))
                    .isEqualTo(warning(WarningColour.YELLOW, "不足一个工作日（认领期限 2025-03-04 24:00）"));
        }

        @Test
        void aClaimedTicketRunsAgainstItsHandlingDeadline() {
            // Claimed: the passed claim deadline no longer matters; handling is due at the end of Thu 03-06.
            assertThat(assess(claimed(), "2025-03-05T12:00+08:00").colour()).isEqualTo(WarningColour.NONE);
            assertThat(assess(claimed(), "2025-03-05T23:00+08:00").colour()).as("25 hours left").isEqualTo(WarningColour.NONE);
            assertThat(assess(claimed(), "2025-03-06T01:00+08:00"))
                    .isEqualTo(warning(WarningColour.YELLOW, "不足一个工作日（办理期限 2025-03-06 24:00）"));
        }

        @Test
        void aWeekendDoesNotTurnATicketYellow() {
            // Registered Fri 03-07 09:00: claim due end of Mon 03-10. On Saturday a whole working day is left.
            Ticket friday = openAt(at("2025-03-07T09:00+08:00"));
            assertThat(assess(friday, "2025-03-08T12:00+08:00").colour()).isEqualTo(WarningColour.NONE);
            assertThat(assess(friday, "2025-03-10T09:00+08:00").colour()).isEqualTo(WarningColour.YELLOW);
        }

        @Test
        void aResolvedTicketRunsNoDeadline() {
            assertThat(assess(resolved(), "2025-03-20T10:00+08:00")).isEqualTo(warning(WarningColour.NONE));
        }
    }

    @Nested
    class Orange {
        @Test
        void orangeWhenOverdue() {
            assertThat(assess(open(), "2025-03-05T00:00+08:00"))
                    .isEqualTo(warning(WarningColour.ORANGE, "已超期（认领期限 2025-03-04 24:00）"));
            assertThat(assess(claimed(), "2025-03-07T09:00+08:00"))
                    .isEqualTo(warning(WarningColour.ORANGE, "已超期（办理期限 2025-03-06 24:00）"));
        }

        @Test
        void aSupervisedTicketStaysOrangeAtItsNewLevel() {
            assertThat(assess(supervisedAtTown(), "2025-03-05T10:00+08:00")).isEqualTo(warning(WarningColour.ORANGE, "超期上报，督办中"));
            // Less than a day left at town: still orange, and both reasons are told.
            assertThat(assess(supervisedAtTown(), "2025-03-06T12:00+08:00"))
                    .isEqualTo(warning(WarningColour.ORANGE, "超期上报，督办中", "不足一个工作日（认领期限 2025-03-06 24:00）"));
        }

        @Test
        void anEscalationByHandIsNotSupervised() {
            Ticket town = ticketOf(open().escalate(CADRE, "超出村级权限", at("2025-03-03T10:00+08:00")));
            assertThat(assess(town, "2025-03-03T11:00+08:00").colour()).isEqualTo(WarningColour.NONE);
        }
    }

    @Nested
    class Red {
        @Test
        void redWhenOverdueAgainAtTheHigherLevel() {
            Warning red = assess(supervisedAtTown(), "2025-03-07T00:00+08:00");
            assertThat(red).isEqualTo(warning(WarningColour.RED, "超期上报，督办中", "督办后再次超期（认领期限 2025-03-06 24:00）"));
            assertThat(red.entersPatrol()).isTrue();
        }

        @Test
        void redOnceEscalatedOverdueTwiceEvenWithFreshDeadlines() {
            Ticket county = ticketOf(supervisedAtTown().escalateOverdue(at("2025-03-07T00:00+08:00"), CALENDAR));
            assertThat(assess(county, "2025-03-07T01:00+08:00")).isEqualTo(warning(WarningColour.RED, "超期上报 2 次"));
        }

        @Test
        void redWhenReopenedTwice() {
            Ticket once = ticketOf(resolved().rate(COMPLAINANT, "不满意", at("2025-03-05T12:00+08:00")));
            assertThat(assess(once, "2025-03-05T13:00+08:00").colour()).isEqualTo(WarningColour.NONE);
            Ticket twice = ticketOf(ticketOf(once.resolve(CADRE, "再修", at("2025-03-05T14:00+08:00")))
                    .rate(COMPLAINANT, "不满意", at("2025-03-05T15:00+08:00")));
            assertThat(assess(twice, "2025-03-05T16:00+08:00")).isEqualTo(warning(WarningColour.RED, "不满意重办 2 次"));
        }

        @Test
        void redWhenUrgedThreeTimes() {
            assertThat(assess(urged(open(), 2), "2025-03-03T11:00+08:00").colour()).isEqualTo(WarningColour.NONE);
            Warning red = assess(urged(open(), 3), "2025-03-03T11:00+08:00");
            assertThat(red).isEqualTo(warning(WarningColour.RED, "催办 3 次"));
            assertThat(red.entersPatrol()).isTrue();
        }

        @Test
        void redStaysOnRecordAfterTheTicketEnds() {
            Ticket ended = ticketOf(ticketOf(ticketOf(urged(open(), 3).claim(CADRE, at("2025-03-03T11:00+08:00")))
                    .resolve(CADRE, "已办", at("2025-03-03T12:00+08:00"))).rate(COMPLAINANT, "基本满意", at("2025-03-03T13:00+08:00")));
            assertThat(assess(ended, "2025-04-01T10:00+08:00")).isEqualTo(warning(WarningColour.RED, "催办 3 次"));
        }
    }

    @Test
    void aProvisionalDeadlineWarnsLikeAnyOther() {
        // Registered Thu 2026-12-31: the claim day is Fri 2027-01-01 by the weekend rule alone (2027 not published).
        Ticket ticket = openAt(at("2026-12-31T10:00+08:00"));
        assertThat(assess(ticket, "2026-12-31T12:00+08:00")).isEqualTo(warning(WarningColour.NONE));
        assertThat(assess(ticket, "2027-01-01T10:00+08:00")).isEqualTo(warning(WarningColour.YELLOW, "不足一个工作日（认领期限 2027-01-01 24:00（暂定））"));
        assertThat(assess(ticket, "2027-01-02T00:00+08:00")).isEqualTo(warning(WarningColour.ORANGE, "已超期（认领期限 2027-01-01 24:00（暂定））"));
    }
}
