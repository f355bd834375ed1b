package org.jianqun.console;

import io.vertx.ext.web.Router;
import org.jianqun.console.accounts.AuthRoutes;
import org.jianqun.console.admin.DeliveryRoutes;
import org.jianqun.console.admin.HolidayRoutes;
import org.jianqun.console.admin.ImportRoutes;
import org.jianqun.console.admin.RegionRoutes;
import org.jianqun.console.stats.StatsRoutes;
import org.jianqun.console.clues.ClueRoutes;
import org.jianqun.console.patrol.HeldContentRoutes;
import org.jianqun.console.patrol.PatrolRoutes;
import org.jianqun.console.tickets.AuditRoutes;
import org.jianqun.console.tickets.CalendarRoutes;
import org.jianqun.console.tickets.CategoryRoutes;
import org.jianqun.console.tickets.TicketRoutes;
import java.util.Objects;
import org.jianqun.console.polls.PollRoutes;
import org.jianqun.console.tickets.RealNameRoutes;
import org.jianqun.core.CoreServices;
import org.jianqun.core.identity.IdentityVault;
import org.jianqun.core.polls.Polls;
import org.jianqun.core.realname.IdentityReveal;
import org.jianqun.core.audit.AuditWitnesses;
import org.jianqun.core.http.ApiRoutes;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.clues.ClueLibrary;
import org.jianqun.core.content.HeldContent;
import org.jianqun.core.patrol.PatrolLog;
import org.jianqun.core.patrol.PatrolQueue;

/**
 * The {@code console} role's HTTP API: officer login, the admin and organisation endpoints, the ticket
 * console, the deadline preview and audit verification, the patrol queue and log, the clue library and the statistics; disclosure review next.
 */
public final class ConsoleApi implements ApiRoutes {
    private final ConsoleParts parts;

    public ConsoleApi(ConsoleParts parts) {
        this.parts = Objects.requireNonNull(parts, "parts");
    }

    @Override
    public void mount(Router router, BlockingWork blocking) {
        CoreServices core = parts.core();
        new AuthRoutes(core.auth()).mount(router, blocking);
        new ImportRoutes(core.auth(), core.importer(), core.actors()).mount(router, blocking);
        new RegionRoutes(core.auth(), core.database()).mount(router, blocking);
        new DeliveryRoutes(core.auth(), core.database(), parts.chatSide(), core.clock()).mount(router, blocking);
        new TicketRoutes(core.auth(), core.desk(), core.queries(), core.actors(), core.clock()).mount(router, blocking);
        new CalendarRoutes(core.calendar()).mount(router);
        new RealNameRoutes(core.auth(), core.database(), core.desk(), parts.identities().map(cipher ->
                new IdentityReveal(core.database(), new IdentityVault(core.database(), cipher), core.clock()))).mount(router, blocking);
        new PollRoutes(core.auth(), new Polls(core.database(), core.clock())).mount(router, blocking);
        new CategoryRoutes(core.auth(), core.database()).mount(router, blocking);
        new HolidayRoutes(core.auth(), core.holidays()).mount(router, blocking);
        new StatsRoutes(core.auth(), parts.statistics(), core.clock()).mount(router, blocking);
        new AuditRoutes(core.auth(), core.database(), new AuditWitnesses(core.config().auditWitnessDir())).mount(router, blocking);
        PatrolQueue queue = new PatrolQueue(java.util.stream.Stream.concat(PatrolQueue.standardSources(core.database(), parts.flagged()).stream(),
                org.jianqun.core.disclosure.patrol.DisclosurePatrol.sources(core).stream()).toList(), core.clock());
        new PatrolRoutes(core.auth(), queue, new PatrolLog(core.database(), queue, core.clock())).mount(router, blocking);
        new HeldContentRoutes(core.auth(), new HeldContent(core.database(), core.clock())).mount(router, blocking);
        new ClueRoutes(core.auth(), new ClueLibrary(core.database(), parts.flagged(), core.clock())).mount(router, blocking);
    }
}
