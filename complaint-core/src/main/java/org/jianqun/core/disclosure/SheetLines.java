package org.jianqun.core.disclosure;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jianqun.core.importing.TableFile;
import org.jianqun.core.importing.TableFormat;
import org.jianqun.core.importing.TableLimits;
import org.jianqun.core.importing.TableReader;
import org.jianqun.core.importing.TableReading;
import org.jianqun.core.importing.TableRow;

/**
 * An upload's lines as one sheet (CSV in UTF-8 or GB18030, or .xlsx; read by the importers' {@link TableReader}):
 * a header row, then one line per row with a {@code part} column (finance / invoices / projects / subsidies, or
 * 财务 / 发票 / 项目 / 补贴) and the JSON upload's field names as the other columns. Rows become the JSON shape and
 * are checked by {@link JsonLines}; every problem names the file's line (for a workbook, its row) and column.
 */
public final class SheetLines {
    /** A month's sheet is a few hundred rows; 20 MB (the upload route's bound) is far more than any. */
    static final TableLimits LIMITS = new TableLimits(20L * 1024 * 1024, 128L * 1024 * 1024, 1_000, JsonLines.MAX_ROWS * 4, 32, 2_000);
    private static final Map<String, String> PARTS = Map.of("finance", "finance", "财务", "finance", "invoices", "invoices", "发票", "invoices",
            "projects", "projects", "项目", "projects", "subsidies", "subsidies", "补贴", "subsidies");

    private SheetLines() {
    }

    /** The table format a {@code Content-Type} names, if it names one. */
    public static Optional<TableFormat> formatOf(String contentType) {
        return TableFormat.ofMediaType(contentType);
    }

    public static JsonLines.Parsed parse(byte[] bytes, TableFormat declared, DisclosureMonth month) {
        TableReading reading = TableReader.read(bytes, Optional.of(declared), LIMITS);
        if (reading instanceof TableReading.Unreadable unreadable) {
            return new JsonLines.Problems(unreadable.problems().stream()
                    .map(p -> new LineProblem("file", p.line(), p.field() == null ? "" : p.field(), p.message())).toList());
        }
        TableFile file = ((TableReading.Read) reading).file();
        if (file.rows().isEmpty()) {
            return new JsonLines.Problems(List.of(new LineProblem("file", 0, "", "文件为空：第一行应为表头（part 及各列名）")));
        }
        List<String> header = file.rows().get(0).cells().stream().map(c -> c.strip()).toList();
        int partColumn = header.indexOf("part");
        if (partColumn < 0) {
            return new JsonLines.Problems(List.of(new LineProblem("file", file.rows().get(0).line(), "part", "表头缺少 part 列（finance、invoices、projects 或 subsidies）")));
        }
        JsonObject body = new JsonObject();
        List<LineProblem> problems = new ArrayList<>();
        for (TableRow row : file.rows().subList(1, file.rows().size())) {
            String partText = cell(row, partColumn);
            String part = partText == null ? null : PARTS.get(partText.toLowerCase(Locale.ROOT));
            if (part == null) {
                problems.add(new LineProblem("file", row.line(), "part", "应为 finance、invoices、projects 或 subsidies（财务、发票、项目、补贴）"));
                continue;
            }
            JsonObject line = new JsonObject().put(JsonLines.LINE, row.line());
            for (int c = 0; c < header.size(); c++) {
                String value = cell(row, c);
                if (c != partColumn && !header.get(c).isEmpty() && value != null && !value.isBlank()) {
                    line.put(header.get(c), value);
                }
            }
            JsonArray rows = body.getJsonArray(part);
            if (rows == null) {
                rows = new JsonArray();
                body.put(part, rows);
            }
            rows.add(line);
        }
        if (!problems.isEmpty()) {
            return new JsonLines.Problems(problems);
        }
        return JsonLines.parse(body, month);
    }

    private static String cell(TableRow row, int column) {
        return column < row.cells().size() ? row.cells().get(column) : null;
    }
}
