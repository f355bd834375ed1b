package org.jianqun.core.disclosure.missing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.disclosure.DisclosureMonth;
import org.jianqun.core.outbox.Audience;
import org.jianqun.core.outbox.Outbox;
import org.jianqun.core.outbox.OutboxMessage;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.ticket.WarningColour;

/**
 * Villages with nothing submitted for a month by its push day, coloured on the working-day calendar: yellow
 * from the push day, orange from the 3rd working day after it, red from the 7th (DESIGN.md "Disclosure"). A red
 * one enters the patrol queue ({@link MissingDisclosureSource}) and the town's discipline group hears of it once
 * ({@link #tellRed}, one delivery request per village and month).
 */
public final class MissingDisclosures {
    public static final int ORANGE_AFTER = 3;
    public static final int RED_AFTER = 7;
    public static final String EVENT = "DISCLOSURE_MISSING";
    static final int MAX_VILLAGES = 20_000;

    private final Database database;
    private final WorkingDayCalendar calendar;
    private final Clock clock;
    private final int pushDay;

    public MissingDisclosures(Database database, WorkingDayCalendar calendar, Clock clock, int pushDay) {
        this.database = Objects.requireNonNull(database, "database");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.pushDay = pushDay;
        database.addMapper(Rows.class);
    }

    public interface Rows {
        record Village(String code, String name) {
        }

        @Select("SELECT r.code, r.name FROM region r WHERE r.level = 'VILLAGE' AND r.code LIKE CONCAT(#{scope}, '%') "
                + "AND NOT EXISTS (SELECT 1 FROM disclosure d WHERE d.village_code = r.code AND d.disclosure_month = #{month}) ORDER BY r.code LIMIT #{limit}")
        List<Village> without(@Param("month") String month, @Param("scope") String scope, @Param("limit") int limit);
    }

    /** A village missing a month, its colour today and the day it turned red (or will). */
    public record Missing(String villageCode, String villageName, DisclosureMonth month, WarningColour colour, LocalDate pushDate,
                          LocalDate orangeFrom, LocalDate redFrom) {
        /** When it turned red: the start of its red day, Beijing time. */
        public Instant redAt() {
            return redFrom.atStartOfDay(DisclosureMonth.ZONE).toInstant();
        }
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), DisclosureMonth.ZONE);
    }

    /** The colour of a month missing on {@code day}: none before its push day. */
    public WarningColour colour(DisclosureMonth month, LocalDate day) {
        LocalDate push = month.pushDate(pushDay);
        if (day.isBefore(push)) {
            return WarningColour.NONE;
        }
        if (!day.isBefore(afterWorkingDays(push, RED_AFTER))) {
            return WarningColour.RED;
        }
        return day.isBefore(afterWorkingDays(push, ORANGE_AFTER)) ? WarningColour.YELLOW : WarningColour.ORANGE;
    }

    /** The villages of {@code scope} missing {@code month} as of {@code day}, coloured; empty before its push day. */
    public List<Missing> of(DisclosureMonth month, String scope, LocalDate day) {
        LocalDate push = month.pushDate(pushDay);
        if (day.isBefore(push)) {
            return List.of();
        }
        WarningColour colour = colour(month, day);
        LocalDate orange = afterWorkingDays(push, ORANGE_AFTER);
        LocalDate red = afterWorkingDays(push, RED_AFTER);
        List<Missing> missing = new ArrayList<>();
        database.read(s -> s.getMapper(Rows.class).without(month.wire(), scope == null ? "" : scope, MAX_VILLAGES))
                .forEach(v -> missing.add(new Missing(v.code(), v.name(), month, colour, push, orange, red)));
        return missing;
    }

    /** The months whose missing villages may be red now: the last two before today's. */
    public List<DisclosureMonth> recentMonths() {
        DisclosureMonth last = new DisclosureMonth(java.time.YearMonth.from(today()).minusMonths(1));
        return List.of(new DisclosureMonth(last.month().minusMonths(1)), last);
    }

    /**
     * Tells each red village's town discipline group, once per (village, month): the request is keyed, so a
     * pass run again (or by two instances) asks nothing twice. How many were newly requested.
     */
    public int tellRed() {
        Instant now = clock.instant();
        int told = 0;
        for (DisclosureMonth month : recentMonths()) {
            for (Missing m : of(month, "", today())) {
                if (m.colour() != WarningColour.RED) {
                    continue;
                }
                String text = "【三务公开未提交】" + m.villageName() + " " + month.label() + "的三务公开至今未提交（推送日 " + m.pushDate()
                        + "，已超过 " + RED_AFTER + " 个工作日），已列入网巡。";
                boolean asked = database.inTransaction(s -> Outbox.requestOnce(s, now, key(m), EVENT,
                        new OutboxMessage(Audience.DISCIPLINE, m.villageCode().substring(0, 9), text)));
                told += asked ? 1 : 0;
            }
        }
        return told;
    }

    static String key(Missing m) {
        return "missing:" + m.villageCode() + ":" + m.month().wire();
    }

    /** The date {@code n} working days after {@code from} (from itself not counted). */
    public LocalDate afterWorkingDays(LocalDate from, int n) {
        LocalDate day = from;
        int counted = 0;
        while (counted < n) {
            day = day.plusDays(1);
            if (calendar.isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    public Optional<Missing> find(String villageCode, DisclosureMonth month) {
        return of(month, villageCode, today()).stream().filter(m -> m.villageCode().equals(villageCode)).findFirst();
    }
}
