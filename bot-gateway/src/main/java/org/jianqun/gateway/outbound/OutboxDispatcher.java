package org.jianqun.gateway.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.outbox.OutboxMapper;
import org.jianqun.core.persistence.Database;
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
 */
public final class OutboxDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
    static final Duration LEASE = Duration.ofSeconds(60);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);
    static final Duration MAX_BACKOFF = Duration.ofHours(1);
    static final int MAX_ATTEMPTS = 12;

    /** A bridge fans out to one group; this keeps a runaway loop from flooding a village's chat. */
    static final int BRIDGE_PER_GROUP_PER_MINUTE = 60;

    private final Database database;
    private final Optional<BridgeOutbound> bridge;
    private final Optional<AibotReplies> aibot;
    private final Pacer pacer;
    private final Clock clock;

    /**
     * @param aibot answers into cadres' groups through the intelligent robot, when it is configured
     * @param pacer keeps each destination within its messages per minute
     */
    public OutboxDispatcher(Database database, Optional<BridgeOutbound> bridge, Optional<AibotReplies> aibot, Pacer pacer, Clock clock) {
        this.database = database;
        this.bridge = bridge;
        this.aibot = aibot;
        this.pacer = pacer;
        this.clock = clock;
    }

    /** Sends what is due, at most {@code limit}; returns how many it settled. Blocking: run on a worker. */
    public int dispatchDue(int limit) {
        Instant now = clock.instant();
        List<OutboxMapper.Pending> due = database.read(s -> s.getMapper(OutboxMapper.class).due(now, limit));
        int settled = 0;
        for (OutboxMapper.Pending message : due) {
            boolean mine = database.inTransaction(s -> s.getMapper(OutboxMapper.class).claim(message.id(), now, now.plus(LEASE)) == 1);
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
            settle(message, delivery);
            settled++;
        }
        return settled;
    }

    private Delivery deliver(OutboxMapper.Pending m) {
        switch (m.audience()) {
            case GROUP -> {
                String[] target = m.target().split(":", 2);
                return toGroup(m.deliveryId(), m.ticketNo(), target[0], target.length > 1 ? target[1] : "", m.text());
            }
            case COMPLAINANT -> {
                return toComplainant(m);
            }
            default -> {
                // Officers' and discipline officers' own groups are not bound to regions yet: the console and
                // the patrol queue show these; the row says so rather than pretending it was sent.
                return new Delivery.Held("no group is bound to region " + m.target() + " for " + m.audience().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    private Delivery toGroup(String deliveryId, Long ticketNo, String channel, String groupId, String text) {
        if (channel.equals("aibot")) {
            return aibot.isEmpty() ? new Delivery.Held("the intelligent robot is not configured (JIANQUN_AIBOT_*)")
                    : aibot.get().send(groupId, ticketNo, text);
        }
        if (channel.equals("wecom")) {
            // External groups take platform messages only as a group-send task their owner confirms (add_msg_template).
            return new Delivery.Held("replies into external WeCom groups go by owner-confirmed group-send tasks, not built yet");
        }
        if (!channel.equals("bridge")) {
            return new Delivery.Held("delivery into " + channel + " groups comes with that channel's adapter");
        }
        if (bridge.isEmpty()) {
            return new Delivery.Held("JIANQUN_BRIDGE_OUTBOUND_URL is not set");
        }
        Optional<Duration> wait = pacer.take("bridge:" + groupId, BRIDGE_PER_GROUP_PER_MINUTE);
        if (wait.isPresent()) {
            return new Delivery.Paced(wait.get());
        }
        List<String> parts = TextParts.split(text, TextParts.WECHAT_TEXT_BYTES);
        for (int i = 0; i < parts.size(); i++) {
            Delivery d = bridge.get().send(parts.size() == 1 ? deliveryId : deliveryId + "-" + (i + 1), groupId, parts.get(i));
            if (!(d instanceof Delivery.Sent)) {
                return d;
            }
        }
        return new Delivery.Sent();
    }

    /** A complainant hears in the group their ticket came from, by name; a ticket from elsewhere has no chat route yet. */
    private Delivery toComplainant(OutboxMapper.Pending m) {
        Person person = database.read(s -> s.getMapper(PersonMapper.class).find(Long.parseLong(m.target())));
        TicketRow ticket = m.ticketNo() == null ? null : database.read(s -> s.getMapper(TicketMapper.class).find(m.ticketNo()));
        if (person == null || ticket == null || ticket.originGroupId() == null || ticket.confidential()) {
            return new Delivery.Held("no chat route to this person (mini-program messages come with the mini-program)");
        }
        return toGroup(m.deliveryId(), m.ticketNo(), ticket.channel(), ticket.originGroupId(), "@" + person.name() + " " + m.text());
    }

    private void settle(OutboxMapper.Pending m, Delivery delivery) {
        Instant now = clock.instant();
        database.inTransaction(s -> {
            OutboxMapper outbox = s.getMapper(OutboxMapper.class);
            if (delivery instanceof Delivery.Sent) {
                outbox.settle(m.id(), "SENT", now, null);
            } else if (delivery instanceof Delivery.Retry retry) {
                int attempts = outbox.attempts(m.id());
                if (attempts >= MAX_ATTEMPTS) {
                    outbox.settle(m.id(), "FAILED", now, "gave up after " + attempts + " attempts: " + retry.why());
                } else {
                    outbox.settle(m.id(), "PENDING", now.plus(backoff(attempts)), retry.why());
                }
            } else if (delivery instanceof Delivery.Paced paced) {
                outbox.settle(m.id(), "PENDING", now.plus(paced.after()), "paced: the destination's limit per minute is used up");
                outbox.uncount(m.id());
            } else if (delivery instanceof Delivery.Failed failed) {
                outbox.settle(m.id(), "FAILED", now, failed.why());
            } else if (delivery instanceof Delivery.Held held) {
                outbox.settle(m.id(), "HELD", now, held.why());
            }
            return null;
        });
    }

    static Duration backoff(int attempts) {
        Duration d = FIRST_BACKOFF.multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }
}
