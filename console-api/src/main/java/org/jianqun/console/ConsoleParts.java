package org.jianqun.console;

import java.util.Objects;
import java.util.Optional;
import org.jianqun.core.CoreServices;
import org.jianqun.core.clues.VillageClueCounts;
import org.jianqun.core.identity.IdentityCipher;
import org.jianqun.core.operations.ChatSideReports;
import org.jianqun.core.patrol.FlaggedMessages;
import org.jianqun.core.statistics.DiligenceWeights;
import org.jianqun.core.statistics.Statistics;

/**
 * What the {@link ConsoleApi} is built from. {@link ConsoleModule} makes one from the configuration; tests and the
 * benchmark start from {@link #of}.
 *
 * @param chatSide   the administrators' views of the chat side's tables (the gateway implements them)
 * @param flagged    the chat side's flagged messages, for the patrol queue and clues (the gateway implements it)
 * @param statistics the statistics at the configured diligence weights
 * @param identities opens real-name reporters' identities (the data key ring); empty: the reveal answers 503
 */
public record ConsoleParts(CoreServices core, ChatSideReports chatSide, FlaggedMessages flagged, Statistics statistics,
                           Optional<IdentityCipher> identities) {
    public ConsoleParts {
        Objects.requireNonNull(core, "core");
        Objects.requireNonNull(chatSide, "chatSide");
        Objects.requireNonNull(flagged, "flagged");
        Objects.requireNonNull(statistics, "statistics");
        Objects.requireNonNull(identities, "identities");
    }

    /** A console whose patrol sees no chat messages, with default statistics weights and no identity reveal (tests of its other routes, benchmarks). */
    public static ConsoleParts of(CoreServices core, ChatSideReports chatSide) {
        return new ConsoleParts(core, chatSide, FlaggedMessages.NONE,
                new Statistics(core.database(), new VillageClueCounts(core.database()), DiligenceWeights.defaults()), Optional.empty());
    }

    /** These parts with the chat side's flagged messages instead. */
    public ConsoleParts withFlagged(FlaggedMessages flagged) {
        return new ConsoleParts(core, chatSide, flagged, statistics, identities);
    }
}
