package org.jianqun.gateway.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.ibatis.exceptions.PersistenceException;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.organisation.ChatGroup;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.outbox.Audience;
import org.jianqun.core.outbox.OutboxMapper;
import org.jianqun.core.outbox.OutboxMessage;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.DatabaseFailures;
import org.jianqun.core.persistence.GroupMapper;
import org.jianqun.core.persistence.PersonMapper;
import org.jianqun.core.persistence.TicketMapper;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.gateway.aibot.AibotReplies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox messages. Each is claimed with a lease before it is sent (two dispatchers never
 * send one together; a dispatcher that dies mid-send lets the lease run out and the message is sent
 * again under the same delivery id, which the receiver de-duplicates on). Transient failures back
 * off exponentially; permanent ones and messages with no route yet are recorded with the reason.
 * A message for many readers (a level's groups, a long text's parts) is routed into one row per
 * delivery, with delivery ids {@code <parent>.<n>}, so each is paced, retried and shown on its own.
 */
public final class OutboxDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
    static final Duration LEASE = Duration.ofSeconds(60);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);
    static final Duration MAX_BACKOFF = Duration.ofHours(1);
    /**
     * About three days of trying: ten doubling waits (1.4 h in all), then hourly. A bridge phone that is off
     * for a night or a weekend, or WeCom busy for hours, still gets its replies late rather than never;
     * twelve attempts (2.4 h) used to fail a whole night's replies. An hourly try per message costs little.
     */
    static final int MAX_ATTEMPTS = 80;

    /** A bridge fans out to one group; this keeps a runaway loop from flooding a village's chat. */
    static final int BRIDGE_PER_GROUP_PER_MINUTE = 60;

    private final Database database;
    private final Optional<BridgeOutbound> bridge;
    private final Optional<AibotReplies> aibot;
    private final Optional<GroupRobot> robot;
    private final Pacer pacer;
    private final Clock clock;

    /**
     * @param aibot answers into cadres' groups through the intelligent robot, when it is configured
     * @param robot speaks into internal groups that have a group robot key
     * @param pacer keeps each destination within its messages per minute
     */
    public OutboxDispatcher(Database database, Optional<BridgeOutbound> bridge, Optional<AibotReplies> aibot, Optional<GroupRobot> robot,
                            Pacer pacer, Clock clock) {
        this.database = database;
        this.bridge = bridge;
        this.aibot = aibot;
        this.robot = robot;
        this.pacer = pacer;
        this.clock = clock;
    }

    /**
     * Sends what is due, at most {@code limit}; returns how many it settled. What a message was routed
     * into is sent in the same call, so a notice reaches its groups without waiting for the next pass.
     * Blocking: run on a worker.
     */
    public int dispatchDue(int limit) {
        int settled = 0;
        boolean routed = true;
        while (routed && settled < limit) {
            routed = false;
            Instant now = clock.instant();
            int room = limit - settled;
            List<OutboxMapper.Pending> due = database.read(s -> s.getMapper(OutboxMapper.class).due(now, room));
            for (OutboxMapper.Pending message : due) {
                // The lease runs from the claim, not from the batch's start: sends before this one may have
                // taken longer than a lease, and a lease that is over when taken lets another instance send too.
                Instant claimedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
                Instant leaseUntil = claimedAt.plus(LEASE);
                boolean mine = database.inTransaction(s -> s.getMapper(OutboxMapper.class).claim(message.id(), claimedAt, leaseUntil) == 1);
                if (!mine) {
                    continue;
                }
                Delivery delivery;
                try {
                    delivery = deliver(message);
                } catch (RuntimeException e) {
                    LOG.error("delivering outbox message {} failed", message.deliveryId(), e);
                    delivery = new Delivery.Retry("internal error: " + e.getClass().getSimpleName());
                }
                settle(message, leaseUntil, delivery);
                routed |= delivery instanceof Delivery.Routed;
                settled++;
            }
        }
        return settled;
    }

    private Delivery deliver(OutboxMapper.Pending m) {
        switch (m.audience()) {
            case GROUP -> {
                String[] target = m.target().split(":", 2);
                return toGroup(m, target[0], target.length > 1 ? target[1] : "", m.text());
            }
            case COMPLAINANT -> {
                return toComplainant(m);
            }
            case LEVEL -> {
                List<ChatGroup> groups = database.read(s -> NoticeRoutes.officersOf(s, m.target()));
                return groups.isEmpty() ? new Delivery.Held("no officers' group is bound to region " + m.target()
                        + " (groups.csv, purpose officers); the console shows this notice")
                        : toEach(groups, m.text(), "to the officers' groups of " + m.target());
            }
            case DISCIPLINE -> {
                List<ChatGroup> groups = database.read(s -> NoticeRoutes.disciplineFor(s, m.target()));
                return groups.isEmpty() ? new Delivery.Held("no discipline group is bound to region " + m.target()
                        + " or above that the platform posts into itself (groups.csv, purpose discipline, on the bridge or with a robot key; "
                        + "never relayed through cadres); the patrol queue shows it")
                        : toEach(groups, m.text(), "to the discipline group of " + groups.get(0).regionCode());
            }
            default -> throw new IllegalStateException("unknown audience " + m.audience());
        }
    }

    private static Delivery.Routed toEach(List<ChatGroup> groups, String text, String how) {
        List<OutboxMessage> onward = new ArrayList<>();
        groups.forEach(g -> onward.add(new OutboxMessage(Audience.GROUP, address(g), text)));
        return new Delivery.Routed(onward, how + " (" + groups.size() + ")");
    }

    private static String address(ChatGroup g) {
        return g.channel().wireName() + ":" + g.groupId();
    }

    private Delivery toGroup(OutboxMapper.Pending m, String channelName, String groupId, String text) {
        Optional<Channel> channel = Channel.fromWire(channelName);
        if (channel.isEmpty()) {
            return new Delivery.Failed("no channel '" + channelName + "'");
        }
        switch (channel.get()) {
            case BRIDGE -> {
                if (bridge.isEmpty()) {
                    return new Delivery.Held("JIANQUN_BRIDGE_OUTBOUND_URL is not set");
                }
                Optional<Delivery> parts = inParts(m, text);
                if (parts.isPresent()) {
                    return parts.get();
                }
                Optional<Duration> wait = pacer.take("bridge:" + groupId, BRIDGE_PER_GROUP_PER_MINUTE);
                return wait.isPresent() ? new Delivery.Paced(wait.get()) : bridge.get().send(m.deliveryId(), groupId, text);
            }
            case AIBOT -> {
                ChatGroup group = database.read(s -> s.getMapper(GroupMapper.class).find(Channel.AIBOT, groupId));
                if (group != null && group.robotKey() != null && robot.isPresent()) {
                    // A robot key never runs out, unlike response_urls: keep those for answering @-mentions when there is no key.
                    Optional<Delivery> parts = inParts(m, text);
                    if (parts.isPresent()) {
                        return parts.get();
                    }
                    Optional<Duration> wait = pacer.take("robot:" + groupId, GroupRobot.MESSAGES_PER_MINUTE);
                    return wait.isPresent() ? new Delivery.Paced(wait.get()) : robot.get().send(group.robotKey(), text);
                }
                return aibot.isEmpty() ? new Delivery.Held("the group has no robot key and the intelligent robot is not configured (JIANQUN_AIBOT_*)")
                        : aibot.get().send(groupId, m.ticketNo(), text);
            }
            case WECOM -> {
                return relayForExternal(groupId, text);
            }
            default -> throw new IllegalStateException("unknown channel " + channel.get());
        }
    }

    /** A text over the channel's size goes on as numbered parts, each its own delivery. */
    private static Optional<Delivery> inParts(OutboxMapper.Pending m, String text) {
        List<String> parts = TextParts.split(text, TextParts.WECHAT_TEXT_BYTES);
        if (parts.size() == 1) {
            return Optional.empty();
        }
        List<OutboxMessage> onward = new ArrayList<>();
        parts.forEach(p -> onward.add(new OutboxMessage(Audience.GROUP, m.target(), p)));
        return Optional.of(new Delivery.Routed(onward, "split into " + parts.size() + " parts"));
    }

    /** See {@link NoticeRoutes}: RELAY_THROUGH_CADRES. */
    private Delivery relayForExternal(String chatId, String text) {
        return database.read(s -> {
            ChatGroup external = s.getMapper(GroupMapper.class).find(Channel.WECOM, chatId);
            if (external == null || external.regionCode() == null) {
                return new Delivery.Held("external WeCom group " + chatId + " is not bound to a village");
            }
            List<ChatGroup> relays = NoticeRoutes.relaysFor(s, external);
            if (relays.isEmpty()) {
                return new Delivery.Held("the platform cannot post into external WeCom groups at will; bind a cadres' work group "
                        + "(purpose officers, on the bridge or with a robot key) of village " + external.regionCode() + " to relay it");
            }
            return toEach(relays, "【请转发到「" + external.name() + "」】\n" + text, "relayed through the cadres' group of " + external.regionCode());
        });
    }

    /**
     * A complainant hears by name in the group they reported in: for one whose report was merged into
     * this ticket, the group of their own report (the ticket they came by), which may be another group
     * of the village, where they are a member; a report from elsewhere has no chat route yet.
     */
    private Delivery toComplainant(OutboxMapper.Pending m) {
        long personId = Long.parseLong(m.target());
        return database.read(s -> {
            Person person = s.getMapper(PersonMapper.class).find(personId);
            TicketMapper tickets = s.getMapper(TicketMapper.class);
            TicketRow ticket = m.ticketNo() == null ? null : tickets.find(m.ticketNo());
            Long via = person == null || ticket == null || ticket.confidential() ? null : tickets.complainantVia(ticket.no(), personId);
            TicketRow reportedIn = via == null || via == ticket.no() ? ticket : tickets.find(via);
            if (person == null || reportedIn == null || ticket.confidential() || reportedIn.originGroupId() == null) {
                return new Delivery.Held("no chat route to this person (mini-program messages come with the mini-program)");
            }
            return new Delivery.Routed(List.of(new OutboxMessage(Audience.GROUP, reportedIn.channel() + ":" + reportedIn.originGroupId(),
                    "@" + person.name() + " " + m.text())), "in the group the complainant reported in");
        });
    }

    /** Thrown inside the settling transaction to roll it back: the lease was lost, another dispatcher has the message. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super("lease lost", null, false, false);
        }
    }

    private void settle(OutboxMapper.Pending m, Instant leaseUntil, Delivery delivery) {
        settle(m, leaseUntil, delivery, true);
    }

    private void settle(OutboxMapper.Pending m, Instant leaseUntil, Delivery delivery, boolean firstTry) {
        Instant now = clock.instant();
        try {
            database.inTransaction(s -> {
                OutboxMapper outbox = s.getMapper(OutboxMapper.class);
                Settling to = settling(outbox, m, now, delivery);
                if (delivery instanceof Delivery.Routed routed) {
                    // The onward rows and the parent's settling commit together: routed once, never twice.
                    List<OutboxMessage> onward = routed.onward();
                    for (int i = 0; i < onward.size(); i++) {
                        outbox.insert(m.deliveryId() + "." + (i + 1), now, m.ticketNo(), m.eventType(), onward.get(i));
                    }
                }
                if (outbox.settle(m.id(), leaseUntil, to.status(), to.nextAt(), to.why()) != 1) {
                    throw new LeaseLost();
                }
                if (delivery instanceof Delivery.Paced) {
                    outbox.uncount(m.id());
                }
                return null;
            });
        } catch (LeaseLost e) {
            LOG.warn("outbox message {}: its lease ran out while it was being sent; the dispatcher that claimed it since settles it",
                    m.deliveryId());
        } catch (PersistenceException e) {
            if (DatabaseFailures.isDuplicateKey(e)) {
                // A lease ran out mid-routing and another dispatcher routed it first (same onward ids).
                LOG.warn("outbox message {} was routed elsewhere", m.deliveryId());
                return;
            }
            // Anything else (an onward row that does not fit, the database gone) is a failed attempt like any
            // other: retried with backoff and, after MAX_ATTEMPTS, FAILED with the reason, never retried forever.
            LOG.error("settling outbox message {} failed: {}", m.deliveryId(), DatabaseFailures.describe(e)); // once an hour at most: no stack trace
            if (firstTry) {
                settle(m, leaseUntil, new Delivery.Retry("could not record the outcome: " + DatabaseFailures.describe(e)), false);
            }
        }
    }

    private record Settling(String status, Instant nextAt, String why) {
        /** outbox.last_error holds 1,000 characters: a longer reason would fail the very write that records it. */
        Settling {
            why = why == null || why.length() <= 1_000 ? why : why.substring(0, 999) + "…";
        }
    }

    private static Settling settling(OutboxMapper outbox, OutboxMapper.Pending m, Instant now, Delivery delivery) {
        if (delivery instanceof Delivery.Sent) {
            return new Settling("SENT", now, null);
        } else if (delivery instanceof Delivery.Retry retry) {
            int attempts = outbox.attempts(m.id());
            return attempts >= MAX_ATTEMPTS ? new Settling("FAILED", now, "gave up after " + attempts + " attempts: " + retry.why())
                    : new Settling("PENDING", now.plus(backoff(attempts)), retry.why());
        } else if (delivery instanceof Delivery.Paced paced) {
            return new Settling("PENDING", now.plus(paced.after()), "paced: the destination's limit per minute is used up");
        } else if (delivery instanceof Delivery.Failed failed) {
            return new Settling("FAILED", now, failed.why());
        } else if (delivery instanceof Delivery.Held held) {
            return new Settling("HELD", now, held.why());
        } else if (delivery instanceof Delivery.Routed routed) {
            return new Settling("ROUTED", now, routed.how());
        }
        throw new IllegalStateException("unknown delivery " + delivery);
    }

    static Duration backoff(int attempts) {
        Duration d = FIRST_BACKOFF.multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }
}
