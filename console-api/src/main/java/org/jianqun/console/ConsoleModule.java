package org.jianqun.console;

import java.util.List;
import org.jianqun.console.web.ConsoleWebRoutes;
import org.jianqun.core.CoreServices;
import org.jianqun.core.http.ApiRoutes;
import org.jianqun.core.operations.ChatSideReports;
import org.jianqun.core.patrol.FlaggedMessages;
import org.jianqun.core.roles.RoleModule;

/** The {@code console} role: the officers' and administrators' HTTP API and the web console it serves at {@code /console/}. */
public final class ConsoleModule implements RoleModule {
    private final ConsoleApi api;
    private final ConsoleWebRoutes pages = new ConsoleWebRoutes();

    /**
     * @param chatSide the administrators' views of the chat side's tables (the gateway implements them)
     * @param flagged  the chat side's flagged messages, for patrol (the gateway implements it)
     */
    public ConsoleModule(CoreServices core, ChatSideReports chatSide, FlaggedMessages flagged) {
        this.api = new ConsoleApi(core, chatSide, flagged);
    }

    @Override
    public List<ApiRoutes> routes() {
        return List.of(api, pages);
    }
}
