package org.jianqun.core.disclosure;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jianqun.core.identity.IdNumber;
import org.jianqun.core.identity.IdNumberHash;

/**
 * Reads an upload's lines from JSON ({@code finance}, {@code invoices}, {@code projects}, {@code subsidies}
 * arrays of objects), checking every cell: all problems are collected with their row and column, and
 * lines come back only when there are none.
 */
public final class JsonLines {
    static final int MAX_TEXT = 100;
    static final int MAX_ROWS = 5_000;
    /** Set by {@link SheetLines}: the file line a row came from, which its problems name instead of its place in its part. */
    static final String LINE = "_line";
    /** How the stored lines carry a recipient's ID number: its hash, never the number. */
    static final String ID_NUMBER_HASH = "idNumberHash";
    private static final List<String> ID_NUMBER_FIELDS = List.of("idNumber", "身份证号", ID_NUMBER_HASH);

    private final DisclosureMonth month;
    private final List<LineProblem> problems = new ArrayList<>();

    private JsonLines(DisclosureMonth month) {
        this.month = month;
    }

    /** The lines, or every problem found. */
    public sealed interface Parsed {
    }

    public record Lines(DisclosureLines lines) implements Parsed {
    }

    public record Problems(List<LineProblem> problems) implements Parsed {
        public Problems {
            problems = List.copyOf(problems);
        }
    }

    public static Parsed parse(JsonObject body, DisclosureMonth month) {
        return new JsonLines(month).read(body);
    }

    private Parsed read(JsonObject body) {
        List<DisclosureLines.FinanceLine> finance = new ArrayList<>();
        List<DisclosureLines.Invoice> invoices = new ArrayList<>();
        List<DisclosureLines.Project> projects = new ArrayList<>();
        List<DisclosureLines.Subsidy> subsidies = new ArrayList<>();
        rows(body, "finance").forEach((row, o) -> finance(row, o).ifPresent(finance::add));
        rows(body, "invoices").forEach((row, o) -> invoice(row, o).ifPresent(invoices::add));
        rows(body, "projects").forEach((row, o) -> project(row, o).ifPresent(projects::add));
        rows(body, "subsidies").forEach((row, o) -> subsidy(row, o).ifPresent(subsidies::add));
        if (finance.isEmpty() && invoices.isEmpty() && projects.isEmpty() && subsidies.isEmpty() && problems.isEmpty()) {
            problems.add(new LineProblem("file", 0, "", "上传内容为空：至少需要一行财务收支、发票、项目或涉民利益事项"));
        }
        return problems.isEmpty() ? new Lines(new DisclosureLines(finance, invoices, projects, subsidies)) : new Problems(problems);
    }

    /** Rows by their 1-based number; a part that is not an array of objects is a problem of its own. */
    private java.util.Map<Integer, JsonObject> rows(JsonObject body, String part) {
        java.util.Map<Integer, JsonObject> rows = new java.util.LinkedHashMap<>();
        Object value = body.getValue(part);
        if (value == null) {
            return rows;
        }
        if (!(value instanceof JsonArray array)) {
            problems.add(new LineProblem(part, 0, "", part + " 应为数组"));
            return rows;
        }
        if (array.size() > MAX_ROWS) {
            problems.add(new LineProblem(part, 0, "", part + " 超过 " + MAX_ROWS + " 行"));
            return rows;
        }
        for (int i = 0; i < array.size(); i++) {
            if (array.getValue(i) instanceof JsonObject o) {
                rows.put(o.getValue(LINE) instanceof Integer line ? line : i + 1, o);
            } else {
                problems.add(new LineProblem(part, i + 1, "", "每一行应为对象"));
            }
        }
        return rows;
    }

    /**
     * The lines as JSON in the upload's own shape (without images): what is stored, hashed for idempotence and
     * read again with {@link #parse} for rendering.
     */
    public static JsonObject canonical(DisclosureLines lines) {
        JsonArray finance = new JsonArray();
        lines.finance().forEach(f -> finance.add(new JsonObject().put("kind", f.direction() == DisclosureLines.Direction.INCOME ? "income" : "spending")
                .put("item", f.item()).put("amount", f.amount().yuan()).put("invoice", f.invoice().orElse(null))));
        JsonArray invoices = new JsonArray();
        lines.invoices().forEach(i -> {
            JsonObject o = new JsonObject();
            if (i.number() instanceof InvoiceNumber.CodeAndNumber c) {
                o.put("code", c.code()).put("number", c.number());
            } else if (i.number() instanceof InvoiceNumber.FullyDigital d) {
                o.put("digitalNumber", d.number());
            }
            invoices.add(o.put("amount", i.amount().yuan()).put("payee", i.payee()).put("date", i.date().toString())
                    .put("paymentMethod", i.method().wireName()).put("purpose", i.purpose()));
        });
        JsonArray projects = new JsonArray();
        lines.projects().forEach(p -> projects.add(new JsonObject().put("name", p.name()).put("budget", p.budget().yuan())
                .put("spent", p.spent().yuan()).put("progress", p.progress()).put("contractor", p.contractor())));
        JsonArray subsidies = new JsonArray();
        lines.subsidies().forEach(s -> {
            JsonObject o = new JsonObject().put("recipient", s.recipient()).put("kind", s.kind()).put("amount", s.amount().yuan());
            s.idNumber().ifPresent(h -> o.put(ID_NUMBER_HASH, h.hex()));
            subsidies.add(o);
        });
        return new JsonObject().put("finance", finance).put("invoices", invoices).put("projects", projects).put("subsidies", subsidies);
    }

