package org.jianqun.console.tickets;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jianqun.core.audit.AuditRow;
import org.jianqun.core.desk.TicketQueries.TicketView;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.console.QueryParams;
import org.jianqun.core.ticket.CurrentDeadline;
import org.jianqun.core.ticket.TicketDeadlines;
import org.jianqun.core.ticket.TicketEvent;
import org.jianqun.core.ticket.TicketState;
import org.jianqun.core.ticket.Warning;

/**
 * A ticket as the console reads it (DESIGN.md "Organisation, accounts and the admin API"): state,
 * level and warning as lower-case wire words, every instant ISO-8601 at +08:00 (the platform's
 * deadlines are Beijing days), the tier as the word 定级 accepts.
 */
final class TicketJson {
    private TicketJson() {
    }

    /** The ticket without its trail, as a list shows it. */
    static JsonObject summary(TicketRow row, Warning warning, CurrentDeadline deadline) {
        JsonObject json = new JsonObject()
                .put("no", row.no())
                .put("state", wire(row.state()))
                .put("level", row.level().wireName())
                .put("villageCode", row.villageCode())
                .put("tier", row.tier().word())
                .put("tierWorkdays", row.tier().workingDays())
                .put("category", row.category())
                .putNull("deadline")
                .put("deadlineProvisional", false)
                .put("warning", warning.colour().wireName())
                .put("warningReasons", new JsonArray(warning.reasons()))
                .put("handler", row.handlerName())
                .put("confidential", row.confidential())
                .put("content", row.content())
                .put("channel", row.channel())
                .put("registeredAt", time(row.registeredAt()))
                .put("arrivedAt", time(row.arrivedAt()))
                .put("supervised", row.overdueEscalations() > 0)
                .put("counts", new JsonObject()
                        .put("reopened", row.reopened())
                        .put("urged", row.urged())
                        .put("escalated", row.escalated())
                        .put("overdueEscalations", row.overdueEscalations()))
                .put("resolution", row.resolution())
                .put("resolvedAt", time(row.resolvedAt()))
                .put("ending", row.ending() == null ? null : row.ending().toLowerCase(Locale.ROOT))
                .put("endingDetail", row.endingDetail())
                .put("mergedInto", row.mergedInto())
                .put("endedAt", time(row.endedAt()))
                .put("possibleDuplicateOf", row.possibleDuplicateOf());
        if (deadline instanceof CurrentDeadline.Running running) {
            // A deadline counted into a year without its holiday notice is 暂定: flagged beside it, and said in its text.
            json.put("deadline", time(running.due()))
                    .put("deadlineProvisional", running.provisional())
                    .put("deadlineKind", running.kind().name().toLowerCase(Locale.ROOT))
                    .put("deadlineText", TicketDeadlines.describe(running.due(), running.provisional()));
        }
        return json;
    }

    /** The ticket with everyone who raised it (counted) and its whole trail, refused attempts included. */
    static JsonObject full(TicketView view) {
        JsonArray events = new JsonArray();
        view.events().forEach(e -> events.add(event(e)));
        return summary(view.row(), view.warning(), view.deadline())
                .put("complainants", view.complainants().size())
                .put("events", events);
    }

    /** What carries someone's words: the complaint, the result, the reason it ended. */
    private static final List<String> WORDS = List.of("content", "resolution", "endingDetail");

    /**
     * The answer to a command: the row and the step just taken, not the rest of the trail. A caller who may
     * act on a ticket but not read it in the console (a villager urging or rating; {@code mayRead} false) gets
     * it without the words anyone wrote in it: where it stands, not what it says.
     */
    static JsonObject afterStep(TicketRow row, boolean mayRead, Warning warning, CurrentDeadline deadline, TicketEvent step, String channel) {
        JsonObject json = summary(row, warning, deadline);
        if (!mayRead) {
            WORDS.forEach(json::remove);
        }
        return json.put("events", new JsonArray().add(new JsonObject()
                .put("type", step.type().name().toLowerCase(Locale.ROOT))
                .put("at", time(step.at()))
                .put("actor", step.by().describe())
                .put("channel", channel)
                .put("detail", step.detail())
                .put("outcome", "accepted")));
    }

    private static JsonObject event(AuditRow e) {
        return new JsonObject()
                .put("type", e.type().toLowerCase(Locale.ROOT))
                .put("at", time(e.at()))
                .put("actor", e.actor())
                .put("channel", e.channel())
                .put("detail", e.detail())
                .put("outcome", e.outcome())
                .put("before", e.beforeState())
                .put("after", e.afterState());
    }

    static String wire(TicketState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    static String time(Instant instant) {
        return QueryParams.time(instant);
    }
}
