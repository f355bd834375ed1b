package org.jianqun.core.disclosure;

import java.math.BigDecimal;
import java.util.Optional;

/** An amount of yuan held as whole fen (cents), never negative. */
public record Money(long cents) implements Comparable<Money> {
    /** A village's single line never reaches ten billion yuan: anything above is a typing error. */
    static final long MAX_CENTS = 1_000_000_000_000L;
    public static final Money ZERO = new Money(0);

    public Money {
        if (cents < 0) {
            throw new IllegalArgumentException("an amount is never negative");
        }
    }

    /** {@code 1234.5}, {@code "1,234.50"}: empty when it is not a non-negative amount with at most two decimals. */
    public static Optional<Money> parse(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        String text = value.toString().strip().replace(",", "").replace("，", "");
        if (text.isEmpty() || !text.matches("-?[0-9]+(\\.[0-9]+)?")) {
            return Optional.empty();
        }
        BigDecimal amount = new BigDecimal(text);
        if (amount.signum() < 0 || amount.stripTrailingZeros().scale() > 2) {
            return Optional.empty();
        }
        BigDecimal cents = amount.movePointRight(2);
        if (cents.compareTo(BigDecimal.valueOf(MAX_CENTS)) > 0) {
            return Optional.empty();
        }
        return Optional.of(new Money(cents.longValueExact()));
    }

    public Money plus(Money other) {
        return new Money(cents + other.cents);
    }

    /** {@code 1234.50} */
    public String yuan() {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    @Override
    public int compareTo(Money o) {
        return Long.compare(cents, o.cents);
    }

    @Override
    public String toString() {
        return yuan();
    }
}
