package org.jianqun.core.disclosure;

import java.util.Optional;
import org.jianqun.core.wire.WireWords;

/** How an expense was paid; cash is what the seeds' rule forbids (杜绝现金支付). */
public enum PaymentMethod {
    TRANSFER("转账"), CASH("现金"), CHEQUE("支票"), CARD("公务卡");

    private final String label;

    PaymentMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String wireName() {
        return WireWords.of(this);
    }

    /** By wire name ({@code cash}) or by its Chinese label ({@code 现金}), as a bookkeeper's sheet writes it. */
    public static Optional<PaymentMethod> parse(String word) {
        if (word == null) {
            return Optional.empty();
        }
        for (PaymentMethod m : values()) {
            if (m.label.equals(word.strip())) {
                return Optional.of(m);
            }
        }
        return WireWords.parse(PaymentMethod.class, word.strip());
    }
}
