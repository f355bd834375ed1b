package org.jianqun.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expectations are derived by hand from the shipped holiday-cn files (src/main/resources/holidays),
 * each case spelling out which days count.
 */
class WorkingDayCalendarTest {
    private static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.shipped();

    private static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    private static ZonedDateTime deadline(String from, int workdays) {
        return CALENDAR.deadline(at(from), workdays);
    }

    private static boolean working(String date) {
        return CALENDAR.isWorkingDay(LocalDate.parse(date));
    }

    @Test
    void shipsTheYearsWithPublishedNotices() {
        // 2027.json is shipped but empty: not yet published, so no data.
        assertThat(CALENDAR.yearsWithData()).containsExactly(2024, 2025, 2026);
    }

    @Nested
    class Weekends {
        @Test
        void saturdayAndSundayAreOffAndWeekdaysWork() {
            assertThat(working("2025-03-01")).isFalse(); // Saturday
            assertThat(working("2025-03-02")).isFalse(); // Sunday
            assertThat(working("2025-03-03")).isTrue();  // Monday
            assertThat(working("2025-03-07")).isTrue();  // Friday
        }

        @Test
        void countingSkipsTheWeekend() {
            // Thu 2025-03-06 → Fri 03-07 (1), Sat/Sun off, Mon 03-10 (2), Tue 03-11 (3) → end of 03-11.
            assertThat(deadline("2025-03-06T15:00+08:00", 3)).isEqualTo(ZonedDateTime.parse("2025-03-12T00:00+08:00[Asia/Shanghai]"));
        }

        @Test
        void theDeadlineIsMidnightAtPlusEight() {
            ZonedDateTime due = deadline("2025-03-03T09:00+08:00", 1);
            assertThat(due.getOffset().getTotalSeconds()).isEqualTo(8 * 3600);
            assertThat(due.toInstant()).isEqualTo(at("2025-03-04T16:00Z"));
        }
    }

    @Nested
    class SpringFestival2025 {
        @Test
        void holidaysAndMakeUpDaysFollowTheNotice() {
            for (LocalDate d = LocalDate.parse("2025-01-28"); !d.isAfter(LocalDate.parse("2025-02-04")); d = d.plusDays(1)) {
                assertThat(CALENDAR.isWorkingDay(d)).as(d.toString()).isFalse();
            }
            assertThat(working("2025-01-26")).as("Sunday made a working day").isTrue();
            assertThat(working("2025-02-08")).as("Saturday made a working day").isTrue();
            assertThat(working("2025-01-27")).isTrue();
            assertThat(working("2025-02-05")).isTrue();
            assertThat(working("2025-02-09")).as("an ordinary Sunday").isFalse();
        }

        @Test
        void countingJumpsTheHoliday() {
            // From Mon 01-27: 01-28..02-04 off; Wed 02-05 (1), Thu 02-06 (2), Fri 02-07 (3).
            assertThat(deadline("2025-01-27T10:00+08:00", 3)).isEqualTo(ZonedDateTime.parse("2025-02-08T00:00+08:00[Asia/Shanghai]"));
            // ... Sat 02-08 is a make-up working day (4).
            assertThat(deadline("2025-01-27T10:00+08:00", 4)).isEqualTo(ZonedDateTime.parse("2025-02-09T00:00+08:00[Asia/Shanghai]"));
            // ... Sun 02-09 off, Mon 02-10 (5).
            assertThat(deadline("2025-01-27T10:00+08:00", 5)).isEqualTo(ZonedDateTime.parse("2025-02-11T00:00+08:00[Asia/Shanghai]"));
        }

        @Test
        void aMakeUpSundayCounts() {
            // From Fri 01-24: Sat 01-25 off, Sun 01-26 make-up (1) → end of Sunday.
            assertThat(deadline("2025-01-24T17:00+08:00", 1)).isEqualTo(ZonedDateTime.parse("2025-01-27T00:00+08:00[Asia/Shanghai]"));
        }
    }

