package org.jianqun.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.ticket.TicketFixtures.CADRE;
import static org.jianqun.core.ticket.TicketFixtures.CALENDAR;
import static org.jianqun.core.ticket.TicketFixtures.COMPLAINANT;
import static org.jianqun.core.ticket.TicketFixtures.MONDAY_MORNING;
import static org.jianqun.core.ticket.TicketFixtures.NEIGHBOUR;
import static org.jianqun.core.ticket.TicketFixtures.TOWN_DISCIPLINE;
import static org.jianqun.core.ticket.TicketFixtures.TOWN_OFFICER;
import static org.jianqun.core.ticket.TicketFixtures.VILLAGE;
import static org.jianqun.core.ticket.TicketFixtures.accepted;
import static org.jianqun.core.ticket.TicketFixtures.at;
import static org.jianqun.core.ticket.TicketFixtures.claimed;
import static org.jianqun.core.ticket.TicketFixtures.closed;
import static org.jianqun.core.ticket.TicketFixtures.open;
import static org.jianqun.core.ticket.TicketFixtures.other;
import static org.jianqun.core.ticket.TicketFixtures.refused;
import static org.jianqun.core.ticket.TicketFixtures.resolved;
import static org.jianqun.core.ticket.TicketFixtures.ticketOf;

import java.time.Instant;
import org.jianqun.core.access.Actor;
import org.jianqun.core.organisation.RegionLevel;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TicketLifecycleTest {

    @Test
    void registrationOpensAtVillageLevelWithAGeneralTier() {
        CommandOutcome.Accepted outcome = accepted(Ticket.register(12, VILLAGE, COMPLAINANT.personId(), COMPLAINANT, MONDAY_MORNING));
        Ticket ticket = outcome.ticket();
        assertThat(ticket.position()).isEqualTo(new TicketPosition(TicketState.OPEN, RegionLevel.VILLAGE));
        assertThat(ticket.tier()).isEqualTo(Tier.GENERAL);
        assertThat(ticket.handler()).isNull();
        assertThat(ticket.counts()).isEqualTo(TicketCounts.NONE);
        assertThat(outcome.event()).isEqualTo(new TicketEvent(12, TicketEventType.REGISTERED, MONDAY_MORNING,
                new Initiator.ByActor(COMPLAINANT), null, ticket.position(), "登记，交村级办理"));
        // Claim: Tue 03-04; 一般: Tue, Wed, Thu.
        assertThat(TicketDeadlines.claimDue(ticket, CALENDAR)).isEqualTo(at("2025-03-05T00:00+08:00"));
        assertThat(TicketDeadlines.handlingDue(ticket, CALENDAR)).isEqualTo(at("2025-03-07T00:00+08:00"));
    }

    @Test
    void claimMakesTheClaimerTheHandler() {
        Instant now = at("2025-03-03T10:00+08:00");
        CommandOutcome.Accepted outcome = accepted(open().claim(CADRE, now));
        assertThat(outcome.ticket().state()).isEqualTo(TicketState.CLAIMED);
        assertThat(outcome.ticket().handler()).isEqualTo(new Handler(CADRE.personId(), CADRE.displayName()));
        assertThat(outcome.event()).isEqualTo(new TicketEvent(12, TicketEventType.CLAIMED, now, new Initiator.ByActor(CADRE),
                new TicketPosition(TicketState.OPEN, RegionLevel.VILLAGE), new TicketPosition(TicketState.CLAIMED, RegionLevel.VILLAGE), "认领"));
        assertThat(TicketDeadlines.current(outcome.ticket(), CALENDAR))
                .isEqualTo(new CurrentDeadline.Running(DeadlineKind.HANDLING, at("2025-03-07T00:00+08:00"), false));
    }

    @Test
    void resolveRecordsTheResultAndWaitsForTheComplainant() {
        Instant now = at("2025-03-05T10:00+08:00");
        CommandOutcome.Accepted outcome = accepted(claimed().resolve(CADRE, "  已修好路灯 ", now));
        assertThat(outcome.ticket().state()).isEqualTo(TicketState.RESOLVED);
        assertThat(outcome.ticket().resolution()).isEqualTo(new Resolution("已修好路灯", now, false));
        assertThat(outcome.event().type()).isEqualTo(TicketEventType.RESOLVED);
        assertThat(outcome.event().detail()).isEqualTo("办结：已修好路灯");
        assertThat(TicketDeadlines.current(outcome.ticket(), CALENDAR)).isEqualTo(new CurrentDeadline.NotRunning());
    }

    @Test
    void resolveNeedsAResultOfBoundedLength() {
        assertThat(refused(claimed().resolve(CADRE, "  ", at("2025-03-05T10:00+08:00"))))
                .isEqualTo(new CommandOutcome.Refused(TicketRule.TEXT_GIVEN, "办结须写明办理结果"));
        assertThat(refused(claimed().resolve(CADRE, null, at("2025-03-05T10:00+08:00"))).rule()).isEqualTo(TicketRule.TEXT_GIVEN);
        assertThat(refused(claimed().resolve(CADRE, "修".repeat(Ticket.MAX_TEXT_LENGTH + 1), at("2025-03-05T10:00+08:00"))).reason())
                .isEqualTo("内容过长，最多 1000 字");
        assertThat(accepted(claimed().resolve(CADRE, "修".repeat(Ticket.MAX_TEXT_LENGTH), at("2025-03-05T10:00+08:00"))).ticket().state())
                .isEqualTo(TicketState.RESOLVED);
    }

    @Nested
    class Rating {
        @Test
        void satisfiedCloses() {
            Instant now = at("2025-03-05T12:00+08:00");
            CommandOutcome.Accepted outcome = accepted(resolved().rate(COMPLAINANT, "满意", now));
            assertThat(outcome.ticket().state()).isEqualTo(TicketState.CLOSED);
            assertThat(outcome.ticket().ending()).isEqualTo(new Ending.Closed(Closure.SATISFIED, now));
            assertThat(outcome.ticket().resolution().result()).as("the result stays on record").isEqualTo("已修好路灯");
            assertThat(outcome.event().type()).isEqualTo(TicketEventType.CLOSED);
            assertThat(outcome.event().after()).isEqualTo(new TicketPosition(TicketState.CLOSED, RegionLevel.VILLAGE));
            assertThat(outcome.event().detail()).isEqualTo("评价：满意，结案");
        }

        @Test
        void basicallySatisfiedClosesAsSuch() {
            Instant now = at("2025-03-05T12:00+08:00");
            Ticket ticket = ticketOf(resolved().rate(COMPLAINANT, "基本满意", now));
            assertThat(ticket.ending()).isEqualTo(new Ending.Closed(Closure.BASICALLY_SATISFIED, now));
        }

        @Test
        void unsatisfiedReopensAtTheSameLevelWithAFreshHandlingPeriod() {
            // Rated on Thu 03-06 10:00: handling counts Fri 03-07, Mon 03-10, Tue 03-11.
            Instant now = at("2025-03-06T10:00+08:00");
            CommandOutcome.Accepted outcome = accepted(resolved().rate(COMPLAINANT, "不满意", now));
            Ticket ticket = outcome.ticket();
            assertThat(ticket.position()).isEqualTo(new TicketPosition(TicketState.CLAIMED, RegionLevel.VILLAGE));
            assertThat(ticket.handler()).isEqualTo(new Handler(CADRE.personId(), CADRE.displayName()));
            assertThat(ticket.resolution()).isNull();
            assertThat(ticket.counts().reopened()).isEqualTo(1);
            assertThat(ticket.arrivedAt()).as("not an arrival").isEqualTo(MONDAY_MORNING);
            assertThat(TicketDeadlines.handlingDue(ticket, CALENDAR)).isEqualTo(at("2025-03-12T00:00+08:00"));
            assertThat(outcome.event().type()).isEqualTo(TicketEventType.REOPENED);
            assertThat(outcome.event().before()).isEqualTo(new TicketPosition(TicketState.RESOLVED, RegionLevel.VILLAGE));
            assertThat(outcome.event().detail()).isEqualTo("评价：不满意，重新办理（第 1 次）");
        }

        @Test
        void reopeningsAreCounted() {
            Ticket once = ticketOf(resolved().rate(COMPLAINANT, "不满意", at("2025-03-06T10:00+08:00")));
            Ticket again = ticketOf(once.resolve(CADRE, "重新修好", at("2025-03-07T10:00+08:00")));
            CommandOutcome.Accepted twice = accepted(again.rate(COMPLAINANT, "不满意", at("2025-03-07T11:00+08:00")));
            assertThat(twice.ticket().counts().reopened()).isEqualTo(2);
            assertThat(twice.event().detail()).isEqualTo("评价：不满意，重新办理（第 2 次）");
        }

        @Test
        void onlyTheComplainantRates() {
            for (Actor notTheComplainant : new Actor[] {NEIGHBOUR, CADRE, TOWN_DISCIPLINE}) {
                assertThat(refused(resolved().rate(notTheComplainant, "满意", at("2025-03-05T12:00+08:00"))))
                        .as(notTheComplainant.displayName())
                        .isEqualTo(new CommandOutcome.Refused(TicketRule.ONLY_COMPLAINANT_RATES, "只有反映人可以评价工单 #12"));
            }
        }

        @Test
        void anUnknownRatingWordIsRefusedNamingTheAllowedOnes() {
            assertThat(refused(resolved().rate(COMPLAINANT, "很好", at("2025-03-05T12:00+08:00"))))
                    .isEqualTo(new CommandOutcome.Refused(TicketRule.KNOWN_RATING_WORD, "未知的评价「很好」，可选：满意、基本满意、不满意"));
        }

        @Test
        void onlyAResolvedTicketIsRated() {
            assertThat(refused(claimed().rate(COMPLAINANT, "满意", at("2025-03-05T12:00+08:00"))))
                    .isEqualTo(new CommandOutcome.Refused(TicketRule.STATE_ALLOWS_COMMAND, "工单 #12 办理中，不能评价"));
            assertThat(refused(closed().rate(COMPLAINANT, "不满意", at("2025-03-06T12:00+08:00"))))
                    .isEqualTo(new CommandOutcome.Refused(TicketRule.STATE_ALLOWS_COMMAND, "工单 #12 已结案，不能评价"));
        }
    }

    @Nested
    class Tiering {
        @Test
        void eachTierWordSetsItsHandlingPeriod() {
            // From Mon 03-03: 特殊 7 → Wed 03-12 is the 7th working day; 复杂 15 → Mon 03-24.
            Ticket special = ticketOf(open().setTier(CADRE, "特殊", at("2025-03-03T11:00+08:00")));
            assertThat(special.tier()).isEqualTo(Tier.SPECIAL);
            assertThat(TicketDeadlines.handlingDue(special, CALENDAR)).isEqualTo(at("2025-03-13T00:00+08:00"));
            Ticket complex = ticketOf(claimed().setTier(CADRE, " 复杂 ", at("2025-03-03T11:00+08:00")));
            assertThat(complex.tier()).isEqualTo(Tier.COMPLEX);
            assertThat(complex.state()).isEqualTo(TicketState.CLAIMED);
            assertThat(TicketDeadlines.handlingDue(complex, CALENDAR)).isEqualTo(at("2025-03-25T00:00+08:00"));
            CommandOutcome.Accepted general = accepted(complex.setTier(CADRE, "一般", at("2025-03-03T12:00+08:00")));
            assertThat(general.ticket().tier()).isEqualTo(Tier.GENERAL);
            assertThat(general.event().type()).isEqualTo(TicketEventType.TIER_SET);
            assertThat(general.event().detail()).isEqualTo("定级：一般（3 个工作日）");
        }

        @Test
        void anUnknownTierWordIsRefusedNamingTheAllowedOnes() {
            assertThat(refused(open().setTier(CADRE, "紧急", at("2025-03-03T11:00+08:00"))))
                    .isEqualTo(new CommandOutcome.Refused(TicketRule.KNOWN_TIER_WORD, "未知的定级「紧急」，可选：一般、特殊、复杂"));
        }

        @Test
        void aResolvedTicketIsNotTiered() {
            assertThat(refused(resolved().setTier(CADRE, "特殊", at("2025-03-05T11:00+08:00"))))
                    .isEqualTo(new CommandOutcome.Refused(TicketRule.STATE_ALLOWS_COMMAND, "工单 #12 已办结、待评价，不能定级"));
        }
    }

    @Nested
    class Urging {
        @Test
        void urgingIsCounted() {
            CommandOutcome.Accepted first = accepted(open().urge(COMPLAINANT, at("2025-03-03T12:00+08:00")));
            CommandOutcome.Accepted second = accepted(first.ticket().urge(NEIGHBOUR, at("2025-03-03T13:00+08:00")));
            assertThat(second.ticket().counts().urged()).isEqualTo(2);
            assertThat(second.ticket().state()).isEqualTo(TicketState.OPEN);
            assertThat(second.event().type()).isEqualTo(TicketEventType.URGED);
            assertThat(second.event().detail()).isEqualTo("催办（第 2 次）");
            assertThat(accepted(claimed().urge(COMPLAINANT, at("2025-03-03T12:00+08:00"))).ticket().counts().urged()).isEqualTo(1);
        }

        @Test
        void aResolvedOrEndedTicketIsNotUrged() {
            assertThat(refused(resolved().urge(COMPLAINANT, at("2025-03-05T11:00+08:00"))).reason())
                    .isEqualTo("工单 #12 已办结、待评价，不能催办");
            assertThat(refused(closed().urge(COMPLAINANT, at("2025-03-06T11:00+08:00"))).reason())
                    .isEqualTo("工单 #12 已结案，不能催办");
        }
    }

    @Nested
    class Merging {
        @Test
        void aDuplicateMergesIntoAnotherTicketOfTheVillage() {
            Instant now = at("2025-03-03T11:00+08:00");
            CommandOutcome.Accepted outcome = accepted(open().merge(CADRE, other(7), now));
            assertThat(outcome.ticket().state()).isEqualTo(TicketState.MERGED);
            assertThat(outcome.ticket().ending()).isEqualTo(new Ending.Merged(7, now));
            assertThat(outcome.event().type()).isEqualTo(TicketEventType.MERGED);
            assertThat(outcome.event().detail()).isEqualTo("合并到 #7");
            assertThat(accepted(claimed().merge(TOWN_DISCIPLINE, other(7), now)).ticket().state()).isEqualTo(TicketState.MERGED);
        }

        @Test
        void notIntoItself() {
            assertThat(refused(open().merge(CADRE, open(), at("2025-03-03T11:00+08:00"))))
                    .isEqualTo(new CommandOutcome.Refused(TicketRule.MERGE_TARGET_VALID, "工单 #12 不能合并到自身"));
        }

        @Test
        void notIntoAnotherVillagesTicket() {
            Ticket elsewhere = ticketOf(Ticket.register(8, TicketFixtures.NEIGHBOUR_VILLAGE, TicketFixtures.OUTSIDER.personId(),
                    TicketFixtures.OUTSIDER, MONDAY_MORNING));
            assertThat(refused(open().merge(CADRE, elsewhere, at("2025-03-03T11:00+08:00"))))
                    .isEqualTo(new CommandOutcome.Refused(TicketRule.MERGE_TARGET_VALID, "只能合并到同村的工单，工单 #8 属于其他村"));
        }

        @Test
        void notIntoAnEndedTicket() {
            Ticket ended = ticketOf(other(7).reject(TOWN_DISCIPLINE, "非平台受理事项", at("2025-03-03T10:00+08:00")));
            assertThat(refused(open().merge(CADRE, ended, at("2025-03-03T11:00+08:00"))))
                    .isEqualTo(new CommandOutcome.Refused(TicketRule.MERGE_TARGET_VALID, "工单 #7 已驳回，不能并入"));
        }

        @Test
        void aResolvedTicketIsNotMerged() {
            assertThat(refused(resolved().merge(CADRE, other(7), at("2025-03-05T11:00+08:00"))).rule())
                    .isEqualTo(TicketRule.STATE_ALLOWS_COMMAND);
        }
    }

    @Nested
    class Rejecting {
        @Test
        void rejectionEndsTheTicketWithItsReason() {
            Ticket atTown = ticketOf(open().escalate(CADRE, "涉及土地纠纷", at("2025-03-03T10:00+08:00")));
            Instant now = at("2025-03-03T11:00+08:00");
            CommandOutcome.Accepted outcome = accepted(atTown.reject(TOWN_OFFICER, " 属司法诉讼事项 ", now));
            assertThat(outcome.ticket().position()).isEqualTo(new TicketPosition(TicketState.REJECTED, RegionLevel.TOWN));
            assertThat(outcome.ticket().ending()).isEqualTo(new Ending.Rejected("属司法诉讼事项", now));
            assertThat(outcome.event().type()).isEqualTo(TicketEventType.REJECTED);
            assertThat(outcome.event().detail()).isEqualTo("驳回：属司法诉讼事项");
        }

        @Test
        void aReasonIsRequired() {
            assertThat(refused(open().reject(TOWN_DISCIPLINE, "", at("2025-03-03T11:00+08:00"))))
                    .isEqualTo(new CommandOutcome.Refused(TicketRule.TEXT_GIVEN, "驳回须写明理由"));
        }
    }

    @Nested
    class FinalStates {
        @Test
        void anEndedTicketRefusesEveryCommand() {
            Instant now = at("2025-03-06T10:00+08:00");
            Ticket closed = closed();
            assertThat(refused(closed.claim(CADRE, now))).isEqualTo(new CommandOutcome.Refused(TicketRule.STATE_ALLOWS_COMMAND, "工单 #12 已结案，不能认领"));
            assertThat(refused(closed.resolve(CADRE, "再办", now)).reason()).isEqualTo("工单 #12 已结案，不能办结");
            assertThat(refused(closed.escalate(CADRE, "再报", now)).reason()).isEqualTo("工单 #12 已结案，不能上报");
            assertThat(refused(closed.escalateOverdue(at("2025-04-01T10:00+08:00"), CALENDAR)).reason()).isEqualTo("工单 #12 已结案，不能超期上报");
            assertThat(refused(closed.setTier(CADRE, "特殊", now)).reason()).isEqualTo("工单 #12 已结案，不能定级");
            assertThat(refused(closed.merge(CADRE, other(7), now)).reason()).isEqualTo("工单 #12 已结案，不能合并");
            assertThat(refused(closed.reject(TOWN_DISCIPLINE, "无", now)).reason()).isEqualTo("工单 #12 已结案，不能驳回");
            assertThat(refused(closed.remindForRating(now, CALENDAR)).reason()).isEqualTo("工单 #12 已结案，不能再次请求评价");
            assertThat(refused(closed.closeUnrated(now, CALENDAR)).reason()).isEqualTo("工单 #12 已结案，不能按未评价结案");

            Ticket merged = ticketOf(open().merge(CADRE, other(7), now));
            assertThat(refused(merged.claim(CADRE, now)).reason()).isEqualTo("工单 #12 已合并，不能认领");
            Ticket rejected = ticketOf(open().reject(TOWN_DISCIPLINE, "无关事项", now));
            assertThat(refused(rejected.urge(COMPLAINANT, now)).reason()).isEqualTo("工单 #12 已驳回，不能催办");
        }

        @Test
        void commandsOutOfOrderAreRefused() {
            Instant now = at("2025-03-03T11:00+08:00");
            assertThat(refused(open().resolve(CADRE, "已办", now)).reason()).isEqualTo("工单 #12 待认领，不能办结");
            assertThat(refused(claimed().claim(CADRE, now)).reason()).isEqualTo("工单 #12 办理中，不能认领");
            assertThat(refused(resolved().claim(CADRE, now)).reason()).isEqualTo("工单 #12 已办结、待评价，不能认领");
            assertThat(refused(resolved().escalate(CADRE, "再报", now)).reason()).isEqualTo("工单 #12 已办结、待评价，不能上报");
            assertThat(refused(open().closeUnrated(now, CALENDAR)).reason()).isEqualTo("工单 #12 待认领，不能按未评价结案");
            assertThat(refused(claimed().remindForRating(now, CALENDAR)).reason()).isEqualTo("工单 #12 办理中，不能再次请求评价");
        }
    }

    @Test
    void everyAcceptedCommandLandsWhereTheTableSays() {
        // A walk through the table: each event's before/after positions are the table's from/to.
        Ticket t = open();
        t = assertTransition(t.setTier(CADRE, "特殊", at("2025-03-03T09:30+08:00")), TicketCommand.SET_TIER);
        t = assertTransition(t.urge(NEIGHBOUR, at("2025-03-03T09:40+08:00")), TicketCommand.URGE);
        t = assertTransition(t.claim(CADRE, at("2025-03-03T10:00+08:00")), TicketCommand.CLAIM);
        t = assertTransition(t.resolve(CADRE, "已办", at("2025-03-03T11:00+08:00")), TicketCommand.RESOLVE);
        t = assertTransition(t.rate(COMPLAINANT, "不满意", at("2025-03-03T12:00+08:00")), TicketCommand.RATE);
        t = assertTransition(t.escalate(CADRE, "超出村级权限", at("2025-03-03T13:00+08:00")), TicketCommand.ESCALATE);
        assertTransition(t.claim(TOWN_OFFICER, at("2025-03-03T14:00+08:00")), TicketCommand.CLAIM);
    }

    private static Ticket assertTransition(CommandOutcome outcome, TicketCommand command) {
        CommandOutcome.Accepted accepted = accepted(outcome);
        assertThat(command.from()).contains(accepted.event().before().state());
        assertThat(command.to()).contains(accepted.event().after().state());
        assertThat(accepted.event().after()).isEqualTo(accepted.ticket().position());
        return accepted.ticket();
    }
}
