package org.jianqun.disclosure.rendering;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jianqun.core.disclosure.DisclosureLines;
import org.jianqun.core.disclosure.Money;
import org.jianqun.core.disclosure.Rendering;

/**
 * The summary the villagers' groups read (markdown, as the group robot and the bridge take it): income,
 * spending by purpose, the largest items, projects' progress, and where to read the whole of it. A correction
 * says 更正 in its first line, with its reason. Bounded well under the outbox's 4,000 characters.
 */
public final class SummaryMarkdown {
    static final int LARGEST = 5;
    static final int MAX_PROJECTS = 8;
    /** Under WeCom's 4,000 bytes for a group-send's text, with room for the gateway's own words. */
    static final int MAX_BYTES = 3_600;

    private SummaryMarkdown() {
    }

    /** The mini-program page of a disclosure (its {@code GET /miniapp/v1/disclosures/{id}}). */
    public static String miniprogramPage(long disclosureId) {
        return "pages/disclosure/detail?id=" + disclosureId;
    }

    public static String of(Rendering.Subject d) {
        DisclosureLines lines = d.lines();
        StringBuilder md = new StringBuilder();
        md.append("## ").append(d.version() > 1 ? "【更正】" : "").append(d.villageName()).append(" ").append(d.month().label()).append("三务公开\n");
        if (d.version() > 1) {
            md.append("> 更正（第 ").append(d.version()).append(" 版）：").append(oneLine(d.correctionReason())).append("\n");
        }
        Money income = sum(lines.finance().stream().filter(f -> f.direction() == DisclosureLines.Direction.INCOME).map(DisclosureLines.FinanceLine::amount).toList());
        Money spending = sum(lines.finance().stream().filter(f -> f.direction() == DisclosureLines.Direction.SPENDING).map(DisclosureLines.FinanceLine::amount).toList());
        md.append("\n**收入** ").append(income.yuan()).append(" 元　**支出** ").append(spending.yuan()).append(" 元\n");
        Map<String, Money> byPurpose = new LinkedHashMap<>();
        lines.invoices().stream().sorted(Comparator.comparing(DisclosureLines.Invoice::purpose))
                .forEach(i -> byPurpose.merge(i.purpose(), i.amount(), Money::plus));
        if (!byPurpose.isEmpty()) {
            md.append("\n**支出用途**\n");
            byPurpose.entrySet().stream().sorted(Map.Entry.<String, Money>comparingByValue().reversed()).limit(10)
                    .forEach(e -> md.append("- ").append(oneLine(e.getKey())).append("：").append(e.getValue().yuan()).append(" 元\n"));
        }
        if (!lines.invoices().isEmpty()) {
            md.append("\n**最大几笔**\n");
            lines.invoices().stream().sorted(Comparator.comparing(DisclosureLines.Invoice::amount).reversed()).limit(LARGEST)
                    .forEach(i -> md.append("- ").append(i.date().getMonthValue()).append("月").append(i.date().getDayOfMonth()).append("日 ")
                            .append(oneLine(i.payee())).append(" ").append(i.amount().yuan()).append(" 元（").append(oneLine(i.purpose()))
                            .append("，").append(i.method().label()).append("）\n"));
        }
        if (!lines.projects().isEmpty()) {
            md.append("\n**工程项目**\n");
            lines.projects().stream().limit(MAX_PROJECTS).forEach(p -> md.append("- ").append(oneLine(p.name())).append("：进度 ").append(p.progress())
                    .append("%，预算 ").append(p.budget().yuan()).append(" 元，已支出 ").append(p.spent().yuan()).append(" 元\n"));
        }
        if (!lines.subsidies().isEmpty()) {
            md.append("\n**涉民利益事项** ").append(lines.subsidies().size()).append(" 项，合计 ")
                    .append(sum(lines.subsidies().stream().map(DisclosureLines.Subsidy::amount).toList()).yuan()).append(" 元\n");
        }
        String tail = "\n" + (lines.invoices().isEmpty() ? "" : "发票 " + lines.invoices().size() + " 张，均经驻村干部审核签字。")
                + "明细见图片，或在小程序「监群」打开：" + miniprogramPage(d.disclosureId()) + "\n";
        return withinBytes(md.toString(), MAX_BYTES - tail.getBytes(StandardCharsets.UTF_8).length) + tail;
    }

    /** Cut at a line end (or a character) so the UTF-8 form fits: a group-send takes 4,000 bytes, the outbox 4,000 characters. */
    static String withinBytes(String text, int bytes) {
        if (text.getBytes(StandardCharsets.UTF_8).length <= bytes) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && (cut + "…（更多见小程序）\n").getBytes(StandardCharsets.UTF_8).length > bytes) {
            int end = cut.lastIndexOf('\n', cut.length() - 2);
            cut = end > 0 ? cut.substring(0, end + 1) : cut.substring(0, cut.offsetByCodePoints(0, cut.codePointCount(0, cut.length()) - 1));
        }
        return cut + "…（更多见小程序）\n";
    }

    private static Money sum(List<Money> amounts) {
        return amounts.stream().reduce(Money.ZERO, Money::plus);
    }

    /** A cell inside a markdown line: no line breaks, no markup of its own, bounded. */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String flat = s.replaceAll("[\\r\\n]+", " ").replaceAll("[*#>`_\\[\\]]", "");
        return flat.length() <= 60 ? flat : flat.substring(0, 60) + "…";
    }
}