    @Nested
    class NationalDay2025 {
        @Test
        void holidaysAndMakeUpDaysFollowTheNotice() {
            for (LocalDate d = LocalDate.parse("2025-10-01"); !d.isAfter(LocalDate.parse("2025-10-08")); d = d.plusDays(1)) {
                assertThat(CALENDAR.isWorkingDay(d)).as(d.toString()).isFalse();
            }
            assertThat(working("2025-09-28")).as("Sunday made a working day").isTrue();
            assertThat(working("2025-10-11")).as("Saturday made a working day").isTrue();
            assertThat(working("2025-10-09")).isTrue();
        }

        @Test
        void countingAroundTheHoliday() {
            // From Fri 09-26: Sat 09-27 off, Sun 09-28 make-up (1), Mon 09-29 (2), Tue 09-30 (3).
            assertThat(deadline("2025-09-26T11:00+08:00", 3)).isEqualTo(ZonedDateTime.parse("2025-10-01T00:00+08:00[Asia/Shanghai]"));
            // From Tue 09-30: 10-01..10-08 off; Thu 10-09 (1), Fri 10-10 (2), Sat 10-11 make-up (3).
            assertThat(deadline("2025-09-30T15:00+08:00", 1)).isEqualTo(ZonedDateTime.parse("2025-10-10T00:00+08:00[Asia/Shanghai]"));
            assertThat(deadline("2025-09-30T15:00+08:00", 3)).isEqualTo(ZonedDateTime.parse("2025-10-12T00:00+08:00[Asia/Shanghai]"));
        }
    }

    @Nested
    class SpringFestival2026 {
        // 2026.json: 02-14 (Sat) working, 02-15..02-23 off, 02-28 (Sat) working.
        @Test
        void holidaysAndMakeUpDaysFollowTheNotice() {
            for (LocalDate d = LocalDate.parse("2026-02-15"); !d.isAfter(LocalDate.parse("2026-02-23")); d = d.plusDays(1)) {
                assertThat(CALENDAR.isWorkingDay(d)).as(d.toString()).isFalse();
            }
            assertThat(working("2026-02-14")).as("Saturday made a working day").isTrue();
            assertThat(working("2026-02-28")).as("Saturday made a working day").isTrue();
            assertThat(working("2026-02-24")).isTrue();
            assertThat(working("2026-03-01")).as("an ordinary Sunday").isFalse();
        }

        @Test
        void countingAcrossTheHoliday() {
            // From Fri 02-13: Sat 02-14 make-up (1).
            assertThat(deadline("2026-02-13T10:00+08:00", 1)).isEqualTo(ZonedDateTime.parse("2026-02-15T00:00+08:00[Asia/Shanghai]"));
            // ... 02-15..02-23 off; Tue 02-24 (2), Wed 02-25 (3).
            assertThat(deadline("2026-02-13T10:00+08:00", 3)).isEqualTo(ZonedDateTime.parse("2026-02-26T00:00+08:00[Asia/Shanghai]"));
            // ... Thu 02-26 (4), Fri 02-27 (5), Sat 02-28 make-up (6), Sun 03-01 off, Mon 03-02 (7).
            assertThat(deadline("2026-02-13T10:00+08:00", 7)).isEqualTo(ZonedDateTime.parse("2026-03-03T00:00+08:00[Asia/Shanghai]"));
        }
    }

    @Nested
    class NationalDay2026 {
        // 2026.json: 09-20 (Sun) working, 09-25..09-27 off (中秋), 10-01..10-07 off, 10-10 (Sat) working.
        @Test
        void holidaysAndMakeUpDaysFollowTheNotice() {
            assertThat(working("2026-09-20")).as("Sunday made a working day").isTrue();
            assertThat(working("2026-09-25")).as("Mid-Autumn, a Friday").isFalse();
            for (LocalDate d = LocalDate.parse("2026-10-01"); !d.isAfter(LocalDate.parse("2026-10-07")); d = d.plusDays(1)) {
                assertThat(CALENDAR.isWorkingDay(d)).as(d.toString()).isFalse();
            }
            assertThat(working("2026-10-08")).isTrue();
            assertThat(working("2026-10-10")).as("Saturday made a working day").isTrue();
            assertThat(working("2026-10-11")).as("an ordinary Sunday").isFalse();
        }

