package org.jianqun.launcher;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.jianqun.core.CoreServices;
import org.jianqun.core.access.Actor;
import org.jianqun.core.disclosure.DisclosureDesk;
import org.jianqun.core.disclosure.DisclosureMonth;
import org.jianqun.core.disclosure.JsonLines;
import org.jianqun.core.disclosure.UploadOutcome;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.persistence.PersonMapper;
import org.jianqun.core.persistence.RegionMapper;
import org.jianqun.disclosure.rendering.DisclosureRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo county's disclosures (三务公开) for the two months before the sandbox clock's, through the same
 * desk a bookkeeper and a resident cadre use: every village of 东岭镇 and 西溪镇 uploads both months, and the
 * town's resident cadre approves every invoice (the older month then publishes at once, the last one on its push
 * day). One village trips each smart warning: 东岭村 pays cash and a subsidy to its cadre's registered relative
 * (by ID number), 上洋村 reimburses 东岭村's invoice again, 溪头村 splits a payment under the approval threshold,
 * 后埔村 spends without an invoice, 岭下村 pays a monthly subsidy (高龄补贴) twice in one month.
 * 南山乡's villages submit nothing: the missing-disclosure colours show on them.
 */
final class DemoDisclosures {
    private static final Logger LOG = LoggerFactory.getLogger(DemoDisclosures.class);
    /** Fictional (county 359901 is the demo's own): 17 digits and the GB 11643 check character. */
    static final String RELATIVE_ID_NUMBER = "359901194001012014";

    private DemoDisclosures() {
    }

    static void seed(CoreServices core) {
        DisclosureDesk desk = new DisclosureDesk(core.database(), core.clock(), DisclosureRenderer.withInstalledFont());
        YearMonth now = YearMonth.from(LocalDate.ofInstant(core.clock().instant(), DisclosureMonth.ZONE));
        int uploads = 0;
        for (YearMonth ym : List.of(now.minusMonths(2), now.minusMonths(1))) {
            DisclosureMonth month = new DisclosureMonth(ym);
            for (String town : List.of("359901100", "359901101")) {
                Actor resident = actor(core, "town" + (town.endsWith("100") ? 1 : 2) + "-resident");
                List<String> villages = core.database().read(s -> s.getMapper(RegionMapper.class).children(town)).stream()
                        .map(org.jianqun.core.organisation.Region::code).toList();
                for (String village : villages) {
                    int t = Integer.parseInt(village.substring(6, 9)) - 99;
                    int v = Integer.parseInt(village.substring(9)) - 200;
                    Actor bookkeeper = actor(core, "bookkeeper-" + t + "-" + v);
                    JsonLines.Parsed parsed = JsonLines.parse(lines(village, ym), month);
                    if (!(parsed instanceof JsonLines.Lines ok)) {
                        throw new IllegalStateException("the demo disclosure of " + village + " is wrong: " + parsed);
                    }
                    UploadOutcome outcome = desk.upload(bookkeeper, village, month, 1, null, ok.lines());
                    if (!(outcome instanceof UploadOutcome.Accepted accepted)) {
                        throw new IllegalStateException("the demo disclosure of " + village + " was refused: " + outcome);
                    }
                    for (int row = 1; row <= ok.lines().invoices().size(); row++) {
                        desk.review(resident, accepted.disclosureId(), row, org.jianqun.core.disclosure.Decision.APPROVED, "已核对原件，同意报销");
                    }
                    uploads++;
                }
            }
        }
        DisclosureDesk.PublishPass published = desk.publishDue(core.config().disclosurePushDay(), 1_000);
        LOG.info("demo county: {} disclosures seeded for {} and {}, {} published", uploads, now.minusMonths(2), now.minusMonths(1), published.published());
    }

    private static Actor actor(CoreServices core, String username) {
        Person p = core.database().read(s -> s.getMapper(PersonMapper.class).findByUsername(username));
        return new Actor(p.id(), p.name(), p.role(), p.scopeCode());
    }