    private Optional<DisclosureLines.FinanceLine> finance(int row, JsonObject o) {
        int before = problems.size();
        String kind = text(o, "finance", row, "kind", true);
        DisclosureLines.Direction direction = null;
        if (kind != null) {
            direction = switch (kind) {
                case "income", "收入" -> DisclosureLines.Direction.INCOME;
                case "spending", "支出" -> DisclosureLines.Direction.SPENDING;
                default -> {
                    problem("finance", row, "kind", "应为 income（收入）或 spending（支出）");
                    yield null;
                }
            };
        }
        String item = text(o, "finance", row, "item", true);
        Money amount = money(o, "finance", row, "amount");
        String invoice = text(o, "finance", row, "invoice", false);
        return problems.size() > before ? Optional.empty()
                : Optional.of(new DisclosureLines.FinanceLine(row, direction, item, amount, Optional.ofNullable(invoice)));
    }

    private Optional<DisclosureLines.Invoice> invoice(int row, JsonObject o) {
        int before = problems.size();
        InvoiceNumber number = invoiceNumber(o, row);
        Money amount = money(o, "invoices", row, "amount");
        String payee = text(o, "invoices", row, "payee", true);
        LocalDate date = null;
        String dateText = text(o, "invoices", row, "date", true);
        if (dateText != null) {
            try {
                date = LocalDate.parse(dateText);
                if (!month.contains(date)) {
                    problem("invoices", row, "date", "日期 " + dateText + " 不在 " + month.label() + " 内");
                }
            } catch (DateTimeParseException e) {
                problem("invoices", row, "date", "日期应写作 yyyy-MM-dd，收到 '" + dateText + "'");
            }
        }
        String methodText = text(o, "invoices", row, "paymentMethod", true);
        PaymentMethod method = null;
        if (methodText != null) {
            method = PaymentMethod.parse(methodText).orElse(null);
            if (method == null) {
                problem("invoices", row, "paymentMethod", "支付方式应为 转账、现金、支票 或 公务卡");
            }
        }
        String purpose = text(o, "invoices", row, "purpose", true);
        Optional<byte[]> image = image(o, row);
        return problems.size() > before ? Optional.empty()
                : Optional.of(new DisclosureLines.Invoice(row, number, amount, payee, date, method, purpose, image));
    }

    private InvoiceNumber invoiceNumber(JsonObject o, int row) {
        String digital = digits(o, "digitalNumber");
        String code = digits(o, "code");
        String number = digits(o, "number");
        if (digital != null) {
            if (code != null || number != null) {
                problem("invoices", row, "digitalNumber", "全电发票只填 20 位号码，不填发票代码和 8 位号码");
                return null;
            }
            if (!digital.matches("[0-9]{20}")) {
                problem("invoices", row, "digitalNumber", "全电发票号码应为 20 位数字，收到 " + digital.length() + " 位");
                return null;
            }
            return new InvoiceNumber.FullyDigital(digital);
        }
        boolean bad = false;
        if (code == null || !code.matches("[0-9]{10}|[0-9]{12}")) {
            problem("invoices", row, "code", code == null ? "缺少发票代码（或填写全电发票的 20 位号码 digitalNumber）"
                    : "发票代码应为 10 或 12 位数字，收到 " + code.length() + " 位");
            bad = true;
        }
        if (number == null || !number.matches("[0-9]{8}")) {
            problem("invoices", row, "number", number == null ? "缺少 8 位发票号码" : "发票号码应为 8 位数字，收到 " + number.length() + " 位");
            bad = true;
        }
        return bad ? null : new InvoiceNumber.CodeAndNumber(code, number);
    }

    /** A number cell as its digits: a sheet or JSON may write it as a number, which is read without a decimal point. */
    private static String digits(JsonObject o, String field) {
        Object v = o.getValue(field);
        if (v == null) {
            return null;
        }
        String s = v instanceof Number n ? new java.math.BigDecimal(n.toString()).toPlainString() : v.toString().strip();
        return s.isEmpty() ? null : s;
    }

