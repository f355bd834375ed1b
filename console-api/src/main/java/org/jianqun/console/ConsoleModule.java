package org.jianqun.console;

import io.vertx.core.Deployable;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jianqun.console.stats.CommonProblemsVerticle;
import org.jianqun.core.clues.VillageClueCounts;
import org.jianqun.core.identity.IdentityCipher;
import org.jianqun.console.web.ConsoleWebRoutes;
import org.jianqun.core.CoreServices;
import org.jianqun.core.config.ConfigException;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.http.ApiRoutes;
import org.jianqun.core.operations.ChatSideReports;
import org.jianqun.core.patrol.FlaggedMessages;
import org.jianqun.core.roles.RoleModule;
import org.jianqun.core.statistics.CommonProblemsJob;
import org.jianqun.core.statistics.DiligenceWeights;
import org.jianqun.core.statistics.Statistics;
import org.jianqun.core.statistics.StatisticsBackfill;

/** The {@code console} role: the officers' and administrators' HTTP API and the web console it serves at {@code /console/}. */
public final class ConsoleModule implements RoleModule {
    private final ConsoleApi api;
    private final ConsoleWebRoutes pages = new ConsoleWebRoutes();
    private final CommonProblemsJob commonProblems;

    /** @param chatSide the administrators' views of the chat side's tables (the gateway implements them) */
    public ConsoleModule(CoreServices core, ChatSideReports chatSide) {
        this(core, chatSide, FlaggedMessages.NONE, ConfigSource.fromEnvironment(System.getenv()));
    }

    /**
     * @param chatSide the administrators' views of the chat side's tables (the gateway implements them)
     * @param flagged  the chat side's flagged messages, for patrol (the gateway implements it)
     */
    public ConsoleModule(CoreServices core, ChatSideReports chatSide, FlaggedMessages flagged) {
        this(core, chatSide, flagged, ConfigSource.fromEnvironment(System.getenv()));
    }

    /** @param settings where {@link DiligenceWeights#SETTING} is read (the environment, or a config file mirroring it) */
    public ConsoleModule(CoreServices core, ChatSideReports chatSide, ConfigSource settings) {
        this(core, chatSide, FlaggedMessages.NONE, settings);
    }

    public ConsoleModule(CoreServices core, ChatSideReports chatSide, FlaggedMessages flagged, ConfigSource settings) {
        this(core, chatSide, flagged, settings, Optional.empty());
    }

    /**
     * @param chatSide   the administrators' views of the chat side's tables (the gateway implements them)
     * @param flagged    the chat side's flagged messages, for patrol (the gateway implements it)
     * @param settings   where {@link DiligenceWeights#SETTING} is read (the environment, or a config file mirroring it)
     * @param identities the data key ring's cipher, which opens real-name reporters' identities for their office
     */
    public ConsoleModule(CoreServices core, ChatSideReports chatSide, FlaggedMessages flagged, ConfigSource settings,
                         Optional<IdentityCipher> identities) {
        DiligenceWeights weights;
        try {
            weights = DiligenceWeights.parse(settings.get(DiligenceWeights.SETTING).orElse(null));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(DiligenceWeights.SETTING, e.getMessage());
        }
        // Tickets from before V17 enter the statistics once, before the console answers for them (blocking, at start-up).
        new StatisticsBackfill(core.database(), core.calendar(), core.clock()).runIfNeeded();
        this.api = new ConsoleApi(new ConsoleParts(core, chatSide, flagged,
                new Statistics(core.database(), new VillageClueCounts(core.database()), weights), identities));
        this.commonProblems = new CommonProblemsJob(core.database());
    }

    @Override
    public List<Supplier<Deployable>> verticles() {
        return List.of(() -> new CommonProblemsVerticle(commonProblems));
    }

    @Override
    public List<ApiRoutes> routes() {
        return List.of(api, pages);
    }
}