    /** A plain month of a village, with the one thing its warning is about. */
    static JsonObject lines(String village, YearMonth ym) {
        String day = ym.atDay(1).toString().substring(0, 8);
        String tail = village.substring(9);
        JsonArray invoices = new JsonArray()
                .add(invoice(code(village), number(ym, 1), "2350.00", "清源建材店", day + "06", "transfer", "村道修补"))
                .add(invoice(code(village), number(ym, 2), "460.00", "东岭文具店", day + "12", "transfer", "办公用品"));
        JsonArray finance = new JsonArray()
                .add(new JsonObject().put("kind", "income").put("item", "上级转移支付").put("amount", "30000.00"))
                .add(new JsonObject().put("kind", "income").put("item", "集体土地租金").put("amount", "8600.00"))
                .add(new JsonObject().put("kind", "spending").put("item", "村道修补材料").put("amount", "2350.00").put("invoice", number(ym, 1)))
                .add(new JsonObject().put("kind", "spending").put("item", "办公用品").put("amount", "460.00").put("invoice", number(ym, 2)));
        JsonObject elderly = new JsonObject().put("recipient", "林某" + tail).put("kind", "高龄补贴").put("amount", "100");
        if (village.equals("359901100201")) {
            // The cadre's registered relative (demo relatives.csv holds this fictional number's hash): matched by ID number, red.
            elderly.put("idNumber", RELATIVE_ID_NUMBER);
        }
        // 临时救助 is granted once a year to one person (the rule's default period): each month helps someone else.
        JsonArray subsidies = new JsonArray().add(elderly)
                .add(new JsonObject().put("recipient", (ym.getMonthValue() % 2 == 0 ? "陈某" : "黄某") + tail).put("kind", "临时救助").put("amount", "600"));
        switch (village) {
            case "359901100201" -> invoices.add(invoice(code(village), number(ym, 3), "380.00", "东岭饭店", day + "15", "cash", "接待用餐"));
            // 东岭村's first invoice of the month, reimbursed here again.
            case "359901100202" -> invoices.add(invoice(code("359901100201"), number(ym, 1), "2350.00", "清源建材店", day + "07", "transfer", "村道修补"));
            case "359901100203" -> {
                invoices.add(invoice(code(village), number(ym, 3), "4800.00", "溪口劳务队", day + "03", "transfer", "水渠清淤"));
                invoices.add(invoice(code(village), number(ym, 4), "4700.00", "溪口劳务队", day + "17", "transfer", "水渠清淤"));
            }
            case "359901100204" -> finance.add(new JsonObject().put("kind", "spending").put("item", "慰问品").put("amount", "1200.00"));
            case "359901100205" -> subsidies.add(new JsonObject().put("recipient", "林某" + tail).put("kind", "高龄补贴").put("amount", "100"));
            default -> {
            }
        }
        return new JsonObject().put("finance", finance).put("invoices", invoices).put("subsidies", subsidies).put("projects", new JsonArray()
                .add(new JsonObject().put("name", "村道硬化工程").put("budget", "200000").put("spent", String.valueOf(40000 + ym.getMonthValue() * 1000))
                        .put("progress", 30 + ym.getMonthValue() % 7 * 5).put("contractor", "清源路桥公司")));
    }

    /** A village's own 10-digit invoice code (fictional). */
    private static String code(String village) {
        return "35001" + village.substring(7);
    }

    private static String number(YearMonth ym, int n) {
        return String.format("%02d%06d", ym.getMonthValue(), n);
    }

    private static JsonObject invoice(String code, String number, String amount, String payee, String date, String method, String purpose) {
        return new JsonObject().put("code", code).put("number", number).put("amount", amount).put("payee", payee).put("date", date)
                .put("paymentMethod", method).put("purpose", purpose);
    }
}
