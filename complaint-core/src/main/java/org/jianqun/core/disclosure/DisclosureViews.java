package org.jianqun.core.disclosure;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.RegionMapper;

/**
 * The read model of disclosures, apart from the commands: what the mini-program shows of published versions
 * (with the corrections of their month), and what the console shows a bookkeeper or cadre of any version.
 */
public final class DisclosureViews {
    private final Database database;

    public DisclosureViews(Database database) {
        this.database = Objects.requireNonNull(database, "database");
        database.addMapper(DisclosureMapper.class);
    }

    /** A village's published versions of a month (newest first), each marked 更正 when it corrects one before it. */
    public List<JsonObject> published(String villageCode, DisclosureMonth month) {
        return database.read(s -> {
            List<DisclosureMapper.DisclosureRow> rows = s.getMapper(DisclosureMapper.class).versions(villageCode, month.wire());
            return rows.stream().filter(r -> r.status() == DisclosureStatus.PUBLISHED)
                    .sorted((a, b) -> Integer.compare(b.version(), a.version())).map(DisclosureViews::headline).toList();
        });
    }

    /** One published version, its summary and lines, and every published version of its month (the corrections). */
    public Optional<JsonObject> publishedOne(long id) {
        return database.read(s -> {
            DisclosureMapper mapper = s.getMapper(DisclosureMapper.class);
            DisclosureMapper.DisclosureRow row = mapper.find(id);
            if (row == null || row.status() != DisclosureStatus.PUBLISHED) {
                return Optional.<JsonObject>empty();
            }
            var village = s.getMapper(RegionMapper.class).find(row.villageCode());
            JsonArray versions = new JsonArray();
            mapper.versions(row.villageCode(), row.disclosureMonth()).stream().filter(r -> r.status() == DisclosureStatus.PUBLISHED)
                    .forEach(r -> versions.add(headline(r)));
            JsonArray invoices = new JsonArray();
            mapper.invoices(id).forEach(i -> invoices.add(invoiceJson(i)));
            return Optional.of(headline(row).put("villageName", village == null ? null : village.name())
                    .put("summary", row.summaryMd()).put("lines", shownLines(row.linesJson()).put("invoices", invoices))
                    .put("image", "/miniapp/v1/disclosures/" + id + "/details.png").put("versions", versions)
                    .put("latest", versions.getJsonObject(versions.size() - 1).getLong("id") == id));
        });
    }

    /** Every version of a village's month, oldest first. */
    public List<Long> versionIds(String villageCode, DisclosureMonth month) {
        return database.read(s -> s.getMapper(DisclosureMapper.class).versions(villageCode, month.wire()).stream()
                .map(DisclosureMapper.DisclosureRow::id).toList());
    }

    /** The rendered image of a published version. */
    public Optional<byte[]> publishedPng(long id) {
        return database.read(s -> Optional.ofNullable(s.getMapper(DisclosureMapper.class).publishedPng(id)).map(DisclosureMapper.Png::png));
    }

    /** The photo of one invoice of a version (the resident cadre checks it against the line before signing). */
    public Optional<byte[]> invoiceImage(long id, int row) {
        return database.read(s -> Optional.ofNullable(s.getMapper(DisclosureMapper.class).invoiceImage(id, row))
                .map(DisclosureMapper.InvoiceImage::image));
    }

    /** The village code of a version, to check scope before showing it. */
    public Optional<String> villageOf(long id) {
        return database.read(s -> Optional.ofNullable(s.getMapper(DisclosureMapper.class).find(id)).map(DisclosureMapper.DisclosureRow::villageCode));
    }

    /** Any version as the console shows it: status, invoices with their signed decisions, warnings with evidence. */
    public Optional<JsonObject> detail(long id) {
        return database.read(s -> {
            DisclosureMapper mapper = s.getMapper(DisclosureMapper.class);
            DisclosureMapper.DisclosureRow row = mapper.find(id);
            if (row == null) {
                return Optional.<JsonObject>empty();
            }
            JsonArray invoices = new JsonArray();
            mapper.invoices(id).forEach(i -> invoices.add(invoiceJson(i)));
            return Optional.of(headline(row).put("statusLabel", DisclosureDesk.label(row.status())).put("summary", row.summaryMd())
                    .put("renderProblem", row.renderProblem()).put("lines", shownLines(row.linesJson()).put("invoices", invoices))
                    .put("warnings", warnings(mapper.warnings(id))));
        });
    }

    public static JsonArray warnings(List<DisclosureMapper.WarningRow> rows) {
        JsonArray out = new JsonArray();
        rows.forEach(w -> out.add(new JsonObject().put("rule", w.ruleName().toLowerCase(java.util.Locale.ROOT))
                .put("colour", w.colour().toLowerCase(java.util.Locale.ROOT)).put("message", w.message())
                .put("evidence", new JsonArray(w.evidenceJson()))));
        return out;
    }

    /**
     * The stored lines as people see them: a subsidy's ID number hash is replaced by {@code idNumberGiven} — an
     * ID number has few enough values that its SHA-256 is as good as the number to anyone who enumerates them.
     */
    private static JsonObject shownLines(String linesJson) {
        JsonObject lines = new JsonObject(linesJson);
        JsonArray subsidies = lines.getJsonArray("subsidies");
        if (subsidies != null) {
            subsidies.forEach(o -> {
                if (o instanceof JsonObject subsidy && subsidy.remove(JsonLines.ID_NUMBER_HASH) != null) {
                    subsidy.put("idNumberGiven", true);
                }
            });
        }
        return lines;
    }

    private static JsonObject headline(DisclosureMapper.DisclosureRow r) {
        return new JsonObject().put("id", r.id()).put("villageCode", r.villageCode()).put("month", r.disclosureMonth()).put("version", r.version())
                .put("status", r.status().wireName()).put("correction", r.version() > 1).put("label", r.version() > 1 ? "更正" : null)
                .put("correctionReason", r.correctionReason())
                .put("publishedAt", r.publishedAt() == null ? null : r.publishedAt().atZone(DisclosureMonth.ZONE).toOffsetDateTime().toString());
    }

    private static JsonObject invoiceJson(DisclosureMapper.InvoiceRow i) {
        JsonObject o = new JsonObject().put("row", i.lineNo())
                .put("invoice", InvoiceNumber.ofKey(i.invoiceKey()).map(InvoiceNumber::display).orElse(i.invoiceKey()))
                .put("amount", new Money(i.amountCents()).yuan()).put("payee", i.payee()).put("date", i.paidOn().toString())
                .put("paymentMethod", i.paymentMethod().wireName()).put("purpose", i.purpose()).put("hasImage", i.hasImage());
        if (i.decision() != null) {
            o.put("review", new JsonObject().put("decision", i.decision().wireName()).put("reason", i.reason()).put("by", i.reviewerName())
                    .put("at", i.reviewedAt().atZone(DisclosureMonth.ZONE).toOffsetDateTime().toString()));
        }
        return o;
    }
}
