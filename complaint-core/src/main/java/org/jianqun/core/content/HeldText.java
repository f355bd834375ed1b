package org.jianqun.core.content;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Text the content check held for an officer (verdict REVIEW), or that an officer has since released or refused:
 * what it says, the village it came from, when it was held, and where it would be shown ({@link #where}).
 */
public record HeldText(HeldRef ref, String villageCode, String text, Instant at, State state, String where) {
    public enum State {
        AWAITING("待审"), RELEASED("已放行"), REFUSED("不予显示");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The ticket the words are of, for a report. */
    public Optional<Long> ticketNo() {
        return ref instanceof HeldRef.Report r ? Optional.of(r.ticketNo()) : Optional.empty();
    }

    /** A row as held text; empty when the check never held it (passed, risky, not yet asked). */
    static Optional<HeldText> of(HeldContentMapper.Row row) {
        if (row == null) {
            return Optional.empty();
        }
        Optional<State> state = switch (row.verdict().toUpperCase(Locale.ROOT)) {
            case "REVIEW" -> Optional.of(State.AWAITING);
            case "RELEASED" -> Optional.of(State.RELEASED);
            case "REFUSED" -> Optional.of(State.REFUSED);
            default -> Optional.empty();
        };
        boolean report = row.source().equals("report");
        HeldRef ref = report ? new HeldRef.Report(row.id()) : new HeldRef.Comment(row.id(), row.voter());
        String where = report ? "本村群的工单简报（#" + row.id() + "）" : "民意调查「" + row.question() + "」的留言";
        return state.map(s -> new HeldText(ref, row.villageCode(), row.text(), row.at(), s, where));
    }
}
