package org.jianqun.core.disclosure;

/** What one invoice review came to, and where its disclosure stands after it. */
public sealed interface ReviewOutcome {
    /** Recorded; {@code status} is the disclosure's now (READY once every invoice is approved, REJECTED once all are decided and one is not). */
    record Recorded(long disclosureId, int lineNo, Decision decision, DisclosureStatus status, int undecided) implements ReviewOutcome {
    }

    record Refused(Refusal refusal) implements ReviewOutcome {
    }
}
