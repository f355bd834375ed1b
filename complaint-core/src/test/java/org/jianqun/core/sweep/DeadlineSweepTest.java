package org.jianqun.core.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.core.sweep.SweepWorld.CADRE;
import static org.jianqun.core.sweep.SweepWorld.COUNTY;
import static org.jianqun.core.sweep.SweepWorld.TOWN;
import static org.jianqun.core.sweep.SweepWorld.VILLAGER;
import static org.jianqun.core.sweep.SweepWorld.done;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jianqun.core.audit.AuditRow;
import org.jianqun.core.audit.AuditTrail;
import org.jianqun.core.desk.DeadlineSweep.SweepReport;
import org.jianqun.core.desk.DeskCommand;
import org.jianqun.core.desk.Via;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.outbox.Audience;
import org.jianqun.core.outbox.OutboxMapper;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.ticket.TicketDeadlines;
import org.jianqun.core.ticket.TicketState;
import org.jianqun.core.ticket.WarningColour;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code DeadlineSweep.sweep} on a real database: what one pass does to due tickets, and that a second pass does nothing more. */
class DeadlineSweepTest {
    private static final SweepReport NOTHING = new SweepReport(0, 0, 0, 0, 0);
    private SweepWorld world;

    @BeforeEach
    void open() {
        world = SweepWorld.open();
    }

    @AfterEach
    void close() {
        world.close();
    }

    private void moveTo(Instant at) {
        world.clock.advance(Duration.between(world.clock.instant(), at));
    }

    @Test
    void anUnclaimedTicketClimbsOneLevelPerMissedDeadlineAndTurnsOrangeThenRed() {
        TicketRow ticket = world.register("村口路灯坏了一个月");
        long no = ticket.no();
        // Registered Monday 09:00: the claim deadline is the end of Tuesday (24:00 +08:00); yellow starts 24 h before it.
        Instant claimDue = Instant.parse("2026-03-03T16:00:00Z");
        assertThat(TicketDeadlines.claimDue(ticket.toTicket(), world.calendar)).isEqualTo(claimDue);
        assertThat(ticket.nextDueAt()).isEqualTo(claimDue.minus(Duration.ofDays(1)));
        assertThat(world.sweep.sweep(100)).as("nothing is due yet").isEqualTo(NOTHING);

        moveTo(Instant.parse("2026-03-03T02:00:00Z")); // Tuesday 10:00: less than a working day left
        assertThat(world.sweep.sweep(100)).isEqualTo(new SweepReport(1, 0, 0, 0, 1));
        assertThat(world.row(no).warning()).isEqualTo(WarningColour.YELLOW);
        assertThat(world.row(no).level()).isEqualTo(RegionLevel.VILLAGE);
        assertThat(world.row(no).nextDueAt()).isEqualTo(claimDue);

        moveTo(claimDue.plusSeconds(30)); // the next tick after the deadline
        assertThat(world.sweep.sweep(100)).isEqualTo(new SweepReport(1, 1, 0, 0, 1));
        TicketRow atTown = world.row(no);
        assertThat(atTown.state()).isEqualTo(TicketState.OPEN);
        assertThat(atTown.level()).isEqualTo(RegionLevel.TOWN);
        assertThat(atTown.overdueEscalations()).as("counted overdue (督办)").isEqualTo(1);
        assertThat(atTown.warning()).isEqualTo(WarningColour.ORANGE);
        assertThat(atTown.version()).isEqualTo(ticket.version() + 2);
        AuditRow escalation = world.audit(no).stream().filter(a -> a.type().equals("ESCALATED_OVERDUE")).findFirst().orElseThrow();
        assertThat(escalation.beforeState()).isEqualTo("OPEN@village");
        assertThat(escalation.afterState()).isEqualTo("OPEN@town");
        assertThat(escalation.actor()).isEqualTo("system:deadline-sweep");
        assertThat(escalation.channel()).isEqualTo("system");
        List<OutboxMapper.Pending> told = world.outbox(no, "ESCALATED_OVERDUE");
        assertThat(told).extracting(OutboxMapper.Pending::audience, OutboxMapper.Pending::target)
                .contains(org.assertj.core.groups.Tuple.tuple(Audience.LEVEL, TOWN),
                        org.assertj.core.groups.Tuple.tuple(Audience.GROUP, "bridge:" + SweepWorld.GROUP));

        int auditRows = world.audit(no).size();
        int outboxRows = world.outbox(no).size();
        assertThat(world.sweep.sweep(100)).as("swept again at once: nothing more").isEqualTo(NOTHING);
        assertThat(world.audit(no)).hasSize(auditRows);
        assertThat(world.outbox(no)).hasSize(outboxRows);

        // Arrived at the town Wednesday 00:00:30: its claim deadline is the end of Thursday.
        Instant townDue = Instant.parse("2026-03-05T16:00:00Z");
        assertThat(TicketDeadlines.claimDue(atTown.toTicket(), world.calendar)).isEqualTo(townDue);
        moveTo(townDue.plusSeconds(30));
        SweepReport second = world.sweep.sweep(100);
        assertThat(second.escalated()).isEqualTo(1);
        TicketRow atCounty = world.row(no);
        assertThat(atCounty.level()).isEqualTo(RegionLevel.COUNTY);
        assertThat(atCounty.overdueEscalations()).isEqualTo(2);
        assertThat(atCounty.warning()).as("overdue again at the higher level").isEqualTo(WarningColour.RED);
        assertThat(world.outbox(no)).filteredOn(m -> m.audience() == Audience.DISCIPLINE)
                .singleElement().satisfies(m -> {
                    assertThat(m.target()).isEqualTo(COUNTY);
                    assertThat(m.text()).contains("红色预警", "#" + no);
                });
        assertThat(world.outbox(no, "ESCALATED_OVERDUE")).extracting(OutboxMapper.Pending::target).contains(COUNTY);
        assertThat(world.sweep.sweep(100)).isEqualTo(NOTHING);

        // County, then city; at the city it cannot climb: it stays red and leaves the sweep's index.
        moveTo(TicketDeadlines.claimDue(atCounty.toTicket(), world.calendar).plusSeconds(30));
        assertThat(world.sweep.sweep(100).escalated()).isEqualTo(1);
        TicketRow atCity = world.row(no);
        assertThat(atCity.level()).isEqualTo(RegionLevel.CITY);
        moveTo(TicketDeadlines.claimDue(atCity.toTicket(), world.calendar).plusSeconds(30));
        assertThat(world.sweep.sweep(100)).isEqualTo(new SweepReport(1, 0, 0, 0, 0));
        assertThat(world.row(no).level()).isEqualTo(RegionLevel.CITY);
        assertThat(world.row(no).warning()).isEqualTo(WarningColour.RED);
        assertThat(world.row(no).nextDueAt()).isNull();
        world.clock.advance(Duration.ofDays(30));
        assertThat(world.sweep.sweep(100)).isEqualTo(NOTHING);

        assertThat(world.auditCountsByTicket("ESCALATED_OVERDUE")).containsEntry(no, 3L);
        assertThat(AuditTrail.verify(world.database()).ok()).isTrue();
    }

