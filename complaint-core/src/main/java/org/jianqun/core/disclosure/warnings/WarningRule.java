package org.jianqun.core.disclosure.warnings;

import java.util.Optional;
import org.jianqun.core.wire.WireWords;

/**
 * The named smart-warning rules (智能预警). Each county may switch one off, change its colour, threshold
 * and window (table {@code disclosure_rule_setting}; the platform's defaults are the rows of county '').
 */
public enum WarningRule {
    /** The same invoice (code + number, or the 20-digit number) reimbursed twice anywhere in the county. */
    DUPLICATE_INVOICE("同一发票重复报销"),
    /**
     * Payments to one payee within the window, each under the approval threshold, whose sum is not.
     * Default 5,000 yuan in 30 days: many counties' 村级财务管理办法 put a single expense of 5,000 yuan or more
     * before the 村两委 / 民主理财小组 (e.g. under 四议两公开); a county sets its own figure.
     */
    SPLIT_PAYMENTS("拆分支付规避审批"),
    /** Any cash payment (the seeds' rule: 杜绝现金支付). */
    CASH_PAYMENT("现金支付"),
    /** A spending line with no invoice behind it. */
    NO_INVOICE("支出无发票"),
    /**
     * The same kind of subsidy to the same person twice within a calendar period (the setting's {@code period},
     * default {@link SubsidyPeriod#DEFAULT}, a kind's own in {@code disclosure_subsidy_period}), over the county's
     * ready and published versions.
     */
    SUBSIDY_TWICE("同一人重复领取补贴"),
    /**
     * A subsidy to a cadre's registered relative (the {@code relatives} import): by ID number hash when the line has
     * one (the rule's colour), else by name (the setting's {@code name_match_colour}, default orange: 同名).
     */
    RELATIVE_SUBSIDY("补贴发放给干部登记亲属");

    private final String label;

    WarningRule(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String wireName() {
        return WireWords.of(this);
    }

    public static Optional<WarningRule> fromWire(String word) {
        return WireWords.parse(WarningRule.class, word);
    }
}
