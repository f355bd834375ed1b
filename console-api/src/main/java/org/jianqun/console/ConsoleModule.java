package org.jianqun.console;

import java.util.List;
import org.jianqun.console.web.ConsoleWebRoutes;
import org.jianqun.core.CoreServices;
import org.jianqun.core.http.ApiRoutes;
import org.jianqun.core.operations.ChatSideReports;
import org.jianqun.core.roles.RoleModule;

/** The {@code console} role: the officers' and administrators' HTTP API and the web console it serves at {@code /console/}. */
public final class ConsoleModule implements RoleModule {
    private final ConsoleApi api;
    private final ConsoleWebRoutes pages = new ConsoleWebRoutes();

    /** @param chatSide the administrators' views of the chat side's tables (the gateway implements them) */
    public ConsoleModule(CoreServices core, ChatSideReports chatSide) {
        this.api = new ConsoleApi(core, chatSide);
    }

    @Override
    public List<ApiRoutes> routes() {
        return List.of(api, pages);
    }
}
