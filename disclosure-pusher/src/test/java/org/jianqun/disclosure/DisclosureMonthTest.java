package org.jianqun.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jianqun.disclosure.DisclosureFixture.DONGLING;
import static org.jianqun.disclosure.DisclosureFixture.SHANGYANG;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jianqun.core.audit.AuditTrail;
import org.jianqun.core.disclosure.DisclosureDesk;
import org.jianqun.core.outbox.Audience;
import org.jianqun.core.outbox.Broadcast;
import org.jianqun.core.outbox.OutboxMapper;
import org.jianqun.core.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A month of 东岭村 over HTTP, as DESIGN.md's "Disclosure" tells it: an upload that repeats 上洋村's invoice and
 * pays cash → the two warnings → review with one rejection → the bookkeeper corrects → approval → ready and
 * rendered → nothing before the push day → published on it, requested once → a later correction as 更正.
 * (That each group then receives it once is the gateway's keyed routing: DisclosurePushIT in the launcher.)
 */
class DisclosureMonthTest {
    private static DisclosureFixture f;
    private static TestServer server;
    private static DisclosureDesk desk;

    @BeforeAll
    static void start() {
        // 2026-04-02 10:00 in Beijing: March is over, its push day (the 5th) not yet come.
        f = new DisclosureFixture(Instant.parse("2026-04-02T02:00:00Z"), Map.of());
        DisclosureModule module = new DisclosureModule(f.core);
        desk = module.desk();
        server = TestServer.start(module.routes());
    }

    @AfterAll
    static void stop() {
        server.close();
        f.close();
    }

    private TestServer.Reply upload(String village, String month, String user, JsonObject body) {
        return server.post("/api/v1/villages/" + village + "/disclosures/" + month, f.token(user), "application/json",
                body.encode().getBytes(StandardCharsets.UTF_8));
    }

    private TestServer.Reply review(long id, int row, String user, String decision, String reason) {
        return server.post("/api/v1/disclosures/" + id + "/invoices/" + row + "/review", f.token(user), "application/json",
                new JsonObject().put("decision", decision).put("reason", reason).encode().getBytes(StandardCharsets.UTF_8));
    }

    private static long count(String sql) {
        return f.db.database().read(s -> {
            try (var st = s.getConnection().createStatement(); var rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aMonthFromUploadToPublicationAndItsCorrection() throws Exception {
        // 上洋村 reimbursed invoice 3500191130 00012345 first.
        TestServer.Reply shangyang = upload(SHANGYANG, "2026-03", "bk-shangyang", new JsonObject().put("invoices", new JsonArray()
                .add(DisclosureFixture.invoice("3500191130", "00012345", "3200.00", "清源建材店", "2026-03-02", "transfer", "村部维修"))));
        assertThat(shangyang.status()).as(shangyang.body()).isEqualTo(201);

        TestServer.Reply first = upload(DONGLING, "2026-03", "bk-dongling", DisclosureFixture.donglingMarch("4100.00"));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        long id = first.json().getLong("id");
        JsonArray warnings = first.json().getJsonArray("warnings");
        assertThat(warnings.stream().map(w -> ((JsonObject) w).getString("rule"))).containsExactlyInAnyOrder("duplicate_invoice", "cash_payment");
        JsonObject duplicate = warnings.stream().map(JsonObject.class::cast).filter(w -> w.getString("rule").equals("duplicate_invoice")).findFirst().orElseThrow();
        assertThat(duplicate.getString("colour")).isEqualTo("red");
        assertThat(duplicate.getJsonArray("evidence").stream().map(e -> ((JsonObject) e).getString("villageCode")))
                .as("the evidence names both villages' rows").containsExactlyInAnyOrder(DONGLING, SHANGYANG);
        JsonObject cash = warnings.stream().map(JsonObject.class::cast).filter(w -> w.getString("rule").equals("cash_payment")).findFirst().orElseThrow();
        assertThat(cash.getString("colour")).isEqualTo("yellow");
        assertThat(cash.getJsonArray("evidence").getJsonObject(0).getInteger("row")).isEqualTo(2);

        TestServer.Reply again = upload(DONGLING, "2026-03", "bk-dongling", DisclosureFixture.donglingMarch("4100.00"));
        assertThat(again.status()).as("the same version and lines again: nothing new").isEqualTo(200);
        assertThat(again.json().getLong("id")).isEqualTo(id);
        assertThat(again.json().getBoolean("unchanged")).isTrue();

        // Review: another town's resident cadre may not; this town's signs each invoice.
        assertThat(review(id, 1, "rc-xixi", "approve", null).status()).isEqualTo(403);
        assertThat(review(id, 1, "bk-dongling", "approve", null).status()).as("a bookkeeper does not sign their own").isEqualTo(403);
        assertThat(review(id, 1, "rc-dongling", "approve", null).json().getString("status")).isEqualTo("submitted");
        assertThat(review(id, 2, "rc-dongling", "approve", "现金支付已说明，限期整改").status()).isEqualTo(200);
        assertThat(review(id, 3, "rc-dongling", "reject", null).status()).as("a rejection needs its reason").isEqualTo(400);
        TestServer.Reply rejected = review(id, 3, "rc-dongling", "reject", "金额与合同不符");
        assertThat(rejected.json().getString("status")).isEqualTo("rejected");
        JsonObject shown = server.get("/api/v1/disclosures/" + id, f.token("bk-dongling")).json();
        JsonObject third = shown.getJsonObject("lines").getJsonArray("invoices").getJsonObject(2);
        assertThat(third.getJsonObject("review").getString("decision")).isEqualTo("rejected");
        assertThat(third.getJsonObject("review").getString("reason")).isEqualTo("金额与合同不符");
        assertThat(third.getJsonObject("review").getString("by")).isEqualTo("东岭镇驻村干部");
        assertThat(third.getJsonObject("review").getString("at")).endsWith("+08:00");
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE type = 'DISCLOSURE_INVOICE_REVIEWED'")).as("each decision audited").isEqualTo(3);

        // The bookkeeper corrects the rejected invoice in the same version; the cadre approves everything.
        TestServer.Reply corrected = upload(DONGLING, "2026-03", "bk-dongling", DisclosureFixture.donglingMarch("3980.00"));
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(201);
        assertThat(corrected.json().getLong("id")).isEqualTo(id);
        for (int row = 1; row <= 3; row++) {
            review(id, row, "rc-dongling", "approve", null);
        }
        JsonObject ready = server.get("/api/v1/disclosures/" + id, f.token("rc-dongling")).json();
        assertThat(ready.getString("status")).isEqualTo("ready");
        assertThat(ready.getString("summary")).contains("东岭村 2026年3月三务公开", "**收入** 50000.00 元", "水渠清淤", "东岭村村道硬化：进度 45%",
                "pages/disclosure/detail?id=" + id).doesNotContain("更正");
        assertThat(ready.getString("renderProblem")).as("fonts-noto-cjk is installed here").isNull();
        byte[] png = f.db.database().read(s -> {
            try (var st = s.getConnection().prepareStatement("SELECT details_png FROM disclosure WHERE id = ?")) {
                st.setLong(1, id);
                try (var rs = st.executeQuery()) {
                    rs.next();
                    return rs.getBytes(1);
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(ImageIO.read(new ByteArrayInputStream(png)).getWidth()).isEqualTo(750);

        // Before the push day: nothing goes out.
        assertThat(desk.publishDue(5, 100).published()).isZero();
        assertThat(pushRequests()).isEmpty();
        // The push day, 09:00 in Beijing.
        f.clock.advance(Duration.between(f.clock.peek(), Instant.parse("2026-04-05T01:00:00Z")));
        assertThat(desk.publishDue(5, 100).published()).as("东岭村 only: 上洋村's version was never reviewed").isEqualTo(1);
        assertThat(desk.publishDue(5, 100).published()).as("once").isZero();
        List<OutboxMapper.Pending> requests = pushRequests();
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).deliveryId()).isEqualTo("disclosure:" + id);
        assertThat(requests.get(0).audience()).isEqualTo(Audience.VILLAGERS);
        assertThat(requests.get(0).target()).isEqualTo(DONGLING);
        assertThat(requests.get(0).broadcast()).isEqualTo(Broadcast.DISCLOSURE);
        assertThat(requests.get(0).text()).contains("东岭村 2026年3月三务公开");
        assertThat(requests.get(0).image()).as("the request names its version's image, never holds it")
                .isEqualTo(org.jianqun.core.outbox.DisclosureImage.follows(id));

        JsonObject report = server.get("/api/v1/disclosure/push?month=2026-03&scope=359901100", f.token("rc-dongling")).json();
        assertThat(report.getJsonArray("villages").getJsonObject(0).getString("code")).isEqualTo(DONGLING);
        assertThat(report.getJsonArray("villages").getJsonObject(0).getInteger("waiting")).as("the gateway has not routed it yet").isEqualTo(1);
        assertThat(report.getJsonArray("towns").getJsonObject(0).getString("code")).isEqualTo("359901100");

        // Published is immutable: a correction is version 2 with its reason, reviewed again, published at once (after the push day).
        TestServer.Reply edit = upload(DONGLING, "2026-03", "bk-dongling", DisclosureFixture.donglingMarch("3900.00"));
        assertThat(edit.status()).isEqualTo(409);
        assertThat(edit.json().getString("error")).isEqualTo("already_published");
        assertThat(edit.json().getString("message")).contains("第 2 版");
        TestServer.Reply noReason = upload(DONGLING, "2026-03", "bk-dongling", DisclosureFixture.donglingMarch("3900.00").put("version", 2));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().getString("error")).isEqualTo("correction_reason_required");
        TestServer.Reply v2 = upload(DONGLING, "2026-03", "bk-dongling",
                DisclosureFixture.donglingMarch("3900.00").put("version", 2).put("correctionReason", "水渠清淤金额按结算单更正"));
        assertThat(v2.status()).as(v2.body()).isEqualTo(201);
        long id2 = v2.json().getLong("id");
        assertThat(v2.json().getJsonArray("warnings").stream().map(w -> ((JsonObject) w).getString("rule")))
                .as("a correction repeating its own month's invoices is no duplicate of itself; 上洋村's still is")
                .containsExactlyInAnyOrder("duplicate_invoice", "cash_payment");
        for (int row = 1; row <= 3; row++) {
            review(id2, row, "rc-dongling", "approve", null);
        }
        f.clock.advance(Duration.ofDays(3));
        assertThat(desk.publishDue(5, 100).published()).isEqualTo(1);
        List<OutboxMapper.Pending> both = pushRequests();
        assertThat(both).hasSize(2);
        assertThat(both.get(1).deliveryId()).isEqualTo("disclosure:" + id2);
        assertThat(both.get(1).text()).startsWith("## 【更正】东岭村 2026年3月三务公开").contains("水渠清淤金额按结算单更正");
        assertThat(count("SELECT COUNT(*) FROM audit_event WHERE type = 'DISCLOSURE_PUBLISHED'")).isEqualTo(2);
        assertThat(AuditTrail.verify(f.db.database()).ok()).isTrue();
    }

    @Test
    void anInvoicesPhotoIsShownToTheVillagesReviewerAndToNobodyOutsideIt() throws Exception {
        BufferedImage picture = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(picture, "png", png);
        TestServer.Reply uploaded = upload(SHANGYANG, "2026-02", "bk-shangyang", new JsonObject().put("invoices", new JsonArray()
                .add(DisclosureFixture.invoice("3500191130", "00099901", "420.00", "上洋五金店", "2026-02-10", "transfer", "水管配件")
                        .put("image", Base64.getEncoder().encodeToString(png.toByteArray())))
                .add(DisclosureFixture.invoice("3500191130", "00099902", "80.00", "上洋五金店", "2026-02-11", "transfer", "阀门"))));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        long id = uploaded.json().getLong("id");
        HttpResponse<byte[]> photo = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(server.uri("/api/v1/disclosures/" + id + "/invoices/1/image")).header("Authorization", "Bearer " + f.token("rc-dongling"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(photo.statusCode()).isEqualTo(200);
        assertThat(photo.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(ImageIO.read(new ByteArrayInputStream(photo.body())).getWidth()).isEqualTo(40);

        TestServer.Reply otherTown = server.get("/api/v1/disclosures/" + id + "/invoices/1/image", f.token("rc-xixi"));
        assertThat(otherTown.status()).isEqualTo(404);
        TestServer.Reply none = server.get("/api/v1/disclosures/" + id + "/invoices/2/image", f.token("rc-dongling"));
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().getString("message")).contains("第 2 张发票没有图片");
    }

    @Test
    void badUploadsAreRefusedWithTheirRowAndColumnAndWriteNothing() {
        long before = count("SELECT COUNT(*) FROM disclosure");
        TestServer.Reply other = upload(DONGLING, "2026-02", "bk-shangyang", DisclosureFixture.donglingMarch("1.00"));
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().getString("error")).isEqualTo("out_of_scope");
        TestServer.Reply cadre = upload(DONGLING, "2026-02", "cadre-dongling", DisclosureFixture.donglingMarch("1.00"));
        assertThat(cadre.status()).isEqualTo(403);
        assertThat(cadre.json().getString("error")).isEqualTo("forbidden");

        JsonObject bad = new JsonObject()
                .put("finance", new JsonArray().add(new JsonObject().put("kind", "spending").put("item", "材料").put("amount", "-12")))
                .put("invoices", new JsonArray()
                        .add(DisclosureFixture.invoice("3500191130", "1234567", "10.00", "甲", "2026-02-03", "transfer", "材料"))
                        .add(DisclosureFixture.invoice("3500191130", "12345678", "十元", "乙", "2026-03-01", "transfer", "材料"))
                        .add(new JsonObject().put("digitalNumber", "2635000000001234567").put("amount", "5").put("payee", "丙").put("date", "2026-02-09")
                                .put("paymentMethod", "transfer").put("purpose", "材料").put("image", Base64.getEncoder()
                                        .encodeToString("not an image".getBytes(StandardCharsets.UTF_8)))));
        TestServer.Reply invalid = upload(DONGLING, "2026-02", "bk-dongling", bad);
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(422);
        assertThat(invalid.json().getString("error")).isEqualTo("invalid_lines");
        List<String> at = invalid.json().getJsonArray("errors").stream().map(JsonObject.class::cast)
                .map(e -> e.getString("part") + ":" + e.getInteger("row") + ":" + e.getString("column")).toList();
        assertThat(at).containsExactlyInAnyOrder("finance:1:amount", "invoices:1:number", "invoices:2:amount", "invoices:2:date",
                "invoices:3:digitalNumber", "invoices:3:image");
        assertThat(count("SELECT COUNT(*) FROM disclosure")).as("nothing half-written").isEqualTo(before);

        TestServer.Reply huge = server.post("/api/v1/villages/" + DONGLING + "/disclosures/2026-02", f.token("bk-dongling"), "application/json",
                new byte[21 * 1024 * 1024]);
        assertThat(huge.status()).isEqualTo(413);
    }

    @Test
    void aSheetInGb18030OrXlsxUploadsTheSameAndABrokenByteNamesItsLine() {
        String csv = String.join("\n", "part,kind,item,amount,invoice,code,number,payee,date,paymentMethod,purpose",
                "财务,收入,集体土地租金,8600,,,,,,,",
                "财务,支出,村道修补材料,2350,00045678,,,,,,",
                "发票,,,2350,,3500191130,00045678,清源建材店,2026-01-06,转账,村道修补") + "\n";
        byte[] gb = csv.getBytes(java.nio.charset.Charset.forName("GB18030"));
        TestServer.Reply sheet = server.post("/api/v1/villages/" + SHANGYANG + "/disclosures/2026-01", f.token("bk-shangyang"), "text/csv", gb);
        assertThat(sheet.status()).as(sheet.body()).isEqualTo(201);
        long id = sheet.json().getLong("id");
        JsonObject stored = server.get("/api/v1/disclosures/" + id, f.token("bk-shangyang")).json();
        assertThat(stored.getJsonObject("lines").getJsonArray("invoices").getJsonObject(0).getString("payee")).isEqualTo("清源建材店");

        byte[] xlsx = org.jianqun.core.testing.XlsxFiles.xlsxOfCsv(csv.split("\n"));
        TestServer.Reply same = server.post("/api/v1/villages/" + SHANGYANG + "/disclosures/2026-01", f.token("bk-shangyang"),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx);
        assertThat(same.status()).as("the same lines as a workbook: unchanged. " + same.body()).isEqualTo(200);

        byte[] broken = java.util.Arrays.copyOf(gb, gb.length);
        int at = csv.indexOf("清源建材店") + 2; // in the last line: a GB18030 lead byte followed by a byte no trail may be
        int offset = csv.substring(0, at).getBytes(java.nio.charset.Charset.forName("GB18030")).length;
        broken[offset] = (byte) 0x81;
        broken[offset + 1] = (byte) 0x20;
        TestServer.Reply refused = server.post("/api/v1/villages/" + SHANGYANG + "/disclosures/2026-01", f.token("bk-shangyang"), "text/csv", broken);
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().getJsonArray("errors").getJsonObject(0).getInteger("row")).as(refused.body()).isEqualTo(4);

        String badCell = csv.replace("2026-01-06", "2026-02-06");
        TestServer.Reply outside = server.post("/api/v1/villages/" + SHANGYANG + "/disclosures/2026-01", f.token("bk-shangyang"), "text/csv",
                badCell.getBytes(StandardCharsets.UTF_8));
        assertThat(outside.status()).isEqualTo(422);
        JsonObject error = outside.json().getJsonArray("errors").getJsonObject(0);
        assertThat(error.getString("part") + ":" + error.getInteger("row") + ":" + error.getString("column")).isEqualTo("invoices:4:date");
    }

    @Test
    void theCatalogueIsSeededAndACountyEditsItsOwn() {
        JsonObject seeded = server.get("/api/v1/counties/359901/disclosure-catalogue", f.token("county-officer")).json();
        assertThat(seeded.getString("source")).isEqualTo("default");
        assertThat(seeded.getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("category")))
                .contains("party", "village", "finance");
        byte[] edit = new JsonObject().put("items", new JsonArray()
                .add(new JsonObject().put("category", "finance").put("name", "村级财务收支明细").put("cadence", "monthly"))
                .add(new JsonObject().put("category", "party").put("name", "党费收缴").put("cadence", "quarterly"))).encode().getBytes(StandardCharsets.UTF_8);
        assertThat(server.send(HttpRequest.newBuilder(server.uri("/api/v1/counties/359901/disclosure-catalogue"))
                .header("Authorization", "Bearer " + f.token("bk-dongling")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(edit)).build()).status()).isEqualTo(403);
        TestServer.Reply replaced = server.send(HttpRequest.newBuilder(server.uri("/api/v1/counties/359901/disclosure-catalogue"))
                .header("Authorization", "Bearer " + f.token("county-officer")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(edit)).build());
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().getString("source")).isEqualTo("county");
        assertThat(replaced.json().getJsonArray("items")).hasSize(2);
    }

    private static List<OutboxMapper.Pending> pushRequests() {
        return f.db.database().read(s -> s.getMapper(OutboxMapper.class).due(Instant.parse("2100-01-01T00:00:00Z"), 100)).stream()
                .filter(p -> p.deliveryId().startsWith("disclosure:")).toList();
    }

}
