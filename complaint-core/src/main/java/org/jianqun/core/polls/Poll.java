package org.jianqun.core.polls;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jianqun.core.organisation.DivisionCode;

/**
 * A poll (民意调查) for the villagers of one scope (a village, town or county code), open in [opensAt, closesAt).
 * Its options are numbered from 1 in the order given.
 */
public record Poll(long id, String question, ChoiceKind kind, List<String> options, boolean commentAllowed, String scopeCode,
                   Instant opensAt, Instant closesAt, ResultsShown resultsShown, long createdBy) {
    public Poll {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(kind, "kind");
        options = List.copyOf(options);
        Objects.requireNonNull(scopeCode, "scopeCode");
        Objects.requireNonNull(opensAt, "opensAt");
        Objects.requireNonNull(closesAt, "closesAt");
        Objects.requireNonNull(resultsShown, "resultsShown");
    }

    /** Where it stands at {@code now}. */
    public enum Phase {
        NOT_YET_OPEN, OPEN, CLOSED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Phase phase(Instant now) {
        return now.isBefore(opensAt) ? Phase.NOT_YET_OPEN : now.isBefore(closesAt) ? Phase.OPEN : Phase.CLOSED;
    }

    /** Is a villager of {@code villageCode} one of the poll's voters? */
    public boolean covers(String villageCode) {
        return villageCode != null && DivisionCode.covers(scopeCode, villageCode);
    }

    /** May voters see the results now? Officers always may. */
    public boolean resultsVisibleToVoters(Instant now) {
        return resultsShown == ResultsShown.LIVE || phase(now) == Phase.CLOSED;
    }
}