        @Test
        void countingAroundTheHolidays() {
            // From Fri 09-18: Sat 09-19 off, Sun 09-20 make-up (1), Mon 09-21 (2), Tue 09-22 (3).
            assertThat(deadline("2026-09-18T10:00+08:00", 3)).isEqualTo(ZonedDateTime.parse("2026-09-23T00:00+08:00[Asia/Shanghai]"));
            // From Thu 09-24: 09-25..09-27 off, Mon 09-28 (1), Tue 09-29 (2), Wed 09-30 (3).
            assertThat(deadline("2026-09-24T10:00+08:00", 1)).isEqualTo(ZonedDateTime.parse("2026-09-29T00:00+08:00[Asia/Shanghai]"));
            assertThat(deadline("2026-09-24T10:00+08:00", 3)).isEqualTo(ZonedDateTime.parse("2026-10-01T00:00+08:00[Asia/Shanghai]"));
            // From Wed 09-30, 复杂 15: 10-01..07 off; 10-08 (1), 10-09 (2), Sat 10-10 (3), Sun off,
            // 10-12..16 (4..8), 10-19..23 (9..13), Mon 10-26 (14), Tue 10-27 (15).
            assertThat(deadline("2026-09-30T10:00+08:00", 15)).isEqualTo(ZonedDateTime.parse("2026-10-28T00:00+08:00[Asia/Shanghai]"));
        }
    }

    @Nested
    class TheStartDayNeverCounts {
        @Test
        void startingOnAHolidayCountsFromTheNextWorkingDay() {
            // Fri 2025-10-03 is a holiday; the first working day after it is Thu 10-09.
            assertThat(deadline("2025-10-03T09:00+08:00", 1)).isEqualTo(ZonedDateTime.parse("2025-10-10T00:00+08:00[Asia/Shanghai]"));
            // Sun 2025-03-02 → Mon 03-03.
            assertThat(deadline("2025-03-02T09:00+08:00", 1)).isEqualTo(ZonedDateTime.parse("2025-03-04T00:00+08:00[Asia/Shanghai]"));
        }

        @Test
        void startingLateOnAWorkingDayStillCountsFromTheNextOne() {
            // Mon 2025-03-03 23:59:59 → Tue 03-04 (1).
            assertThat(deadline("2025-03-03T23:59:59+08:00", 1)).isEqualTo(ZonedDateTime.parse("2025-03-05T00:00+08:00[Asia/Shanghai]"));
            // The same as the morning: the time within the start day does not matter.
            assertThat(deadline("2025-03-03T00:00+08:00", 1)).isEqualTo(ZonedDateTime.parse("2025-03-05T00:00+08:00[Asia/Shanghai]"));
        }

        @Test
        void theStartDayIsTakenInShanghaiNotUtc() {
            // 2025-03-03T16:30Z is Tue 03-04 00:30 in Shanghai: counting starts Wed 03-05.
            assertThat(CALENDAR.deadline(at("2025-03-03T16:30:00Z"), 1))
                    .isEqualTo(ZonedDateTime.parse("2025-03-06T00:00+08:00[Asia/Shanghai]"));
        }
    }

    @Nested
    class YearsWithoutANotice {
        @Test
        void aDeadlineCrossingInto2027CountsTheWeekendsAloneAndIsProvisional() {
            // From Mon 2026-12-28: 12-29 (1), 12-30 (2), 12-31 (3); 2027 has no notice: Fri 01-01 (4), Mon 01-04 (5).
            Instant from = at("2026-12-28T10:00+08:00");
            ZonedDateTime due = CALENDAR.deadline(from, 5);
            assertThat(due).isEqualTo(ZonedDateTime.parse("2027-01-05T00:00+08:00[Asia/Shanghai]"));
            assertThat(CALENDAR.provisional(from, due.toInstant())).isTrue();
        }

