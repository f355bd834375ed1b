package org.jianqun.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Role;
import org.jianqun.core.calendar.WorkingDayCalendar;

/** A small county for the ticket tests: one city, two counties, two towns, three villages. */
final class TicketFixtures {
    static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.shipped();

    static final String CITY = "3505";
    static final String COUNTY = "350521";
    static final String OTHER_COUNTY = "350522";
    static final String TOWN = "350521100";
    static final String OTHER_TOWN = "350521101";
    static final String VILLAGE = "350521100201";
    static final String NEIGHBOUR_VILLAGE = "350521100202";

    static final Actor COMPLAINANT = new Actor(1, "王大爷", Role.VILLAGER, VILLAGE);
    static final Actor NEIGHBOUR = new Actor(2, "李婶", Role.VILLAGER, VILLAGE);
    static final Actor OUTSIDER = new Actor(3, "张三", Role.VILLAGER, NEIGHBOUR_VILLAGE);
    static final Actor CADRE = new Actor(10, "陈主任", Role.VILLAGE_CADRE, VILLAGE);
    static final Actor NEIGHBOUR_CADRE = new Actor(11, "林主任", Role.VILLAGE_CADRE, NEIGHBOUR_VILLAGE);
    static final Actor BOOKKEEPER = new Actor(12, "黄会计", Role.BOOKKEEPER, VILLAGE);
    static final Actor RESIDENT_CADRE = new Actor(13, "郑驻村", Role.RESIDENT_CADRE, TOWN);
    static final Actor TOWN_OFFICER = new Actor(20, "镇干部", Role.TOWN_OFFICER, TOWN);
    static final Actor OTHER_TOWN_OFFICER = new Actor(21, "邻镇干部", Role.TOWN_OFFICER, OTHER_TOWN);
    static final Actor COUNTY_OFFICER = new Actor(30, "县干部", Role.COUNTY_OFFICER, COUNTY);
    static final Actor OTHER_COUNTY_OFFICER = new Actor(31, "邻县干部", Role.COUNTY_OFFICER, OTHER_COUNTY);
    static final Actor CITY_OFFICER = new Actor(40, "市干部", Role.CITY_OFFICER, CITY);
    static final Actor TOWN_DISCIPLINE = new Actor(50, "镇纪委", Role.DISCIPLINE_OFFICER, TOWN);
    static final Actor COUNTY_DISCIPLINE = new Actor(51, "县纪委", Role.DISCIPLINE_OFFICER, COUNTY);
    static final Actor ADMIN = new Actor(99, "管理员", Role.ADMIN, null);

    /** Monday 2025-03-03 09:00 in Shanghai: claim due end of Tue 03-04, 一般 handling due end of Thu 03-06. */
    static final Instant MONDAY_MORNING = at("2025-03-03T09:00+08:00");

    private TicketFixtures() {
    }

    static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    static CommandOutcome.Accepted accepted(CommandOutcome outcome) {
        assertThat(outcome).isInstanceOf(CommandOutcome.Accepted.class);
        return (CommandOutcome.Accepted) outcome;
    }

    static Ticket ticketOf(CommandOutcome outcome) {
        return accepted(outcome).ticket();
    }

    static CommandOutcome.Refused refused(CommandOutcome outcome) {
        assertThat(outcome).isInstanceOf(CommandOutcome.Refused.class);
        return (CommandOutcome.Refused) outcome;
    }

    /** Ticket #12 of VILLAGE, raised by COMPLAINANT on Monday morning. */
    static Ticket open() {
        return openAt(MONDAY_MORNING);
    }

    static Ticket openAt(Instant at) {
        return ticketOf(Ticket.register(12, VILLAGE, COMPLAINANT.personId(), COMPLAINANT, at));
    }

    static Ticket claimed() {
        return ticketOf(open().claim(CADRE, at("2025-03-03T10:00+08:00")));
    }

    /** Resolved on Wed 2025-03-05 10:00. */
    static Ticket resolved() {
        return ticketOf(claimed().resolve(CADRE, "已修好路灯", at("2025-03-05T10:00+08:00")));
    }

    static Ticket closed() {
        return ticketOf(resolved().rate(COMPLAINANT, "满意", at("2025-03-05T12:00+08:00")));
    }

    /** Ticket {@code no}, OPEN at village level, of VILLAGE. */
    static Ticket other(long no) {
        return ticketOf(Ticket.register(no, VILLAGE, NEIGHBOUR.personId(), NEIGHBOUR, MONDAY_MORNING));
    }
}