    @Test
    void aResolvedTicketIsFollowedUpAfterOneWorkingDayAndClosedUnratedAfterThree() {
        long no = world.register("垃圾三天没人清运").no();
        done(world.desk.execute(new DeskCommand.Claim(no), CADRE, Via.BRIDGE));
        world.clock.advance(Duration.ofHours(1));
        TicketRow resolved = done(world.desk.execute(new DeskCommand.Resolve(no, "已安排保洁员清运"), CADRE, Via.BRIDGE));
        assertThat(resolved.state()).isEqualTo(TicketState.RESOLVED);
        // Resolved Monday 10:00: follow-up at the end of Tuesday, unrated close at the end of Thursday.
        Instant followUp = Instant.parse("2026-03-03T16:00:00Z");
        Instant unratedClose = Instant.parse("2026-03-05T16:00:00Z");
        assertThat(world.row(no).nextDueAt()).isEqualTo(followUp);

        moveTo(followUp.minusSeconds(1));
        assertThat(world.sweep.sweep(100)).isEqualTo(NOTHING);
        moveTo(followUp.plusSeconds(30));
        assertThat(world.sweep.sweep(100)).isEqualTo(new SweepReport(1, 0, 1, 0, 0));
        TicketRow reminded = world.row(no);
        assertThat(reminded.state()).isEqualTo(TicketState.RESOLVED);
        assertThat(reminded.ratingReminded()).isTrue();
        assertThat(reminded.nextDueAt()).isEqualTo(unratedClose);
        assertThat(world.auditTypes(no)).containsOnlyOnce("RATING_REMINDED");
        assertThat(world.outbox(no, "RATING_REMINDED")).singleElement().satisfies(m -> {
            assertThat(m.audience()).isEqualTo(Audience.COMPLAINANT);
            assertThat(m.target()).isEqualTo(Long.toString(VILLAGER.personId()));
            assertThat(m.text()).contains("评价 #" + no);
        });
        assertThat(world.sweep.sweep(100)).as("the request is repeated once only").isEqualTo(NOTHING);

        moveTo(unratedClose.plusSeconds(30));
        assertThat(world.sweep.sweep(100)).isEqualTo(new SweepReport(1, 0, 0, 1, 0));
        TicketRow closed = world.row(no);
        assertThat(closed.state()).isEqualTo(TicketState.CLOSED);
        assertThat(closed.ending()).as("unrated, not satisfied").isEqualTo("UNRATED");
        assertThat(closed.nextDueAt()).isNull();
        assertThat(world.auditTypes(no)).containsOnlyOnce("RATING_REMINDED").endsWith("CLOSED");
        assertThat(world.outbox(no, "CLOSED")).singleElement().satisfies(m -> assertThat(m.text()).contains("未评价"));
        world.clock.advance(Duration.ofDays(30));
        assertThat(world.sweep.sweep(100)).isEqualTo(NOTHING);
    }

    @Test
    void aPassTakesAtMostItsLimitOldestFirstAndTheNextPassTakesTheRest() {
        List<TicketRow> tickets = world.register(7);
        moveTo(Instant.parse("2026-03-03T16:00:30Z"));
        assertThat(world.sweep.sweep(5)).isEqualTo(new SweepReport(5, 5, 0, 0, 5));
        assertThat(world.sweep.sweep(5)).isEqualTo(new SweepReport(2, 2, 0, 0, 2));
        assertThat(world.sweep.sweep(5)).isEqualTo(NOTHING);
        assertThat(world.auditCountsByTicket("ESCALATED_OVERDUE"))
                .containsOnlyKeys(tickets.stream().map(TicketRow::no).toList())
                .allSatisfy((no, count) -> assertThat(count).isEqualTo(1L));
    }
}
