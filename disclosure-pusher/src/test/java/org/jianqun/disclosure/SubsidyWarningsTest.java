package org.jianqun.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.disclosure.DisclosureFixture.DONGLING;
import static org.jianqun.disclosure.DisclosureFixture.SHANGYANG;
import static org.jianqun.disclosure.DisclosureFixture.XIXI;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Role;
import org.jianqun.core.disclosure.DisclosureDesk;
import org.jianqun.core.disclosure.DisclosureMonth;
import org.jianqun.core.disclosure.DisclosureViews;
import org.jianqun.core.disclosure.JsonLines;
import org.jianqun.core.disclosure.LineProblem;
import org.jianqun.core.disclosure.SheetLines;
import org.jianqun.core.disclosure.UploadOutcome;
import org.jianqun.core.disclosure.warnings.SmartWarning;
import org.jianqun.core.disclosure.warnings.WarningRule;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.importing.ImportOutcome;
import org.jianqun.core.importing.TableFormat;
import org.jianqun.core.testing.CsvFiles;
import org.jianqun.core.ticket.WarningColour;
import org.junit.jupiter.api.Test;

/**
 * The subsidy warnings through the desk's upload path, as JSON and as CSV: the same subsidy to one person twice in
 * the county's period (calendar year by default) over ready and published versions, a correction not counting
 * twice, two villages matched by ID number only; a registered relative by ID number (red) or by name (orange).
 * Uploads without invoices are ready at once. The ID numbers are fictional (county 359901 is the fixture's own).
 */
class SubsidyWarningsTest {
    private static final String ID_A = "359901198001010017";
    private static final String ID_B = "359901198001010025";
    private static final Actor DONGLING_BOOKKEEPER = new Actor(1, "东岭村报账员", Role.BOOKKEEPER, DONGLING);
    private static final Actor SHANGYANG_BOOKKEEPER = new Actor(2, "上洋村报账员", Role.BOOKKEEPER, SHANGYANG);
    private static final Actor XIXI_BOOKKEEPER = new Actor(3, "西溪村报账员", Role.BOOKKEEPER, XIXI);

    @Test
    void twiceIsJudgedOverTheCalendarYearAndAKindPaidMonthlyOverItsMonth() throws Exception {
        try (DisclosureFixture f = new DisclosureFixture(Instant.parse("2026-04-10T02:00:00Z"), Map.of())) {
            DisclosureDesk desk = new DisclosureModule(f.core).desk();
            assertThat(twice(json(desk, DONGLING_BOOKKEEPER, DONGLING, "2025-12", 1, null, subsidy("林某某", "临时救助", null),
                    subsidy("陈某某", "高龄补贴", null)))).isEmpty();
            assertThat(twice(json(desk, DONGLING_BOOKKEEPER, DONGLING, "2026-01", 1, null, subsidy("林某某", "临时救助", null),
                    subsidy("陈某某", "高龄补贴", null)))).as("December is last year").isEmpty();

            List<SmartWarning> march = twice(csv(desk, DONGLING_BOOKKEEPER, DONGLING, "2026-03", "part,recipient,kind,amount",
                    "subsidies,林某某,临时救助,800", "subsidies,陈某某,高龄补贴,100"));
            assertThat(march).as("高龄补贴 is paid every month: its period is the month").hasSize(1);
            SmartWarning w = march.get(0);
            assertThat(w.colour()).isEqualTo(WarningColour.ORANGE);
            assertThat(w.message()).contains("林某某", "临时救助", "2 次", "2026年1月东岭村第 1 版第 1 行", "本次第 2 行");
            assertThat(w.evidence().getJsonObject(0).getString("month")).isEqualTo("2026-03");
            assertThat(w.evidence().getJsonObject(0).getInteger("row")).as("the file's line").isEqualTo(2);
            JsonObject earlier = w.evidence().getJsonObject(1);
            assertThat(earlier.getString("month")).isEqualTo("2026-01");
            assertThat(earlier.getString("villageName")).isEqualTo("东岭村");
            assertThat(earlier.getString("matchedBy")).isEqualTo("name");
            assertThat(w.evidence()).hasSize(2);

            assertThat(twice(json(desk, DONGLING_BOOKKEEPER, DONGLING, "2026-02", 1, null, subsidy("陈某某", "高龄补贴", null),
                    subsidy("陈某某", "高龄补贴", null)))).as("twice in its own month").hasSize(1)
                    .allSatisfy(x -> assertThat(x.message()).contains("2026年2月内领取高龄补贴 2 次"));

            // A county sets its own period without a release: by quarter, September is alone in its quarter.
            sql(f, "INSERT INTO disclosure_rule_setting (county_code, rule_name, enabled, colour, period) "
                    + "VALUES ('359901', 'SUBSIDY_TWICE', TRUE, 'RED', 'QUARTER')");
            assertThat(twice(json(desk, DONGLING_BOOKKEEPER, DONGLING, "2025-09", 1, null, subsidy("林某某", "临时救助", null)))).isEmpty();
            assertThat(twice(json(desk, DONGLING_BOOKKEEPER, DONGLING, "2025-11", 1, null, subsidy("林某某", "临时救助", null))))
                    .singleElement().satisfies(x -> {
                        assertThat(x.colour()).isEqualTo(WarningColour.RED);
                        assertThat(x.message()).contains("同一季度（2025年10月至12月）", "2025年12月东岭村");
                    });
        }
    }

