package org.jianqun.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.disclosure.DisclosureFixture.DONGLING;
import static org.jianqun.disclosure.DisclosureFixture.SHANGYANG;
import static org.jianqun.disclosure.DisclosureFixture.XIXI;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Role;
import org.jianqun.core.disclosure.DisclosureMonth;
import org.jianqun.core.disclosure.JsonLines;
import org.jianqun.core.disclosure.missing.MissingDisclosures;
import org.jianqun.core.disclosure.patrol.MissingDisclosureSource;
import org.jianqun.core.disclosure.patrol.SmartWarningSource;
import org.jianqun.core.outbox.Audience;
import org.jianqun.core.outbox.OutboxMapper;
import org.jianqun.core.patrol.PatrolItem;
import org.jianqun.core.patrol.PatrolWindow;
import org.jianqun.core.ticket.WarningColour;
import org.junit.jupiter.api.Test;

/** A month nobody submitted turns yellow on the push day, orange after 3 working days, red after 7: then patrol and the town hear of it. */
class MissingDisclosuresTest {
    private static final DisclosureMonth MARCH = DisclosureMonth.parse("2026-03").orElseThrow();

    @Test
    void coloursFollowTheWorkingDayCalendarAndRedIsToldOnce() {
        try (DisclosureFixture f = new DisclosureFixture(Instant.parse("2026-04-01T02:00:00Z"), Map.of())) {
            MissingDisclosures missing = new MissingDisclosures(f.db.database(), f.core.calendar(), f.clock, 5);
            LocalDate push = MARCH.pushDate(5);
            LocalDate orange = missing.afterWorkingDays(push, 3);
            LocalDate red = missing.afterWorkingDays(push, 7);
            assertThat(missing.colour(MARCH, push.minusDays(1))).isEqualTo(WarningColour.NONE);
            assertThat(missing.colour(MARCH, push)).isEqualTo(WarningColour.YELLOW);
            assertThat(missing.colour(MARCH, orange.minusDays(1))).isEqualTo(WarningColour.YELLOW);
            assertThat(missing.colour(MARCH, orange)).isEqualTo(WarningColour.ORANGE);
            assertThat(missing.colour(MARCH, red.minusDays(1))).isEqualTo(WarningColour.ORANGE);
            assertThat(missing.colour(MARCH, red)).isEqualTo(WarningColour.RED);
            // 2026-04-05 is a Sunday within 清明 (4–6 April off): seven working days reach past a week.
            assertThat(red).isAfter(push.plusDays(8));

            DisclosureModule module = new DisclosureModule(f.core);
            var upload = module.desk().upload(new Actor(1, "东岭村报账员", Role.BOOKKEEPER, DONGLING), DONGLING, MARCH, 1, null,
                    ((JsonLines.Lines) JsonLines.parse(DisclosureFixture.donglingMarch("100"), MARCH)).lines());
            assertThat(upload).isInstanceOf(org.jianqun.core.disclosure.UploadOutcome.Accepted.class);

            f.clock.advance(Duration.between(f.clock.peek(), red.atStartOfDay(DisclosureMonth.ZONE).toInstant().plusSeconds(3600)));
            assertThat(missing.of(MARCH, "359901", missing.today()).stream().map(MissingDisclosures.Missing::villageCode))
                    .as("东岭村 submitted").containsExactly(SHANGYANG, XIXI);
            assertThat(missing.tellRed()).as("March's two, and February's three (nobody uploaded February)").isEqualTo(5);
            assertThat(missing.tellRed()).as("once per village and month").isZero();
            List<OutboxMapper.Pending> told = f.db.database().read(s -> s.getMapper(OutboxMapper.class).due(Instant.parse("2100-01-01T00:00:00Z"), 100))
                    .stream().filter(p -> p.eventType().equals(MissingDisclosures.EVENT) && p.text().contains("2026年3月")).toList();
            assertThat(told).extracting(OutboxMapper.Pending::audience).containsOnly(Audience.DISCIPLINE);
            assertThat(told).extracting(OutboxMapper.Pending::target).containsExactlyInAnyOrder("359901100", "359901101");
            assertThat(told.get(0).text()).contains("上洋村", "2026年3月", "未提交");

            Actor townJjw = new Actor(9, "东岭镇纪委干部", Role.DISCIPLINE_OFFICER, "359901100");
            PatrolWindow window = new PatrolWindow(townJjw, "359901100", red.minusDays(30).atStartOfDay(DisclosureMonth.ZONE).toInstant(),
                    red.plusDays(1).atStartOfDay(DisclosureMonth.ZONE).toInstant());
            List<PatrolItem> redItems = new MissingDisclosureSource(f.db.database(), missing).unreviewed(window, 10);
            assertThat(redItems).extracting(i -> i.key().text()).as("the town's villages only; February was never uploaded by anyone")
                    .containsExactlyInAnyOrder("missing_disclosure:" + SHANGYANG + "@2026-03", "missing_disclosure:" + SHANGYANG + "@2026-02",
                            "missing_disclosure:" + DONGLING + "@2026-02");
            List<PatrolItem> warnings = new SmartWarningSource(f.db.database()).unreviewed(window, 10);
            assertThat(warnings).extracting(PatrolItem::summary).anySatisfy(s -> assertThat(s).contains("智能预警·现金支付"));
            assertThat(new SmartWarningSource(f.db.database()).find(new Actor(10, "西溪镇纪委干部", Role.DISCIPLINE_OFFICER, "359901101"),
                    warnings.get(0).key())).as("another town's office does not see it").isEmpty();
        }
    }
}
