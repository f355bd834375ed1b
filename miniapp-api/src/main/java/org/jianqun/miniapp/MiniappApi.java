package org.jianqun.miniapp;

import io.vertx.ext.web.Router;
import org.jianqun.core.CoreServices;
import org.jianqun.core.http.ApiRoutes;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.miniapp.accounts.AuthRoutes;
import org.jianqun.miniapp.admin.DeliveryRoutes;
import org.jianqun.miniapp.admin.ImportRoutes;
import org.jianqun.miniapp.admin.RegionRoutes;
import org.jianqun.miniapp.tickets.AuditRoutes;
import org.jianqun.miniapp.tickets.CalendarRoutes;
import org.jianqun.miniapp.tickets.TicketRoutes;

/**
 * The {@code miniapp} role's HTTP API: accounts, the admin/organisation endpoints, and the officers'
 * console (tickets, the deadline preview, audit verification); the mini-program's own next.
 */
public final class MiniappApi implements ApiRoutes {
    private final CoreServices core;

    public MiniappApi(CoreServices core) {
        this.core = core;
    }

    @Override
    public void mount(Router router, BlockingWork blocking) {
        new AuthRoutes(core.auth()).mount(router, blocking);
        new ImportRoutes(core.auth(), core.importer(), core.actors()).mount(router, blocking);
        new RegionRoutes(core.auth(), core.database()).mount(router, blocking);
        new DeliveryRoutes(core.auth(), core.database(), core.clock()).mount(router, blocking);
        new TicketRoutes(core.auth(), core.desk(), core.queries(), core.actors(), core.clock()).mount(router, blocking);
        new CalendarRoutes(core.calendar()).mount(router);
        new AuditRoutes(core.auth(), core.database()).mount(router, blocking);
    }
}
