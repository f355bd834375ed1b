package org.jianqun.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.ticket.TicketFixtures.CADRE;
import static org.jianqun.core.ticket.TicketFixtures.CALENDAR;
import static org.jianqun.core.ticket.TicketFixtures.CITY_OFFICER;
import static org.jianqun.core.ticket.TicketFixtures.COUNTY_OFFICER;
import static org.jianqun.core.ticket.TicketFixtures.MONDAY_MORNING;
import static org.jianqun.core.ticket.TicketFixtures.TOWN_OFFICER;
import static org.jianqun.core.ticket.TicketFixtures.accepted;
import static org.jianqun.core.ticket.TicketFixtures.at;
import static org.jianqun.core.ticket.TicketFixtures.claimed;
import static org.jianqun.core.ticket.TicketFixtures.open;
import static org.jianqun.core.ticket.TicketFixtures.openAt;
import static org.jianqun.core.ticket.TicketFixtures.refused;
import static org.jianqun.core.ticket.TicketFixtures.ticketOf;

import java.time.Instant;
import org.jianqun.core.organisation.RegionLevel;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TicketEscalationTest {

    /** Escalated by hand village → town → county → city on Monday 2025-03-03. */
    private static Ticket atCity() {
        Ticket town = ticketOf(open().escalate(CADRE, "超出村级权限", at("2025-03-03T10:00+08:00")));
        Ticket county = ticketOf(town.escalate(TOWN_OFFICER, "涉及跨镇", at("2025-03-03T11:00+08:00")));
        return ticketOf(county.escalate(COUNTY_OFFICER, "涉及跨县", at("2025-03-03T12:00+08:00")));
    }

    @Nested
    class ByHand {
        @Test
        void anOpenTicketGoesUpOneLevelUnclaimed() {
            Instant now = at("2025-03-03T10:00+08:00");
            CommandOutcome.Accepted outcome = accepted(open().escalate(CADRE, " 超出村级权限 ", now));
            Ticket ticket = outcome.ticket();
            assertThat(ticket.position()).isEqualTo(new TicketPosition(TicketState.OPEN, RegionLevel.TOWN));
            assertThat(ticket.counts()).isEqualTo(new TicketCounts(0, 0, 1, 0));
            assertThat(ticket.supervised()).as("上报 by hand is not 督办").isFalse();
            assertThat(outcome.event()).isEqualTo(new TicketEvent(12, TicketEventType.ESCALATED, now, new Initiator.ByActor(CADRE),
                    new TicketPosition(TicketState.OPEN, RegionLevel.VILLAGE), new TicketPosition(TicketState.OPEN, RegionLevel.TOWN),
                    "上报至镇级：超出村级权限"));
        }

        @Test
        void aClaimedTicketGoesUpAndLeavesItsHandlerBehind() {
            Ticket ticket = ticketOf(claimed().escalate(CADRE, "需镇里协调", at("2025-03-03T11:00+08:00")));
            assertThat(ticket.position()).isEqualTo(new TicketPosition(TicketState.OPEN, RegionLevel.TOWN));
            assertThat(ticket.handler()).isNull();
        }

        @Test
        void eachLevelHandsUpToTheNextUntilTheCity() {
            Ticket city = atCity();
            assertThat(city.position()).isEqualTo(new TicketPosition(TicketState.OPEN, RegionLevel.CITY));
            assertThat(city.counts().escalated()).isEqualTo(3);
            assertThat(ticketOf(city.claim(CITY_OFFICER, at("2025-03-03T13:00+08:00"))).state()).isEqualTo(TicketState.CLAIMED);
        }

        @Test
        void theCityIsTheTop() {
            assertThat(refused(atCity().escalate(CITY_OFFICER, "请省里处理", at("2025-03-03T13:00+08:00"))))
                    .isEqualTo(new CommandOutcome.Refused(TicketRule.CITY_IS_TOP, "工单 #12 已在市级，无法再上报"));
            Ticket claimedAtCity = ticketOf(atCity().claim(CITY_OFFICER, at("2025-03-03T13:00+08:00")));
            assertThat(refused(claimedAtCity.escalate(CITY_OFFICER, "请省里处理", at("2025-03-03T14:00+08:00"))).rule())
                    .isEqualTo(TicketRule.CITY_IS_TOP);
        }

        @Test
        void aReasonIsRequired() {
            assertThat(refused(open().escalate(CADRE, " ", at("2025-03-03T10:00+08:00"))))
                    .isEqualTo(new CommandOutcome.Refused(TicketRule.TEXT_GIVEN, "上报须写明原因"));
        }

        @Test
        void arrivalResetsBothDeadlines() {
            // Arrives at town Tue 03-04 10:00: claim by end of Wed 03-05; 一般 Wed, Thu, Fri → end of Fri 03-07.
            Ticket town = ticketOf(open().escalate(CADRE, "超出村级权限", at("2025-03-04T10:00+08:00")));
            assertThat(TicketDeadlines.claimDue(town, CALENDAR)).isEqualTo(at("2025-03-06T00:00+08:00"));
            assertThat(TicketDeadlines.handlingDue(town, CALENDAR)).isEqualTo(at("2025-03-08T00:00+08:00"));
            // The tier travels with the ticket: 特殊 at town from Tue 03-04 → Wed 03-05 .. Thu 03-13 (7th).
            Ticket special = ticketOf(ticketOf(open().setTier(CADRE, "特殊", MONDAY_MORNING))
                    .escalate(CADRE, "超出村级权限", at("2025-03-04T10:00+08:00")));
            assertThat(TicketDeadlines.handlingDue(special, CALENDAR)).isEqualTo(at("2025-03-14T00:00+08:00"));
        }
    }

    @Nested
    class Overdue {
        @Test
        void notBeforeTheDeadline() {
            assertThat(refused(open().escalateOverdue(at("2025-03-04T23:59:59+08:00"), CALENDAR)))
                    .isEqualTo(new CommandOutcome.Refused(TicketRule.ESCALATE_ONLY_WHEN_OVERDUE, "工单 #12 未超期，认领期限 2025-03-04 24:00"));
        }

        @Test
        void anUnclaimedTicketGoesUpAtTheEndOfItsClaimDayAndIsSupervised() {
            Instant due = at("2025-03-05T00:00+08:00");
            CommandOutcome.Accepted outcome = accepted(open().escalateOverdue(due, CALENDAR));
            Ticket ticket = outcome.ticket();
            assertThat(ticket.position()).isEqualTo(new TicketPosition(TicketState.OPEN, RegionLevel.TOWN));
            assertThat(ticket.supervised()).isTrue();
            assertThat(ticket.counts()).isEqualTo(new TicketCounts(0, 0, 1, 1));
            assertThat(ticket.arrivedAt()).isEqualTo(due);
            assertThat(outcome.event()).isEqualTo(new TicketEvent(12, TicketEventType.ESCALATED_OVERDUE, due, Initiator.ByJob.DEADLINE_SWEEP,
                    new TicketPosition(TicketState.OPEN, RegionLevel.VILLAGE), new TicketPosition(TicketState.OPEN, RegionLevel.TOWN),
                    "超期未认领（期限 2025-03-04 24:00），自动上报至镇级，督办"));
        }

        @Test
        void missingBothDeadlinesClimbsOneLevelPerSweep() {
            // By Mon 03-10 both the claim (end of 03-04) and the handling (end of 03-06) deadlines have passed.
            Instant sweep = at("2025-03-10T09:00+08:00");
            Ticket town = ticketOf(open().escalateOverdue(sweep, CALENDAR));
            assertThat(town.level()).isEqualTo(RegionLevel.TOWN);
            assertThat(town.counts().escalated()).isEqualTo(1);
            // Arrival reset the clocks: the same sweep finds nothing more to do.
            assertThat(refused(town.escalateOverdue(sweep, CALENDAR)))
                    .isEqualTo(new CommandOutcome.Refused(TicketRule.ESCALATE_ONLY_WHEN_OVERDUE, "工单 #12 未超期，认领期限 2025-03-11 24:00"));
        }

        @Test
        void aClaimedTicketGoesUpWhenItsHandlingPeriodEnds() {
            assertThat(refused(claimed().escalateOverdue(at("2025-03-06T12:00+08:00"), CALENDAR)).reason())
                    .isEqualTo("工单 #12 未超期，办理期限 2025-03-06 24:00");
            CommandOutcome.Accepted outcome = accepted(claimed().escalateOverdue(at("2025-03-07T00:00+08:00"), CALENDAR));
            assertThat(outcome.ticket().position()).isEqualTo(new TicketPosition(TicketState.OPEN, RegionLevel.TOWN));
            assertThat(outcome.ticket().handler()).isNull();
            assertThat(outcome.event().before()).isEqualTo(new TicketPosition(TicketState.CLAIMED, RegionLevel.VILLAGE));
            assertThat(outcome.event().detail()).isEqualTo("超期未办理（期限 2025-03-06 24:00），自动上报至镇级，督办");
        }

        @Test
        void overdueAgainAtTheHigherLevelIsCountedAgain() {
            Ticket town = ticketOf(open().escalateOverdue(at("2025-03-05T00:00+08:00"), CALENDAR));
            // At town from Wed 03-05 00:00: claim by end of Thu 03-06.
            Ticket county = ticketOf(town.escalateOverdue(at("2025-03-07T00:00+08:00"), CALENDAR));
            assertThat(county.level()).isEqualTo(RegionLevel.COUNTY);
            assertThat(county.counts()).isEqualTo(new TicketCounts(0, 0, 2, 2));
        }

        @Test
        void atTheCityAnOverdueTicketCannotClimb() {
            assertThat(refused(atCity().escalateOverdue(at("2025-03-05T00:00+08:00"), CALENDAR)))
                    .isEqualTo(new CommandOutcome.Refused(TicketRule.CITY_IS_TOP, "工单 #12 已在市级，无法再上报"));
        }

        @Test
        void aProvisionalDeadlineEscalatesLikeAnyOther() {
            // Registered Thu 2026-12-31: 2027's notice is not published, so the claim day is Fri 01-01 by the weekend rule.
            Ticket ticket = openAt(at("2026-12-31T10:00+08:00"));
            assertThat(TicketDeadlines.current(ticket, CALENDAR))
                    .isEqualTo(new CurrentDeadline.Running(DeadlineKind.CLAIM, at("2027-01-02T00:00+08:00"), true));
            assertThat(refused(ticket.escalateOverdue(at("2027-01-01T23:59+08:00"), CALENDAR)).rule())
                    .isEqualTo(TicketRule.ESCALATE_ONLY_WHEN_OVERDUE);
            CommandOutcome.Accepted escalated = accepted(ticket.escalateOverdue(at("2027-01-02T00:00+08:00"), CALENDAR));
            assertThat(escalated.ticket().level()).isEqualTo(RegionLevel.TOWN);
            assertThat(escalated.event().detail()).isEqualTo("超期未认领（期限 2027-01-01 24:00，暂定），自动上报至镇级，督办");
        }
    }
}