    @Test
    void aCorrectionReplacesItsVersionAndVersionsStillUnderReviewDoNotCount() throws Exception {
        try (DisclosureFixture f = new DisclosureFixture(Instant.parse("2026-04-10T02:00:00Z"), Map.of())) {
            DisclosureDesk desk = new DisclosureModule(f.core).desk();
            assertThat(twice(json(desk, XIXI_BOOKKEEPER, XIXI, "2026-01", 1, null, subsidy("王某某", "临时救助", null)))).isEmpty();
            assertThat(desk.publishDue(5, 100).published()).isEqualTo(1);
            assertThat(twice(json(desk, XIXI_BOOKKEEPER, XIXI, "2026-01", 2, "金额有误", subsidy("王某某", "临时救助", "900"))))
                    .as("version 2 corrects version 1: one payment").isEmpty();

            SmartWarning february = twice(json(desk, XIXI_BOOKKEEPER, XIXI, "2026-02", 1, null, subsidy("王某某", "临时救助", null))).get(0);
            assertThat(february.evidence()).as("January once, by its correction").hasSize(2);
            assertThat(february.evidence().getJsonObject(1).getInteger("version")).isEqualTo(2);
            assertThat(february.evidence().getJsonObject(1).getString("amount")).isEqualTo("900.00");

            // A version with invoices waits for the resident cadre: not paid yet, so not counted.
            JsonObject withInvoice = lines(subsidy("赵某某", "临时救助", null)).put("invoices", new JsonArray()
                    .add(DisclosureFixture.invoice("3500191130", "00077777", "300.00", "西溪五金店", "2026-03-02", "transfer", "维修")));
            DisclosureMonth march = DisclosureMonth.parse("2026-03").orElseThrow();
            assertThat(desk.upload(XIXI_BOOKKEEPER, XIXI, march, 1, null, ((JsonLines.Lines) JsonLines.parse(withInvoice, march)).lines()))
                    .isInstanceOf(UploadOutcome.Accepted.class);
            assertThat(twice(json(desk, XIXI_BOOKKEEPER, XIXI, "2026-04", 1, null, subsidy("赵某某", "临时救助", null)))).isEmpty();
        }
    }

    @Test
    void twoVillagesAreMatchedByIdNumberOnlyAndNamesakesAreNot() throws Exception {
        try (DisclosureFixture f = new DisclosureFixture(Instant.parse("2026-04-10T02:00:00Z"), Map.of())) {
            DisclosureDesk desk = new DisclosureModule(f.core).desk();
            assertThat(twice(json(desk, DONGLING_BOOKKEEPER, DONGLING, "2026-02", 1, null, subsidy("陈某某", "临时救助", null).put("idNumber", ID_A))))
                    .isEmpty();
            assertThat(twice(json(desk, SHANGYANG_BOOKKEEPER, SHANGYANG, "2026-03", 1, null, subsidy("陈某某", "临时救助", null))))
                    .as("a namesake in another village, without ID number").isEmpty();
            assertThat(twice(json(desk, DONGLING_BOOKKEEPER, DONGLING, "2026-01", 1, null, subsidy("陈某某", "临时救助", null).put("idNumber", ID_B))))
                    .as("the same name in the same village, another ID number: another person").isEmpty();

            List<SmartWarning> xixi = twice(csv(desk, XIXI_BOOKKEEPER, XIXI, "2026-03", "part,recipient,kind,amount,身份证号",
                    "subsidies,陈某,临时救助,600," + ID_A.toLowerCase()));
            assertThat(xixi).singleElement().satisfies(w -> {
                assertThat(w.message()).contains("陈某（按身份证号）", "2026年2月东岭村第 1 版第 1 行");
                assertThat(w.evidence().getJsonObject(1).getString("villageCode")).isEqualTo(DONGLING);
                assertThat(w.evidence().getJsonObject(1).getString("recipient")).isEqualTo("陈某某");
                assertThat(w.evidence().getJsonObject(1).getString("matchedBy")).isEqualTo("idNumber");
                assertThat(w.evidence().encode()).doesNotContain(ID_A).doesNotContain(sha256(ID_A));
            });
        }
    }

