package org.jianqun.core.disclosure.warnings;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.disclosure.DisclosureLines;
import org.jianqun.core.disclosure.DisclosureMapper;
import org.jianqun.core.disclosure.DisclosureMonth;
import org.jianqun.core.disclosure.Money;
import org.jianqun.core.disclosure.PaymentMethod;
import org.jianqun.core.ticket.WarningColour;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the named rules over one upload, with what the county's earlier uploads say (read in the upload's
 * transaction), under the county's settings. Each warning carries its evidence rows.
 */
public final class SmartWarnings {
    private static final Logger LOG = LoggerFactory.getLogger(SmartWarnings.class);
    private final Map<WarningRule, RuleSetting> settings;
    private final SubsidyRules subsidies;

    private SmartWarnings(Map<WarningRule, RuleSetting> settings, SubsidyRules subsidies) {
        this.settings = settings;
        this.subsidies = subsidies;
    }

    /** The county's settings: its own rows, else the defaults; a rule with neither is off. */
    public static SmartWarnings forCounty(SqlSession session, String countyCode) {
        DisclosureMapper mapper = session.getMapper(DisclosureMapper.class);
        Map<WarningRule, RuleSetting> settings = new EnumMap<>(WarningRule.class);
        for (RuleSetting.Row row : mapper.ruleSettings(countyCode)) {
            Optional<WarningRule> rule = WarningRule.fromWire(row.ruleName().toLowerCase(Locale.ROOT));
            Optional<WarningColour> colour = colour(row.colour());
            if (rule.isPresent() && colour.isPresent()) {
                settings.put(rule.get(), new RuleSetting(rule.get(), row.enabled(), colour.get(), row.thresholdCents(), row.windowDays(),
                        period(countyCode, row.ruleName(), row.period()), colour(row.nameMatchColour()).orElse(null)));
            }
        }
        Map<String, SubsidyPeriod> kinds = new java.util.HashMap<>();
        for (DisclosureMapper.KindPeriod k : mapper.subsidyPeriods(countyCode)) {
            SubsidyPeriod p = period(countyCode, k.kind(), k.period());
            if (p != null) {
                kinds.put(k.kind(), p);
            }
        }
        return new SmartWarnings(settings, new SubsidyRules(kinds));
    }

    private static Optional<WarningColour> colour(String word) {
        return word == null ? Optional.empty() : org.jianqun.core.wire.WireWords.parse(WarningColour.class, word.toLowerCase(Locale.ROOT));
    }

    /** A period a county wrote by hand that is none of ours is left to the default, and said so in the log. */
    private static SubsidyPeriod period(String countyCode, String of, String word) {
        if (word == null) {
            return null;
        }
        Optional<SubsidyPeriod> p = SubsidyPeriod.fromWire(word);
        if (p.isEmpty()) {
            LOG.warn("county {}: period '{}' of {} is none of month|quarter|half_year|year; the default ({}) applies", countyCode, word, of,
                    SubsidyPeriod.DEFAULT.wireName());
        }
        return p.orElse(null);
    }

    public Optional<RuleSetting> setting(WarningRule rule) {
        return Optional.ofNullable(settings.get(rule)).filter(RuleSetting::enabled);
    }

    /** Every warning the upload raises, rule by rule in the rules' order. */
    public List<SmartWarning> evaluate(SqlSession session, String countyCode, String villageCode, DisclosureMonth month, DisclosureLines lines) {
        DisclosureMapper mapper = session.getMapper(DisclosureMapper.class);
        List<SmartWarning> found = new ArrayList<>();
        setting(WarningRule.DUPLICATE_INVOICE).ifPresent(s -> duplicates(mapper, s, countyCode, villageCode, month, lines, found));
        setting(WarningRule.SPLIT_PAYMENTS).ifPresent(s -> splits(mapper, s, villageCode, month, lines, found));
        setting(WarningRule.CASH_PAYMENT).ifPresent(s -> lines.invoices().stream().filter(i -> i.method() == PaymentMethod.CASH).forEach(i ->
                found.add(new SmartWarning(s.rule(), s.colour(), "发票第 " + i.row() + " 行以现金支付 " + i.amount().yuan() + " 元给 " + i.payee()
                        + "（应杜绝现金支付）", new JsonArray().add(invoiceEvidence(villageCode, month, i))))));
        setting(WarningRule.NO_INVOICE).ifPresent(s -> lines.finance().stream()
                .filter(f -> f.direction() == DisclosureLines.Direction.SPENDING && f.invoice().isEmpty()).forEach(f ->
                        found.add(new SmartWarning(s.rule(), s.colour(), "财务第 " + f.row() + " 行支出 " + f.amount().yuan() + " 元（" + f.item()
                                + "）没有对应发票", new JsonArray().add(new JsonObject().put("part", "finance").put("row", f.row())
                                .put("item", f.item()).put("amount", f.amount().yuan()))))));
        setting(WarningRule.SUBSIDY_TWICE).ifPresent(s -> subsidies.twice(session, s, countyCode, villageCode, month, lines, found));
        setting(WarningRule.RELATIVE_SUBSIDY).ifPresent(s -> subsidies.relatives(session, s, villageCode, lines, found));
        return found;
    }