        @Test
        void aDeadlineEndingOnNewYearsEveNeedsNothingOf2027() {
            // 12-29, 12-30, 12-31 count; 24:00 of 12-31 is 2027-01-01 00:00, and no 2027 date was asked.
            Instant from = at("2026-12-28T10:00+08:00");
            assertThat(deadline("2026-12-28T10:00+08:00", 3)).isEqualTo(ZonedDateTime.parse("2027-01-01T00:00+08:00[Asia/Shanghai]"));
            assertThat(CALENDAR.provisional(from, at("2027-01-01T00:00+08:00"))).isFalse();
            // Started on New Year's Eve, counting starts in 2027.
            assertThat(CALENDAR.provisional(at("2026-12-31T10:00+08:00"), at("2027-01-02T00:00+08:00"))).isTrue();
        }

        @Test
        void anEmptyNoticeOrAMissingFileFollowsTheWeek() {
            assertThat(working("2027-03-01")).as("Monday, 2027 empty").isTrue();
            assertThat(working("2027-01-02")).as("Saturday").isFalse();
            assertThat(working("2031-03-03")).as("Monday, no file").isTrue();
        }

        @Test
        void theYellowTestCountsTheWeekendRuleToo() {
            // Thu 12-31 10:00 to the end of Mon 2027-01-04: 14 h + Fri 24 h + Mon 24 h.
            assertThat(CALENDAR.workingTimeLeft(at("2026-12-31T10:00+08:00"), at("2027-01-05T00:00+08:00"))).isEqualTo(Duration.ofHours(62));
        }

        @Test
        void fromTheFirstOfNovemberNextYearsMissingNoticeIsNamed() {
            assertThat(CALENDAR.missingNextYear(at("2026-10-31T23:59+08:00"))).isEmpty();
            assertThat(CALENDAR.missingNextYear(at("2026-11-01T00:00+08:00"))).hasValue(2027);
            assertThat(CALENDAR.missingNextYear(at("2026-12-31T23:00+08:00"))).hasValue(2027);
            assertThat(CALENDAR.missingNextYear(at("2025-11-15T10:00+08:00"))).as("2026 is shipped").isEmpty();
        }

        @Test
        void publishingAYearChangesTheCalendarAtOnceAndASnapshotKeepsWhatWas() {
            WorkingDayCalendar calendar = WorkingDayCalendar.shipped();
            WorkingDayCalendar before = calendar.snapshot();
            calendar.publish(HolidayYear.parse("{\"year\":2027,\"days\":[{\"date\":\"2027-01-01\",\"isOffDay\":true}]}"
                    .getBytes(StandardCharsets.UTF_8), "test", 2027));
            Instant from = at("2026-12-28T10:00+08:00");
            assertThat(calendar.deadline(from, 5)).isEqualTo(ZonedDateTime.parse("2027-01-06T00:00+08:00[Asia/Shanghai]"));
            assertThat(calendar.provisional(from, at("2027-01-06T00:00+08:00"))).isFalse();
            assertThat(calendar.missingNextYear(at("2026-11-01T00:00+08:00"))).isEmpty();
            assertThat(before.deadline(from, 5)).isEqualTo(ZonedDateTime.parse("2027-01-05T00:00+08:00[Asia/Shanghai]"));
        }
    }

