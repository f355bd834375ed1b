package org.jianqun.core.calendar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads holiday notices in holiday-cn's format ({@code {"year":2026,"days":[{"date":"2026-02-15",
 * "isOffDay":true},...]}}) from the classpath ({@code holidays/<year>.json}, shipped with the jar)
 * and then from an optional operator directory whose {@code <year>.json} files replace or add
 * years, so a newly published notice needs no rebuild. Everything is read eagerly: a malformed file
 * stops start-up with its name instead of surfacing months later in a deadline.
 */
final class HolidayFiles {
    static final String CLASSPATH_FOLDER = "holidays/";
    private static final Pattern FILE_NAME = Pattern.compile("(\\d{4})\\.json");
    // A jar cannot be listed portably, so the shipped years are found by probing this range.
    private static final int FIRST_PROBED_YEAR = 2000;
    private static final int LAST_PROBED_YEAR = 2099;
    private static final ObjectMapper JSON = new ObjectMapper();

    private HolidayFiles() {
    }

    /** Years by number; a later source (the operator directory) replaces an earlier one. */
    static Map<Integer, HolidayYear> load(Path operatorDirectory) {
        Map<Integer, HolidayYear> years = new TreeMap<>();
        ClassLoader loader = HolidayFiles.class.getClassLoader();
        for (int year = FIRST_PROBED_YEAR; year <= LAST_PROBED_YEAR; year++) {
            URL resource = loader.getResource(CLASSPATH_FOLDER + year + ".json");
            if (resource != null) {
                String source = "classpath:" + CLASSPATH_FOLDER + year + ".json";
                try (InputStream in = resource.openStream()) {
                    years.put(year, parse(in, source, year));
                } catch (IOException e) {
                    throw new HolidayDataException(source + ": cannot be read: " + e.getMessage(), e);
                }
            }
        }
        if (operatorDirectory != null) {
            years.putAll(fromDirectory(operatorDirectory));
        }
        return years;
    }

    private static Map<Integer, HolidayYear> fromDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            // A mistyped path must not silently fall back to the shipped data.
            throw new HolidayDataException("holiday directory " + directory + " does not exist or is not a directory");
        }
        Map<Integer, HolidayYear> years = new HashMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
            for (Path file : files) {
                Matcher name = FILE_NAME.matcher(file.getFileName().toString());
                if (!name.matches()) {
                    throw new HolidayDataException(file + ": a holiday file must be named <year>.json, e.g. 2027.json");
                }
                int year = Integer.parseInt(name.group(1));
                try (InputStream in = Files.newInputStream(file)) {
                    years.put(year, parse(in, file.toString(), year));
                }
            }
        } catch (IOException e) {
            throw new HolidayDataException("holiday directory " + directory + " cannot be read: " + e.getMessage(), e);
        }
        return years;
    }

    static OptionalInt declaredYear(byte[] json) {
        try {
            JsonNode year = JSON.readTree(json).get("year");
            return year != null && year.isInt() ? OptionalInt.of(year.intValue()) : OptionalInt.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    static HolidayYear parse(InputStream in, String source, int expectedYear) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new HolidayDataException(source + "：不是有效的 JSON：" + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new HolidayDataException(source + "：应为含 \"year\" 和 \"days\" 的 JSON 对象");
        }
        JsonNode year = root.get("year");
        if (year == null || !year.isInt() || year.intValue() != expectedYear) {
            throw new HolidayDataException(source + "：\"year\" 应为 " + expectedYear + "（与文件名或地址中的年份一致）");
        }
        JsonNode days = root.get("days");
        if (days == null || !days.isArray()) {
            throw new HolidayDataException(source + "：\"days\" 应为列表（通知未发布时为空列表）");
        }
        Map<LocalDate, Boolean> offByDate = new HashMap<>();
        for (int i = 0; i < days.size(); i++) {
            JsonNode day = days.get(i);
            String where = source + ": days[" + i + "]";
            JsonNode date = day.get("date");
            JsonNode off = day.get("isOffDay");
            if (date == null || !date.isTextual()) {
                throw new HolidayDataException(where + "：\"date\" 应为形如 \"" + expectedYear + "-10-01\" 的日期文字");
            }
            if (off == null || !off.isBoolean()) {
                throw new HolidayDataException(where + "：\"isOffDay\" 应为 true 或 false");
            }
            LocalDate parsed;
            try {
                parsed = LocalDate.parse(date.textValue());
            } catch (DateTimeException e) {
                throw new HolidayDataException(where + "：\"" + date.textValue() + "\" 不是形如 \"" + expectedYear + "-10-01\" 的日期", e);
            }
            if (parsed.getYear() != expectedYear) {
                throw new HolidayDataException(where + "：" + parsed + " 不在 " + expectedYear + " 年内");
            }
            if (offByDate.put(parsed, off.booleanValue()) != null) {
                throw new HolidayDataException(where + "：" + parsed + " 重复列出");
            }
        }
        return new HolidayYear(expectedYear, offByDate, source);
    }
}
