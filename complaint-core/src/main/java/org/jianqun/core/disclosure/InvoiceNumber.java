package org.jianqun.core.disclosure;

import java.util.Optional;

/**
 * What identifies an invoice across the county: a paper/electronic invoice's code (10 or 12 digits) and
 * 8-digit number, or a fully digital invoice's (全电发票) 20-digit number. {@link #key} is what "the same
 * invoice reimbursed twice" compares.
 */
public sealed interface InvoiceNumber {
    String key();

    /** As shown to people. */
    String display();

    record CodeAndNumber(String code, String number) implements InvoiceNumber {
        public CodeAndNumber {
            if (code == null || !code.matches("[0-9]{10}|[0-9]{12}")) {
                throw new IllegalArgumentException("an invoice code is 10 or 12 digits");
            }
            if (number == null || !number.matches("[0-9]{8}")) {
                throw new IllegalArgumentException("an invoice number is 8 digits");
            }
        }

        @Override
        public String key() {
            return "c:" + code + ":" + number;
        }

        @Override
        public String display() {
            return code + " " + number;
        }
    }

    record FullyDigital(String number) implements InvoiceNumber {
        public FullyDigital {
            if (number == null || !number.matches("[0-9]{20}")) {
                throw new IllegalArgumentException("a fully digital invoice's number is 20 digits");
            }
        }

        @Override
        public String key() {
            return "d:" + number;
        }

        @Override
        public String display() {
            return number;
        }
    }

    /** Back from {@link #key}. */
    static Optional<InvoiceNumber> ofKey(String key) {
        try {
            if (key.startsWith("d:")) {
                return Optional.of(new FullyDigital(key.substring(2)));
            }
            String[] parts = key.split(":");
            return parts.length == 3 && parts[0].equals("c") ? Optional.of(new CodeAndNumber(parts[1], parts[2])) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