    @Test
    void versionsStoredBeforeTheirSubsidiesHadRowsAreReadFromTheirLines() throws Exception {
        try (DisclosureFixture f = new DisclosureFixture(Instant.parse("2026-04-10T02:00:00Z"), Map.of())) {
            DisclosureDesk desk = new DisclosureModule(f.core).desk();
            json(desk, DONGLING_BOOKKEEPER, DONGLING, "2026-01", 1, null, subsidy("林某某", "临时救助", null));
            sql(f, "DELETE FROM disclosure_subsidy", "UPDATE disclosure SET subsidies_indexed = FALSE");
            assertThat(twice(json(desk, DONGLING_BOOKKEEPER, DONGLING, "2026-02", 1, null, subsidy("林某某", "临时救助", null)))).hasSize(1);
            assertThat(twice(json(desk, DONGLING_BOOKKEEPER, DONGLING, "2026-03", 1, null, subsidy("林某某", "临时救助", null))))
                    .as("copied once").singleElement().satisfies(w -> assertThat(w.evidence()).hasSize(3));
        }
    }

    @Test
    void aRelativeIsMatchedByIdNumberInRedAndByNameInOrange() throws Exception {
        try (DisclosureFixture f = new DisclosureFixture(Instant.parse("2026-04-10T02:00:00Z"), Map.of())) {
            ImportOutcome imported = f.core.importer().importCsv(ImportKind.RELATIVES, CsvFiles.csv("person,relative_name,id_number_hash,relation",
                    "cadre-dongling,林某某," + sha256(ID_A).toUpperCase() + ",配偶"), null);
            assertThat(imported).isInstanceOf(ImportOutcome.Applied.class);
            DisclosureDesk desk = new DisclosureModule(f.core).desk();
            List<SmartWarning> relatives = json(desk, DONGLING_BOOKKEEPER, DONGLING, "2026-03", 1, null,
                    subsidy("林某某", "临时救助", null).put("idNumber", ID_A),
                    subsidy("林某某", "高龄补贴", null),
                    subsidy("林某某", "耕地地力保护补贴", null).put("idNumber", ID_B),
                    subsidy("林某", "困难慰问", null).put("idNumber", ID_A))
                    .stream().filter(w -> w.rule() == WarningRule.RELATIVE_SUBSIDY).toList();
            assertThat(relatives).extracting(w -> w.evidence().getJsonObject(0).getInteger("row")).containsExactly(1, 2, 4);
            assertThat(relatives).extracting(SmartWarning::colour).containsExactly(WarningColour.RED, WarningColour.ORANGE, WarningColour.RED);
            assertThat(relatives.get(0).message()).contains("身份证号", "配偶").doesNotContain("同名");
            assertThat(relatives.get(1).message()).contains("同名");
            assertThat(relatives).extracting(w -> w.evidence().getJsonObject(0).getString("matchedBy")).containsExactly("idNumber", "name", "idNumber");
            // A relative by name only in another village is no relative of this one's cadres.
            assertThat(json(desk, SHANGYANG_BOOKKEEPER, SHANGYANG, "2026-03", 1, null, subsidy("林某某", "临时救助", null)))
                    .noneMatch(w -> w.rule() == WarningRule.RELATIVE_SUBSIDY);
        }
    }

