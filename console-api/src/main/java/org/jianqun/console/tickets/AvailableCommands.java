package org.jianqun.console.tickets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jianqun.core.access.AccessPolicy;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Permission;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.ticket.TicketCommand;

/**
 * The commands an officer may use on a ticket as it now stands, so the console shows a button for each and no other:
 * the lifecycle's table ({@link TicketCommand#from()}) for the state, {@link AccessPolicy#decideOnTicket} for role,
 * scope and level (分类 too, which any state allows), and the two rules that need the ticket itself (only its complainant rates; the city is the top).
 * A hint for the page only: the desk decides again when the command is sent, and a refusal is still a 409.
 */
final class AvailableCommands {
    /** Route verbs of {@link TicketRoutes}, in the order the buttons stand. */
    private static final Map<TicketCommand, String> VERBS = new java.util.LinkedHashMap<>();

    static {
        VERBS.put(TicketCommand.CLAIM, "claim");
        VERBS.put(TicketCommand.RESOLVE, "resolve");
        VERBS.put(TicketCommand.ESCALATE, "escalate");
        VERBS.put(TicketCommand.SET_TIER, "tier");
        VERBS.put(TicketCommand.URGE, "urge");
        VERBS.put(TicketCommand.RATE, "rate");
        VERBS.put(TicketCommand.MERGE, "merge");
        VERBS.put(TicketCommand.REJECT, "reject");
    }

    private AvailableCommands() {
    }

    static List<String> of(Actor by, TicketRow row) {
        List<String> verbs = new ArrayList<>();
        VERBS.forEach((command, verb) -> {
            Permission permission = command.permission().orElseThrow();
            if (!command.from().contains(row.state())
                    || !AccessPolicy.decideOnTicket(by, permission, row.facts(), row.level()).granted()) {
                return;
            }
            if (command == TicketCommand.RATE && row.complainantId() != by.personId()) {
                return;
            }
            if (command == TicketCommand.ESCALATE && row.level().above().isEmpty()) {
                return;
            }
            verbs.add(verb);
        });
        // 分类 is the desk's own step (no lifecycle command, any state): a handler of the ticket's level, as for 定级.
        if (AccessPolicy.decideOnTicket(by, Permission.HANDLE_TICKET, row.facts(), row.level()).granted()) {
            verbs.add(verbs.contains("reject") ? verbs.indexOf("reject") : verbs.size(), "category");
        }
        return verbs;
    }
}
