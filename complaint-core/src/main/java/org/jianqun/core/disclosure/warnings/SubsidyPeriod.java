package org.jianqun.core.disclosure.warnings;

import java.time.YearMonth;
import java.util.Optional;
import org.jianqun.core.disclosure.DisclosureMonth;
import org.jianqun.core.wire.WireWords;

/**
 * The calendar period within which one kind of subsidy is paid to a person once, for the rule
 * {@link WarningRule#SUBSIDY_TWICE}: a month's upload is compared with the other months of its period.
 */
public enum SubsidyPeriod {
    MONTH(1, "同月"), QUARTER(3, "同一季度"), HALF_YEAR(6, "同一半年"), YEAR(12, "同一年度");

    /**
     * The default: most one-off subsidies (耕地地力保护补贴、临时救助 of one need、一次性慰问金) are granted and
     * audited per calendar year (the budget year, 预算年度), so a second payment in the same year is what
     * auditors look for. Kinds paid every month (高龄补贴、低保金 …) are given {@link #MONTH} per kind
     * (table {@code disclosure_subsidy_period}), or every monthly payment would be "twice".
     */
    public static final SubsidyPeriod DEFAULT = YEAR;

    private final int months;
    private final String label;

    SubsidyPeriod(int months, String label) {
        this.months = months;
        this.label = label;
    }

    /** The first month of the period that holds {@code month}. */
    public DisclosureMonth first(DisclosureMonth month) {
        YearMonth m = month.month();
        return new DisclosureMonth(m.withMonth((m.getMonthValue() - 1) / months * months + 1));
    }

    public DisclosureMonth last(DisclosureMonth month) {
        return new DisclosureMonth(first(month).month().plusMonths(months - 1));
    }

    public boolean holds(DisclosureMonth period, DisclosureMonth other) {
        return first(period).compareTo(other) <= 0 && other.compareTo(last(period)) <= 0;
    }

    /** {@code 同一年度（2026年1月至12月）} */
    public String describe(DisclosureMonth month) {
        DisclosureMonth from = first(month);
        DisclosureMonth to = last(month);
        return from.equals(to) ? from.label() : label + "（" + from.label() + "至" + to.month().getMonthValue() + "月）";
    }

    public String wireName() {
        return WireWords.of(this);
    }

    public static Optional<SubsidyPeriod> fromWire(String word) {
        return word == null ? Optional.empty() : WireWords.parse(SubsidyPeriod.class, word.toLowerCase(java.util.Locale.ROOT));
    }
}