    @Test
    void aBadIdNumberIsARowAndColumnErrorAndAGoodOneIsKeptOnlyAsItsHash() throws Exception {
        DisclosureMonth march = DisclosureMonth.parse("2026-03").orElseThrow();
        String badCheck = ID_A.substring(0, 17) + (ID_A.charAt(17) == '9' ? '8' : '9');
        JsonLines.Parsed json = JsonLines.parse(lines(subsidy("林某某", "临时救助", null), subsidy("陈某某", "临时救助", null).put("idNumber", badCheck)), march);
        assertThat(json).isInstanceOf(JsonLines.Problems.class);
        assertThat(((JsonLines.Problems) json).problems()).singleElement().satisfies(p -> {
            assertThat(p).extracting(LineProblem::part, LineProblem::row, LineProblem::column).containsExactly("subsidies", 2, "idNumber");
            assertThat(p.message()).contains("校验码").doesNotContain(badCheck);
        });
        JsonLines.Parsed sheet = SheetLines.parse(CsvFiles.csv("part,recipient,kind,amount,身份证号", "subsidies,林某某,临时救助,800,",
                "subsidies,陈某某,临时救助,800,3599011980010100"), TableFormat.CSV, march);
        assertThat(((JsonLines.Problems) sheet).problems()).singleElement().satisfies(p -> {
            assertThat(p).extracting(LineProblem::part, LineProblem::row, LineProblem::column).containsExactly("subsidies", 3, "身份证号");
            assertThat(p.message()).contains("18 位", "收到 16 个字符").doesNotContain("3599011980010100");
        });

        try (DisclosureFixture f = new DisclosureFixture(Instant.parse("2026-04-10T02:00:00Z"), Map.of())) {
            DisclosureDesk desk = new DisclosureModule(f.core).desk();
            UploadOutcome.Accepted first = accepted(desk, DONGLING, "2026-03", 1, null, lines(subsidy("林某某", "临时救助", null).put("idNumber", ID_A)));
            String shown = new DisclosureViews(f.core.database()).detail(first.disclosureId()).orElseThrow().encode();
            assertThat(shown).doesNotContain(ID_A).doesNotContain(sha256(ID_A)).contains("\"idNumberGiven\":true");
            String stored = f.db.database().read(s -> s.getMapper(org.jianqun.core.disclosure.DisclosureMapper.class).find(first.disclosureId()).linesJson());
            assertThat(stored).doesNotContain(ID_A).contains(sha256(ID_A));
            assertThat(accepted(desk, DONGLING, "2026-03", 1, null, lines(subsidy("林某某", "临时救助", null).put("idNumber", ID_A))).unchanged())
                    .as("the same lines again").isTrue();
        }
    }

    private static JsonObject subsidy(String recipient, String kind, String amount) {
        return new JsonObject().put("recipient", recipient).put("kind", kind).put("amount", amount == null ? "800" : amount);
    }

    private static JsonObject lines(JsonObject... subsidies) {
        JsonArray rows = new JsonArray();
        for (JsonObject s : subsidies) {
            rows.add(s);
        }
        return new JsonObject().put("subsidies", rows);
    }

    private static List<SmartWarning> json(DisclosureDesk desk, Actor actor, String village, String month, int version, String reason,
                                           JsonObject... subsidies) {
        DisclosureMonth m = DisclosureMonth.parse(month).orElseThrow();
        JsonLines.Parsed parsed = JsonLines.parse(lines(subsidies), m);
        assertThat(parsed).isInstanceOf(JsonLines.Lines.class);
        return upload(desk, actor, village, m, version, reason, (JsonLines.Lines) parsed);
    }

    private static List<SmartWarning> csv(DisclosureDesk desk, Actor actor, String village, String month, String... csvLines) {
        DisclosureMonth m = DisclosureMonth.parse(month).orElseThrow();
        JsonLines.Parsed parsed = SheetLines.parse(CsvFiles.csv(csvLines), TableFormat.CSV, m);
        assertThat(parsed).isInstanceOf(JsonLines.Lines.class);
        return upload(desk, actor, village, m, 1, null, (JsonLines.Lines) parsed);
    }

    private static List<SmartWarning> upload(DisclosureDesk desk, Actor actor, String village, DisclosureMonth month, int version, String reason,
                                             JsonLines.Lines lines) {
        UploadOutcome outcome = desk.upload(actor, village, month, version, reason, lines.lines());
        assertThat(outcome).isInstanceOf(UploadOutcome.Accepted.class);
        return ((UploadOutcome.Accepted) outcome).warnings();
    }

    private static UploadOutcome.Accepted accepted(DisclosureDesk desk, String village, String month, int version, String reason, JsonObject body) {
        DisclosureMonth m = DisclosureMonth.parse(month).orElseThrow();
        UploadOutcome outcome = desk.upload(DONGLING_BOOKKEEPER, village, m, version, reason, ((JsonLines.Lines) JsonLines.parse(body, m)).lines());
        assertThat(outcome).isInstanceOf(UploadOutcome.Accepted.class);
        return (UploadOutcome.Accepted) outcome;
    }

    private static List<SmartWarning> twice(List<SmartWarning> warnings) {
        return warnings.stream().filter(w -> w.rule() == WarningRule.SUBSIDY_TWICE).toList();
    }

    private static void sql(DisclosureFixture f, String... statements) {
        f.db.database().inTransaction(s -> {
            try (Statement st = s.getConnection().createStatement()) {
                for (String statement : statements) {
                    st.executeUpdate(statement);
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }

    private static String sha256(String idNumber) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(idNumber.getBytes(StandardCharsets.US_ASCII)));
    }
}