    private Optional<byte[]> image(JsonObject o, int row) {
        Object v = o.getValue("image");
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String base64) || base64.length() > InvoiceImages.MAX_BASE64) {
            problem("invoices", row, "image", "发票图片应为 base64 编码，不超过 " + InvoiceImages.MAX_BYTES / (1024 * 1024) + " MB");
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            problem("invoices", row, "image", "发票图片不是有效的 base64");
            return Optional.empty();
        }
        org.jianqun.core.media.ImageCleaner.Cleaning cleaned = InvoiceImages.clean(bytes);
        if (cleaned instanceof org.jianqun.core.media.ImageCleaner.Cleaning.Refused refused) {
            problem("invoices", row, "image", "发票图片：" + refused.refusal().message());
            return Optional.empty();
        }
        return Optional.of(((org.jianqun.core.media.ImageCleaner.Cleaning.Clean) cleaned).image().bytes());
    }

    private Optional<DisclosureLines.Project> project(int row, JsonObject o) {
        int before = problems.size();
        String name = text(o, "projects", row, "name", true);
        Money budget = money(o, "projects", row, "budget");
        Money spent = money(o, "projects", row, "spent");
        Integer progress = null;
        Object p = o.getValue("progress");
        if (p == null || !p.toString().strip().matches("[0-9]{1,3}") || Integer.parseInt(p.toString().strip()) > 100) {
            problem("projects", row, "progress", "进度应为 0 到 100 的整数（百分比）");
        } else {
            progress = Integer.parseInt(p.toString().strip());
        }
        String contractor = text(o, "projects", row, "contractor", true);
        return problems.size() > before ? Optional.empty()
                : Optional.of(new DisclosureLines.Project(row, name, budget, spent, progress, contractor));
    }

    private Optional<DisclosureLines.Subsidy> subsidy(int row, JsonObject o) {
        int before = problems.size();
        String recipient = text(o, "subsidies", row, "recipient", true);
        String kind = text(o, "subsidies", row, "kind", true);
        Money amount = money(o, "subsidies", row, "amount");
        Optional<IdNumberHash> idNumber = recipientIdNumber(o, row);
        return problems.size() > before ? Optional.empty() : Optional.of(new DisclosureLines.Subsidy(row, recipient, kind, amount, idNumber));
    }

    /**
     * The recipient's ID number, optional: {@code idNumber} (or a sheet's 身份证号 column) checked with its checksum
     * and kept only as its hash; {@code idNumberHash} is that hash, as the stored lines hold it. A problem never
     * repeats the number.
     */
    private Optional<IdNumberHash> recipientIdNumber(JsonObject o, int row) {
        List<String> given = ID_NUMBER_FIELDS.stream().filter(f -> o.getValue(f) != null && !o.getValue(f).toString().isBlank()).toList();
        if (given.isEmpty()) {
            return Optional.empty();
        }
        if (given.size() > 1) {
            problem("subsidies", row, given.get(1), "身份证号只填一列（" + String.join("、", given) + " 重复）");
            return Optional.empty();
        }
        String field = given.get(0);
        String text = digits(o, field);
        if (field.equals(ID_NUMBER_HASH)) {
            Optional<IdNumberHash> hash = IdNumberHash.parse(text);
            if (hash.isEmpty()) {
                problem("subsidies", row, field, "应为身份证号的 SHA-256（64 位十六进制）");
            }
            return hash;
        }
        Optional<String> wrong = IdNumber.problem(text);
        if (wrong.isPresent()) {
            // The length helps find a digit lost or doubled; the number itself is never echoed.
            problem("subsidies", row, field, wrong.get() + (text.length() != 18 ? "，收到 " + text.codePointCount(0, text.length()) + " 个字符" : ""));
            return Optional.empty();
        }
        return IdNumber.parse(text).map(IdNumberHash::of);
    }

    private String text(JsonObject o, String part, int row, String column, boolean required) {
        Object v = o.getValue(column);
        String s = v == null ? null : v.toString().strip();
        if (s == null || s.isEmpty()) {
            if (required) {
                problem(part, row, column, "不能为空");
            }
            return null;
        }
        if (s.codePointCount(0, s.length()) > MAX_TEXT) {
            problem(part, row, column, "超过 " + MAX_TEXT + " 个字");
            return null;
        }
        return s;
    }

    private Money money(JsonObject o, String part, int row, String column) {
        Object v = o.getValue(column);
        if (v == null || v.toString().isBlank()) {
            problem(part, row, column, "金额不能为空");
            return null;
        }
        Optional<Money> m = Money.parse(v);
        if (m.isEmpty()) {
            problem(part, row, column, "金额应为不小于 0、最多两位小数的数字，收到 '" + shortened(v.toString()) + "'");
            return null;
        }
        return m.get();
    }

    private static String shortened(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "…";
    }

    private void problem(String part, int row, String column, String message) {
        problems.add(new LineProblem(part, row, column, message));
    }
}
