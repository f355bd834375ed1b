package org.jianqun.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.jianqun.core.calendar.HolidayDataException;
import org.jianqun.core.calendar.HolidayYear;
import org.jianqun.core.calendar.WorkingDayCalendar;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.desk.HolidayLoads;
import org.jianqun.core.persistence.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jianqun holidays load FILE}: loads a year's holiday notice (holiday-cn JSON; the year is the file's
 * {@code "year"}) into the configured database (or the embedded one in ./data, even while the platform runs),
 * exactly as {@code POST /api/v1/admin/holidays/{year}} does: checked, stored, every live ticket's deadline
 * recomputed here and each that moved audited. Running instances take the year in within 30 s.
 */
@Command(name = "holidays", description = "Load a year's holiday notice (holiday-cn JSON).", subcommands = HolidaysCommand.Load.class)
final class HolidaysCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }

    @Command(name = "load", description = "Load FILE (e.g. 2027.json); exit 0 when loaded, 1 when the file is refused.")
    static final class Load implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "the holiday-cn JSON file of one year")
        Path file;

        @Override
        public Integer call() throws IOException {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("FILE: " + file + " is not a readable file");
            }
            if (Files.size(file) > HolidayLoads.MAX_FILE_BYTES) {
                System.err.println(file + "：文件过大，一年的节假日安排不超过 " + HolidayLoads.MAX_FILE_BYTES + " 字节");
                return 1;
            }
            byte[] json = Files.readAllBytes(file);
            OptionalInt year = HolidayYear.declaredYear(json);
            if (year.isEmpty()) {
                System.err.println(file + "：不是含整数 \"year\" 的 holiday-cn JSON 文件");
                return 1;
            }
            JianqunConfig config = JianqunConfig.load(ConfigSource.fromEnvironment(System.getenv()));
            try (Database database = EmbeddedDatabase.openForCommand(config, 2)) {
                HolidayLoads holidays = new HolidayLoads(database, new WorkingDayCalendar(config.holidayDir().orElse(null)), config.clock());
                holidays.refresh();
                HolidayLoads.Loaded loaded = holidays.load(year.getAsInt(), json, "cli:" + System.getProperty("user.name", "operator"));
                System.out.printf("%d 年节假日安排已载入（%d 天）；在办工单 %d 件，期限调整 %d 件%n",
                        loaded.year(), loaded.days(), loaded.looked(), loaded.moved());
                return 0;
            } catch (HolidayDataException e) {
                System.err.println(file + "：" + e.getMessage());
                System.err.println("未载入");
                return 1;
            }
        }
    }
}
