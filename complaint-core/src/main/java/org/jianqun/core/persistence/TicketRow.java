package org.jianqun.core.persistence;

import java.time.Instant;
import java.util.Optional;
import org.jianqun.core.access.Confidentiality;
import org.jianqun.core.access.TicketFacts;
import org.jianqun.core.desk.Via;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.outbox.GroupAddress;
import org.jianqun.core.ticket.Closure;
import org.jianqun.core.ticket.Ending;
import org.jianqun.core.ticket.Handler;
import org.jianqun.core.ticket.Resolution;
import org.jianqun.core.ticket.Ticket;
import org.jianqun.core.ticket.TicketCounts;
import org.jianqun.core.ticket.TicketState;
import org.jianqun.core.ticket.Tier;
import org.jianqun.core.ticket.WarningColour;

/**
 * A {@code ticket} row: the domain {@link Ticket} flattened, plus what only the platform keeps about
 * it (the complaint text, where it came from, its stored warning colour and next due instant, its category:
 * a name of the {@code ticket_category} list, guessed at registration and corrected by 分类, never null).
 */
public record TicketRow(long no, String villageCode, long complainantId, TicketState state, RegionLevel level, Tier tier,
                        String content, String channel, String originGroupId, boolean confidential, String confidentialOffice,
                        Instant registeredAt, Instant arrivedAt, Instant handlingFrom,
                        Long handlerId, String handlerName, String resolution, Instant resolvedAt, boolean ratingReminded,
                        String ending, String endingDetail, Long mergedInto, Instant endedAt,
                        int reopened, int urged, int escalated, int overdueEscalations,
                        WarningColour warning, Long possibleDuplicateOf, Instant nextDueAt, int version, String category) {
    /** Its explicit result map (Database, RecordResultMaps): every query of it selects {@link TicketMapper#COLUMNS}. */
    public static final String RESULT_MAP = "org.jianqun.core.persistence.TicketRow";

    /** Where a ticket came from and what it says: fixed at registration. */
    public record Origin(String content, String channel, String originGroupId) {
    }

    public Origin origin() {
        return new Origin(content, channel, originGroupId);
    }

    /** The group the complaint was posted in, if it came from one: {@code channel} says how it came, and so which channel the group is on. */
    public Optional<GroupAddress> originGroup() {
        return originGroupId == null ? Optional.empty()
                : Via.fromWire(channel).flatMap(Via::groupChannel).map(c -> new GroupAddress(c, originGroupId));
    }

    /**
     * Ordinary, or routed to its office. A row flagged confidential without an office (by hand: the desk
     * always writes both) is routed as V8 routed such rows, to its town's office, the route DESIGN.md gives a
     * report that accuses nobody above the village: never read as ordinary.
     */
    public Confidentiality confidentiality() {
        if (confidentialOffice != null) {
            return new Confidentiality.RoutedTo(confidentialOffice);
        }
        return confidential ? new Confidentiality.RoutedTo(villageCode.substring(0, RegionLevel.TOWN.codeLength())) : Confidentiality.ORDINARY;
    }

    /** What the access policy asks: see {@link org.jianqun.core.access.AccessPolicy#mayKnow}. */
    public TicketFacts facts() {
        return new TicketFacts(villageCode, confidentiality(), complainantId);
    }

    public Ticket toTicket() {
        Handler handler = handlerId == null ? null : new Handler(handlerId, handlerName);
        Resolution res = resolution == null ? null : new Resolution(resolution, resolvedAt, ratingReminded);
        Ending end = null;
        if (ending != null) {
            if (ending.equals("MERGED")) {
                end = new Ending.Merged(mergedInto, endedAt);
            } else if (ending.equals("REJECTED")) {
                end = new Ending.Rejected(endingDetail, endedAt);
            } else {
                end = new Ending.Closed(Closure.valueOf(ending), endedAt);
            }
        }
        return new Ticket(no, villageCode, complainantId, state, level, tier, registeredAt, arrivedAt, handlingFrom, handler,
                res, end, new TicketCounts(reopened, urged, escalated, overdueEscalations), confidentiality());
    }

    /** The row for {@code t}, keeping the origin and setting the platform's own fields. */
    public static TicketRow of(Ticket t, Origin origin, WarningColour warning, Long possibleDuplicateOf, Instant nextDueAt, int version,
                               String category) {
        String endingName = null;
        String endingDetail = null;
        Long mergedInto = null;
        Instant endedAt = null;
        if (t.ending() instanceof Ending.Closed closed) {
            endingName = closed.closure().name();
            endedAt = closed.at();
        } else if (t.ending() instanceof Ending.Merged merged) {
            endingName = "MERGED";
            mergedInto = merged.into();
            endedAt = merged.at();
        } else if (t.ending() instanceof Ending.Rejected rejected) {
            endingName = "REJECTED";
            endingDetail = rejected.reason();
            endedAt = rejected.at();
        }
        Resolution res = t.resolution();
        String office = t.confidentiality() instanceof Confidentiality.RoutedTo routed ? routed.officeCode() : null;
        return new TicketRow(t.no(), t.villageCode(), t.complainantId(), t.state(), t.level(), t.tier(),
                origin.content(), origin.channel(), origin.originGroupId(), office != null, office,
                t.registeredAt(), t.arrivedAt(), t.handlingFrom(),
                t.handler() == null ? null : t.handler().personId(), t.handler() == null ? null : t.handler().displayName(),
                res == null ? null : res.result(), res == null ? null : res.at(), res != null && res.reminded(),
                endingName, endingDetail, mergedInto, endedAt,
                t.counts().reopened(), t.counts().urged(), t.counts().escalated(), t.counts().overdueEscalations(),
                warning, possibleDuplicateOf, nextDueAt, version, category);
    }

    /** The same row under another category (分类), one version on, as {@code CategoryMapper.setCategory} wrote it. */
    public TicketRow withCategory(String newCategory) {
        return new TicketRow(no, villageCode, complainantId, state, level, tier, content, channel, originGroupId, confidential, confidentialOffice,
                registeredAt, arrivedAt, handlingFrom, handlerId, handlerName, resolution, resolvedAt, ratingReminded, ending, endingDetail,
                mergedInto, endedAt, reopened, urged, escalated, overdueEscalations, warning, possibleDuplicateOf, nextDueAt, version + 1,
                newCategory);
    }
}
