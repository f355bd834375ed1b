package org.jianqun.core.disclosure;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jianqun.core.identity.IdNumberHash;

/** What a bookkeeper uploads for a month: finance statement lines, invoices, projects and people's-interest items. */
public record DisclosureLines(List<FinanceLine> finance, List<Invoice> invoices, List<Project> projects, List<Subsidy> subsidies) {
    public DisclosureLines {
        finance = List.copyOf(finance);
        invoices = List.copyOf(invoices);
        projects = List.copyOf(projects);
        subsidies = List.copyOf(subsidies);
    }

    public enum Direction {
        INCOME("收入"), SPENDING("支出");

        private final String label;

        Direction(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * A line of the month's statement; a spending line names the invoice it was reimbursed with
     * ({@code invoice}: its number as uploaded), or none, which a smart warning notices.
     */
    public record FinanceLine(int row, Direction direction, String item, Money amount, Optional<String> invoice) {
        public FinanceLine {
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(invoice, "invoice");
        }
    }

    /** An invoice reimbursed this month; {@code image} a stripped JPEG of it, when one was sent. */
    public record Invoice(int row, InvoiceNumber number, Money amount, String payee, LocalDate date, PaymentMethod method, String purpose,
                          Optional<byte[]> image) {
        public Invoice {
            Objects.requireNonNull(number, "number");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(payee, "payee");
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(image, "image");
        }
    }

    /** A construction project's standing: {@code progress} in percent. */
    public record Project(int row, String name, Money budget, Money spent, int progress, String contractor) {
        public Project {
            if (progress < 0 || progress > 100) {
                throw new IllegalArgumentException("progress is 0 to 100 percent");
            }
        }
    }

    /**
     * A people's-interest item (涉民利益事项): a subsidy of some kind paid to a person; {@code idNumber} the hash of
     * the recipient's ID number when the line gave one (the number itself is never kept), which the smart warnings
     * match on instead of the name.
     */
    public record Subsidy(int row, String recipient, String kind, Money amount, Optional<IdNumberHash> idNumber) {
        public Subsidy {
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(idNumber, "idNumber");
        }

        public Subsidy(int row, String recipient, String kind, Money amount) {
            this(row, recipient, kind, amount, Optional.empty());
        }
    }
}
