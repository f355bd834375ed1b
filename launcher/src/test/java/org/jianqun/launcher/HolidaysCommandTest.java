package org.jianqun.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.desk.HolidayLoads;
import org.jianqun.core.persistence.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scripts/jianqun holidays load FILE} against the embedded database in JIANQUN_DATA_DIR. */
class HolidaysCommandTest {
    @Test
    void loadsAYearIntoTheDatabaseAndRefusesABadFileNamingWhatIsWrong(@TempDir Path dir) throws Exception {
        Path dataDir = Path.of(System.getenv().getOrDefault("JIANQUN_DATA_DIR", "data"));
        EmbeddedDatabase.reset(dataDir); // a database another build left here may be at another schema
        Path good = dir.resolve("2027.json");
        Files.writeString(good, "{\"year\":2027,\"days\":[{\"name\":\"元旦\",\"date\":\"2027-01-01\",\"isOffDay\":true}]}", StandardCharsets.UTF_8);
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"year\":2027,\"days\":[{\"date\":\"2028-01-01\",\"isOffDay\":true}]}", StandardCharsets.UTF_8);

        CommandRun refused = CommandRun.of("holidays", "load", bad.toString());
        CommandRun loaded = CommandRun.of("holidays", "load", good.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("days[0]", "2028-01-01 不在 2027 年内", "未载入");
        assertThat(loaded.exit()).as(loaded.err()).isZero();
        assertThat(loaded.out()).contains("2027 年节假日安排已载入（1 天）");

        // What a running instance would read on its next refresh.
        try (Database db = Database.open(EmbeddedDatabase.settings(dataDir), 1)) {
            WorkingDayCalendar calendar = WorkingDayCalendar.shipped();
            new HolidayLoads(db, calendar, Clock.systemUTC()).refresh();
            assertThat(calendar.hasNotice(2027)).isTrue();
        }
    }
}