    @Test
    void workdaysMustBeOneToSixty() {
        assertThatThrownBy(() -> deadline("2025-03-03T10:00+08:00", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("workdays must be between 1 and 60, was 0");
        assertThatThrownBy(() -> deadline("2025-03-03T10:00+08:00", 61))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("workdays must be between 1 and 60, was 61");
        // 60 working days from Mon 2025-03-03, through 清明 and 劳动节 (and its make-up Sunday 04-27).
        assertThat(deadline("2025-03-03T10:00+08:00", 60)).isEqualTo(ZonedDateTime.parse("2025-05-30T00:00+08:00[Asia/Shanghai]"));
    }

    @Nested
    class WorkingTimeLeft {
        @Test
        void onlyWorkingDaysCount() {
            // Due at the end of Mon 2025-03-10: Fri 03-07 noon leaves 12h of Friday + 24h of Monday.
            Instant due = at("2025-03-11T00:00+08:00");
            assertThat(CALENDAR.workingTimeLeft(at("2025-03-07T12:00+08:00"), due)).isEqualTo(Duration.ofHours(36));
            assertThat(CALENDAR.lessThanOneWorkingDayLeft(at("2025-03-07T12:00+08:00"), due)).isFalse();
            // On Saturday only Monday is left: exactly one working day, not less.
            assertThat(CALENDAR.workingTimeLeft(at("2025-03-08T12:00+08:00"), due)).isEqualTo(Duration.ofHours(24));
            assertThat(CALENDAR.lessThanOneWorkingDayLeft(at("2025-03-08T12:00+08:00"), due)).isFalse();
            // Monday 08:00: 16 hours.
            assertThat(CALENDAR.lessThanOneWorkingDayLeft(at("2025-03-10T08:00+08:00"), due)).isTrue();
        }

        @Test
        void aHolidayDoesNotUseUpTheTimeLeft() {
            // Claim deadline from Mon 2025-01-27: the holiday, then Wed 02-05 → due 02-06 00:00.
            Instant due = deadline("2025-01-27T10:00+08:00", 1).toInstant();
            assertThat(due).isEqualTo(at("2025-02-06T00:00+08:00"));
            assertThat(CALENDAR.lessThanOneWorkingDayLeft(at("2025-01-30T10:00+08:00"), due)).isFalse();
            assertThat(CALENDAR.lessThanOneWorkingDayLeft(at("2025-02-05T00:00:01+08:00"), due)).isTrue();
        }

        @Test
        void aroundTheLastHourOfAHandlingPeriod() {
            // 一般 from Mon 2025-01-27 → due 02-08 00:00 (Fri 02-07 is the third working day).
            Instant due = at("2025-02-08T00:00+08:00");
            assertThat(CALENDAR.workingTimeLeft(at("2025-02-06T23:00+08:00"), due)).isEqualTo(Duration.ofHours(25));
            assertThat(CALENDAR.lessThanOneWorkingDayLeft(at("2025-02-06T23:00+08:00"), due)).isFalse();
            assertThat(CALENDAR.lessThanOneWorkingDayLeft(at("2025-02-07T01:00+08:00"), due)).isTrue();
        }

        @Test
        void nothingIsLeftAfterTheDeadline() {
            Instant due = at("2025-03-11T00:00+08:00");
            assertThat(CALENDAR.workingTimeLeft(at("2025-03-12T09:00+08:00"), due)).isEqualTo(Duration.ZERO);
            assertThat(CALENDAR.workingTimeLeft(due, due)).isEqualTo(Duration.ZERO);
            assertThat(CALENDAR.lessThanOneWorkingDayLeft(at("2025-03-12T09:00+08:00"), due)).isTrue();
        }
    }

    @Nested
    class OperatorDirectory {
        @TempDir
        Path dir;

        private void write(String name, String json) throws IOException {
            Files.writeString(dir.resolve(name), json, StandardCharsets.UTF_8);
        }

        @Test
        void aFileReplacesTheShippedYear() throws IOException {
            // Pretend a notice made Mon 2025-03-03 a holiday; nothing else of 2025 is named any more.
            write("2025.json", "{\"year\":2025,\"papers\":[],\"days\":[{\"name\":\"测试\",\"date\":\"2025-03-03\",\"isOffDay\":true}]}");
            WorkingDayCalendar calendar = new WorkingDayCalendar(dir);
            assertThat(calendar.isWorkingDay(LocalDate.parse("2025-03-03"))).isFalse();
            assertThat(calendar.isWorkingDay(LocalDate.parse("2025-10-01"))).as("replaced, not merged").isTrue();
            assertThat(calendar.isWorkingDay(LocalDate.parse("2026-02-16"))).as("other years stay shipped").isFalse();
        }

        @Test
        void aFileAddsAYearSoA2027DeadlineWorks() throws IOException {
            write("2027.json", "{\"year\":2027,\"days\":[{\"date\":\"2027-01-01\",\"isOffDay\":true}]}");
            WorkingDayCalendar calendar = new WorkingDayCalendar(dir);
            // From Mon 2026-12-28: 12-29, 12-30, 12-31 (3), 2027-01-01 off, Sat/Sun off, Mon 01-04 (4), Tue 01-05 (5).
            assertThat(calendar.deadline(at("2026-12-28T10:00+08:00"), 5))
                    .isEqualTo(ZonedDateTime.parse("2027-01-06T00:00+08:00[Asia/Shanghai]"));
            assertThat(calendar.yearsWithData()).containsExactly(2024, 2025, 2026, 2027);
        }

        @Test
        void anEmptyOverrideWithdrawsAYear() throws IOException {
            write("2026.json", "{\"year\":2026,\"days\":[]}");
            WorkingDayCalendar calendar = new WorkingDayCalendar(dir);
            // Mon 2026-05-04 is 劳动节 in the shipped notice; withdrawn, the weekend rule alone makes it a working day.
            assertThat(calendar.isWorkingDay(LocalDate.parse("2026-05-04"))).isTrue();
            assertThat(calendar.provisional(at("2026-05-03T10:00+08:00"), at("2026-05-05T00:00+08:00"))).isTrue();
        }

        @Test
        void aMalformedFileIsAnErrorNamingIt() throws IOException {
            write("2027.json", "{\"year\":2027,\"days\":[{\"date\":\"2027-13-01\",\"isOffDay\":true}]}");
            assertThatThrownBy(() -> new WorkingDayCalendar(dir))
                    .isInstanceOf(HolidayDataException.class).hasMessageContaining("2027.json").hasMessageContaining("2027-13-01");
        }

        @Test
        void invalidJsonIsAnErrorNamingTheFile() throws IOException {
            write("2027.json", "{\"year\":2027,\"days\":[");
            assertThatThrownBy(() -> new WorkingDayCalendar(dir))
                    .isInstanceOf(HolidayDataException.class).hasMessageContaining("2027.json").hasMessageContaining("不是有效的 JSON");
        }

        @Test
        void aYearThatDisagreesWithTheFileNameIsAnError() throws IOException {
            write("2027.json", "{\"year\":2028,\"days\":[]}");
            assertThatThrownBy(() -> new WorkingDayCalendar(dir))
                    .isInstanceOf(HolidayDataException.class).hasMessageContaining("2027.json").hasMessageContaining("\"year\" 应为 2027");
        }

        @Test
        void aDateOutsideTheYearIsAnError() throws IOException {
            write("2027.json", "{\"year\":2027,\"days\":[{\"date\":\"2026-12-31\",\"isOffDay\":true}]}");
            assertThatThrownBy(() -> new WorkingDayCalendar(dir))
                    .isInstanceOf(HolidayDataException.class).hasMessageContaining("days[0]").hasMessageContaining("不在 2027 年内");
        }

        @Test
        void aMissingOffDayFlagIsAnError() throws IOException {
            write("2027.json", "{\"year\":2027,\"days\":[{\"date\":\"2027-01-01\",\"isOffDay\":\"yes\"}]}");
            assertThatThrownBy(() -> new WorkingDayCalendar(dir))
                    .isInstanceOf(HolidayDataException.class).hasMessageContaining("2027.json: days[0]").hasMessageContaining("isOffDay");
        }

        @Test
        void aWronglyNamedFileIsAnError() throws IOException {
            write("holidays-2027.json", "{\"year\":2027,\"days\":[]}");
            assertThatThrownBy(() -> new WorkingDayCalendar(dir))
                    .isInstanceOf(HolidayDataException.class).hasMessageContaining("holidays-2027.json");
        }

        @Test
        void aMissingDirectoryIsAnError() {
            Path missing = dir.resolve("nope");
            assertThatThrownBy(() -> new WorkingDayCalendar(missing))
                    .isInstanceOf(HolidayDataException.class).hasMessageContaining(missing.toString());
        }
    }
}