    private static void duplicates(DisclosureMapper mapper, RuleSetting s, String countyCode, String villageCode, DisclosureMonth month,
                                   DisclosureLines lines, List<SmartWarning> found) {
        if (lines.invoices().isEmpty()) {
            return;
        }
        Map<String, List<DisclosureLines.Invoice>> byKey = lines.invoices().stream()
                .collect(Collectors.groupingBy(i -> i.number().key(), LinkedHashMap::new, Collectors.toList()));
        Map<String, List<DisclosureMapper.SeenInvoice>> elsewhere = mapper.seenElsewhere(countyCode, byKey.keySet(), villageCode, month.wire())
                .stream().collect(Collectors.groupingBy(DisclosureMapper.SeenInvoice::invoiceKey));
        for (Map.Entry<String, List<DisclosureLines.Invoice>> e : byKey.entrySet()) {
            List<DisclosureMapper.SeenInvoice> seen = elsewhere.getOrDefault(e.getKey(), List.of());
            if (e.getValue().size() < 2 && seen.isEmpty()) {
                continue;
            }
            JsonArray evidence = new JsonArray();
            e.getValue().forEach(i -> evidence.add(invoiceEvidence(villageCode, month, i)));
            seen.forEach(x -> evidence.add(new JsonObject().put("villageCode", x.villageCode()).put("month", x.disclosureMonth()).put("version", x.version())
                    .put("part", "invoices").put("row", x.lineNo()).put("amount", new Money(x.amountCents()).yuan()).put("payee", x.payee())));
            DisclosureLines.Invoice first = e.getValue().get(0);
            found.add(new SmartWarning(s.rule(), s.colour(), "发票 " + first.number().display() + " 在本县已报销过（共 " + evidence.size() + " 次）",
                    evidence));
        }
    }

    private static void splits(DisclosureMapper mapper, RuleSetting s, String villageCode, DisclosureMonth month, DisclosureLines lines,
                               List<SmartWarning> found) {
        if (s.thresholdCents() == null || s.windowDays() == null || lines.invoices().isEmpty()) {
            return;
        }
        long threshold = s.thresholdCents();
        int window = s.windowDays();
        Map<String, List<DisclosureLines.Invoice>> byPayee = lines.invoices().stream()
                .collect(Collectors.groupingBy(DisclosureLines.Invoice::payee, LinkedHashMap::new, Collectors.toList()));
        LocalDate first = lines.invoices().stream().map(DisclosureLines.Invoice::date).min(LocalDate::compareTo).orElseThrow();
        LocalDate last = lines.invoices().stream().map(DisclosureLines.Invoice::date).max(LocalDate::compareTo).orElseThrow();
        Map<String, List<DisclosureMapper.SeenInvoice>> before = mapper.paidToAround(villageCode, month.wire(), byPayee.keySet(),
                first.minusDays(window), last.plusDays(window)).stream().collect(Collectors.groupingBy(DisclosureMapper.SeenInvoice::payee));
        for (Map.Entry<String, List<DisclosureLines.Invoice>> e : byPayee.entrySet()) {
            List<DisclosureLines.Invoice> under = e.getValue().stream().filter(i -> i.amount().cents() < threshold).toList();
            List<DisclosureMapper.SeenInvoice> earlier = before.getOrDefault(e.getKey(), List.of()).stream()
                    .filter(x -> x.amountCents() < threshold).toList();
            // The window is judged from this month's payments: any earlier one within it joins their sum.
            long sum = under.stream().mapToLong(i -> i.amount().cents()).sum() + earlier.stream().mapToLong(DisclosureMapper.SeenInvoice::amountCents).sum();
            int count = under.size() + earlier.size();
            if (under.isEmpty() || count < 2 || sum < threshold) {
                continue;
            }
            JsonArray evidence = new JsonArray();
            under.forEach(i -> evidence.add(invoiceEvidence(villageCode, month, i)));
            earlier.forEach(x -> evidence.add(new JsonObject().put("villageCode", x.villageCode()).put("month", x.disclosureMonth()).put("part", "invoices")
                    .put("row", x.lineNo()).put("amount", new Money(x.amountCents()).yuan()).put("payee", x.payee())));
            found.add(new SmartWarning(s.rule(), s.colour(), window + " 天内向 " + e.getKey() + " 支付 " + count + " 笔，每笔均低于审批额 "
                    + new Money(threshold).yuan() + " 元，合计 " + new Money(sum).yuan() + " 元", evidence));
        }
    }

    private static JsonObject invoiceEvidence(String villageCode, DisclosureMonth month, DisclosureLines.Invoice i) {
        return new JsonObject().put("villageCode", villageCode).put("month", month.wire()).put("part", "invoices").put("row", i.row())
                .put("invoice", i.number().display()).put("amount", i.amount().yuan()).put("payee", i.payee()).put("date", i.date().toString())
                .put("paymentMethod", i.method().wireName());
    }
}
