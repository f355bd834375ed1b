package org.jianqun.console.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.jianqun.core.statistics.CommonProblems;
import org.jianqun.core.statistics.Diligence;
import org.jianqun.core.statistics.DiligencePart;
import org.jianqun.core.statistics.Figures;
import org.jianqun.core.statistics.StatisticsTable;
import org.jianqun.core.statistics.TallyCounts;

/**
 * Every statistics table as CSV for Excel: UTF-8 with a BOM (without it Excel on a Chinese Windows reads GBK),
 * Chinese headers, CRLF; shares as percentages with one decimal.
 */
final class StatsCsv {
    static final String BOM = "\uFEFF";
    static final String CONTENT_TYPE = "text/csv; charset=utf-8";

    private static final List<String> FIGURE_HEADERS = List.of("登记", "合并", "办结", "5个工作日内办结", "5日办结率(%)", "平均办结工作日",
            "超期", "上报至镇", "上报至县", "上报至市", "已评价", "满意", "基本满意", "不满意", "满意率(%)", "未评价", "催办工单", "催办次数", "重办", "预警");

    private StatsCsv() {
    }

    static String table(StatisticsTable t, String which, Map<String, String> villageNames) {
        List<List<Object>> rows = new ArrayList<>();
        List<Object> header;
        switch (which) {
            case "categories" -> {
                header = List.of("类别", "登记");
                t.topCategories().forEach(r -> rows.add(List.of(r.key(), r.counts().registered())));
            }
            case "problems" -> {
                header = List.of("共性问题（关键词）", "类别", "工单数", "村数", "涉及村", "工单号");
                for (CommonProblems.Problem p : t.commonProblems()) {
                    rows.add(List.of(String.join(" ", p.words()), p.category(), p.tickets(), p.villageCodes().size(),
                            String.join("、", p.villageCodes().stream().map(c -> villageNames.getOrDefault(c, c)).toList()),
                            String.join(" ", p.ticketNos().stream().map(n -> "#" + n).toList())));
                }
            }
            default -> {
                header = new ArrayList<>(List.of("分组", "名称"));
                header.addAll(FIGURE_HEADERS);
                for (StatisticsTable.Row r : t.rows()) {
                    List<Object> line = new ArrayList<>(List.of(r.key(), r.name()));
                    line.addAll(figures(r.figures()));
                    rows.add(line);
                }
                List<Object> total = new ArrayList<>(List.of("合计", ""));
                total.addAll(figures(t.totalFigures()));
                rows.add(total);
            }
        }
        return write(header, rows);
    }

    static String diligence(Diligence d) {
        List<Object> header = new ArrayList<>(List.of("村代码", "村", "工单数", "勤廉指数"));
        for (DiligencePart p : DiligencePart.values()) {
            header.add(p.label() + "(权重" + d.weights().of(p) + ")");
        }
        List<List<Object>> rows = new ArrayList<>();
        for (Diligence.Village v : d.villages()) {
            List<Object> line = new ArrayList<>(List.of(v.code(), v.name(), v.tickets(), v.index()));
            for (DiligencePart p : DiligencePart.values()) {
                line.add(percent(v.parts().get(p)));
            }
            rows.add(line);
        }
        return write(header, rows);
    }

    private static List<Object> figures(Figures f) {
        TallyCounts c = f.counts();
        OptionalDouble avg = f.averageWorkingDaysToResolve();
        return List.of(c.registered(), c.merged(), c.resolved(), c.withinFive(), percent(f.withinFiveShare()),
                avg.isPresent() ? String.format("%.2f", avg.getAsDouble()) : "", c.overdue(), c.toTown(), c.toCounty(), c.toCity(),
                c.rated(), c.satisfied(), c.basically(), c.unsatisfied(), percent(f.satisfaction()), c.unrated(), c.urged(), c.urges(),
                c.reopened(), c.warned());
    }

    private static String percent(OptionalDouble share) {
        return share != null && share.isPresent() ? String.format("%.1f", share.getAsDouble() * 100) : "";
    }

    private static String write(List<Object> header, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder(BOM);
        line(out, header);
        rows.forEach(r -> line(out, r));
        return out.toString();
    }

    /** RFC 4180 as Excel reads it: a field with a comma, quote or line break is quoted, its quotes doubled. */
    private static void line(StringBuilder out, List<Object> fields) {
        for (int i = 0; i < fields.size(); i++) {
            String f = String.valueOf(fields.get(i));
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                f = '"' + f.replace("\"", "\"\"") + '"';
            }
            out.append(i == 0 ? "" : ",").append(f);
        }
        out.append("\r\n");
    }
}
