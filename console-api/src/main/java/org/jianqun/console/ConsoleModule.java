package org.jianqun.console;

import java.util.List;
import java.util.Optional;
import org.jianqun.core.identity.IdentityCipher;
import org.jianqun.core.CoreServices;
import org.jianqun.core.http.ApiRoutes;
import org.jianqun.core.operations.ChatSideReports;
import org.jianqun.core.roles.RoleModule;

/** The {@code console} role: the officers' and administrators' HTTP API (and, with its issue, the web console it serves). */
public final class ConsoleModule implements RoleModule {
    private final ConsoleApi api;

    /** @param chatSide the administrators' views of the chat side's tables (the gateway implements them) */
    public ConsoleModule(CoreServices core, ChatSideReports chatSide) {
        this(core, chatSide, Optional.empty());
    }

    /** @param identities the data key ring's cipher, which opens real-name reporters' identities for their office */
    public ConsoleModule(CoreServices core, ChatSideReports chatSide, Optional<IdentityCipher> identities) {
        this.api = new ConsoleApi(core, chatSide, identities);
    }

    @Override
    public List<ApiRoutes> routes() {
        return List.of(api);
    }
}
