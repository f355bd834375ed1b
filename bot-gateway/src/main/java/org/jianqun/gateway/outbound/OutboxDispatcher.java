package org.jianqun.gateway.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.executor.BatchResult;
import org.jianqun.core.disclosure.DisclosureMapper;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.organisation.ChatGroup;
import org.jianqun.core.organisation.GroupPurpose;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.outbox.Audience;
import org.jianqun.core.outbox.DeliveryStatus;
import org.jianqun.core.outbox.DisclosureImage;
import org.jianqun.core.outbox.GroupAddress;
import org.jianqun.core.outbox.OutboxMapper;
import org.jianqun.core.outbox.OutboxMessage;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.DatabaseFailures;
import org.jianqun.core.persistence.GroupMapper;
import org.jianqun.core.persistence.PersonMapper;
import org.jianqun.core.persistence.TicketMapper;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.gateway.aibot.AibotReplies;
import org.jianqun.gateway.groupsend.GroupSendTask;
import org.jianqun.gateway.groupsend.GroupSendTasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers outbox messages. Each is claimed with a lease before it is sent (two dispatchers never
 * send one together; a dispatcher that dies mid-send lets the lease run out and the message is sent
 * again under the same delivery id, which the receiver de-duplicates on). Transient failures back
 * off exponentially; permanent ones and messages with no route yet are recorded with the reason.
 * A message for many readers (a level's groups, a long text's parts) is routed into one row per
 * delivery, with delivery ids {@code <parent>.<n>}, so each is paced, retried and shown on its own.
 *
 * <p>Sends go out concurrently in lanes, one lane per destination ({@link GroupAddress}): at most
 * {@link #PER_DESTINATION} in flight to one group (so a group reads its replies in order) and
 * {@link #IN_FLIGHT} in all. A destination that hangs holds back only its own lane until its send
 * times out; rows of busy lanes are not even read, and a row is claimed only when a lane is free to
 * send it at once, so no lease runs out while a message waits behind another. Claims and outcomes go
 * to the database in batches (one round trip for many rows, each row still under its own lease).
 */
public final class OutboxDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
    static final Duration LEASE = Duration.ofSeconds(60);
    /** Each instance says it lives this often ({@code outbox_dispatcher}). */
    static final Duration BEAT = Duration.ofSeconds(2);
    /**
     * An instance silent this long is dead: its sends are taken over at once rather than after their lease (a
     * restart after kill -9 resumes in seconds). A send it posted but did not settle goes again under the same
     * delivery id, as after a lease, which the bridge keeps once; an instance only stalled this long (a very long
     * pause) loses its claims as it would its leases: its late settles change nothing.
     */
    static final Duration SILENT_IS_DEAD = Duration.ofSeconds(10);
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

    /** Sends in flight at once, over every destination. */
    static final int IN_FLIGHT = 128;
    /** With fewer lanes free than this and sends out, a pass waits up to {@link #GATHER_WAIT} for more to come back. */
    static final int GATHER = 32;
    static final Duration GATHER_WAIT = Duration.ofMillis(5);
    /** Sends in flight at once to one destination: one keeps a group's messages in the order they were written. */
    static final int PER_DESTINATION = 1;
    /** Due rows read per claim, at most: more than the room, so that rows of one destination do not hide the others'. */
    static final int WINDOW = 1_000;
    /**
     * How long a pass that can claim nothing more waits for a send still in flight. What is still out
     * after that (a destination that hangs until its timeout) is settled by a later pass, under its lease.
     */
    static final Duration LINGER = Duration.ofSeconds(1);
    /** While a pass waits for sends, it looks for newly due rows this often. */
    static final Duration LOOK_AGAIN_AFTER = Duration.ofMillis(250);
    /**
     * A send that has not come back after this counts as unanswered (retried), well inside the lease, so
     * a blocked WeCom call can never keep a lane or outlive the claim. The bridge's own timeout is shorter.
     */
    static final Duration GIVE_UP_ON_SEND = Duration.ofSeconds(30);
    /** Threads for the channels whose clients block (WxJava's group robot, the intelligent robot's replies); few messages go there. */
    static final int BLOCKING_SENDERS = 8;

    private final Database database;
    private final Optional<BridgeOutbound> bridge;
    private final Optional<AibotReplies> aibot;
    private final Optional<GroupRobot> robot;
    private final Pacer pacer;
    private final Clock clock;
    private final ExecutorService blockingSenders;
    /** This dispatcher's name in its claims ({@code outbox.claimed_by}) and its beats. */
    private final String instance = java.util.UUID.randomUUID().toString();
    /** When this dispatcher last beat, by the machine's timer; the pass beats (a dispatcher that stops passing holds nothing for long). */
    private long lastBeat = System.nanoTime() - BEAT.toNanos();
    private volatile Optional<GroupSendTasks> groupSends = Optional.empty();
    private volatile Optional<SubscribeMessages> subscribeMessages = Optional.empty();
    /** Sends that came back (or never went: held, paced, routed), waiting to be settled by the pass. */
    private final BlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
    /** In flight per destination (its wire address); only touched by the pass, which holds this object's lock. */
    private final Map<String, Integer> lanes = new HashMap<>();
    private int inFlight;

    /**
     * @param aibot answers into cadres' groups through the intelligent robot, when it is configured
     * @param robot speaks into internal groups that have a group robot key
     * @param pacer keeps each destination within its messages per minute
     */
    public OutboxDispatcher(Database database, Optional<BridgeOutbound> bridge, Optional<AibotReplies> aibot, Optional<GroupRobot> robot,
                            Pacer pacer, Clock clock) {
        this.database = database;
        database.addMapper(org.jianqun.core.outbox.ReporterMapper.class);
        database.addMapper(DisclosureMapper.class);
        this.bridge = bridge;
        this.aibot = aibot;
        this.robot = robot;
        this.pacer = pacer;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.blockingSenders = Executors.newFixedThreadPool(BLOCKING_SENDERS, r -> {
            Thread t = new Thread(r, "jianqun-outbox-send-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Says this instance lives, and forgets instances silent for a day. */
    private void beat() {
        Instant now = clock.instant();
        database.inTransaction(s -> {
            OutboxMapper outbox = s.getMapper(OutboxMapper.class);
            if (outbox.beat(instance, now) == 0) {
                outbox.forgetSilent(now.minus(Duration.ofDays(1)));
                outbox.firstBeat(instance, now);
            }
            return null;
        });
    }

    /** Beats when {@link #BEAT} has passed since the last beat. */
    private void beatIfDue() {
        if (System.nanoTime() - lastBeat >= BEAT.toNanos()) {
            beat();
            lastBeat = System.nanoTime();
        }
    }

    /** Since when an instance must have beaten to count as alive. */
    private Instant aliveSince(Instant now) {
        return now.minus(SILENT_IS_DEAD);
    }

    /**
     * Broadcasts to villagers' groups reach external WeCom groups as owner-confirmed group-sends through
     * these tasks (which keep each group's monthly budget); without them they are relayed through cadres
     * like any reply. Call before the first pass.
     */
    /** Mini-program reporters hear of their reports' steps as subscribe messages (off without templates). */
    public OutboxDispatcher carryingSubscribeMessagesBy(SubscribeMessages messages) {
        this.subscribeMessages = Optional.of(messages);
        return this;
    }

    public OutboxDispatcher carryingBroadcastsBy(GroupSendTasks tasks) {
        this.groupSends = Optional.of(tasks);
        return this;
    }

    /** A row this dispatcher holds: its lease, and the lane it takes (none for rows that are only routed on). */
    private record Claimed(OutboxMapper.Pending message, Instant leaseUntil, String lane) {
    }

    /** How a claimed row went, to be settled. */
    private record Finished(Claimed claimed, Delivery delivery) {
    }

    /** What to do with a claimed row: settle it at once with {@code now}, or send it once its pace allows. */
    private sealed interface Step {
    }

    private record Now(Delivery delivery) implements Step {
    }

    private record Send(String paceKey, int perMinute, Supplier<CompletableFuture<Delivery>> start) implements Step {
    }

    /**
     * Sends what is due, claiming at most {@code limit} rows; returns how many it claimed. What a message
     * was routed into is sent in the same pass, so a notice reaches its groups without waiting for the
     * next one. A pass that took its whole {@code limit} returns at once, its last sends still out (the
     * caller goes on with another pass, which settles them: a pipeline, no pause between passes);
     * otherwise it returns once every send is back, or once none came back for {@link #LINGER} (a
     * destination that hangs is then left to a later pass). Outcomes of earlier passes' sends are
     * settled too. Blocking: run on a worker.
     */
    public synchronized int dispatchDue(int limit) {
        int claimed = 0;
        int quiet = 0;
        List<Finished> done = new ArrayList<>();
        while (true) {
            beatIfDue();
            finished.drainTo(done);
            gather(done, limit - claimed);
            if (!done.isEmpty()) {
                settleAll(done);
                done.clear();
            }
            if (claimed >= limit) {
                return claimed;
            }
            int room = Math.min(IN_FLIGHT - inFlight, limit - claimed);
            if (room > 0) {
                Claims claims = claimAndStart(room);
                claimed += claims.mine();
                if (claims.looked()) {
                    continue;
                }
            }
            if (inFlight == 0 && finished.isEmpty()) {
                return claimed;
            }
            // Sends are out and nothing more can go now: wait for one, looking for new rows meanwhile
            // (a reply written while a hung send is out goes at once, not after the linger).
            Finished next = pollFinished(LOOK_AGAIN_AFTER);
            if (next != null) {
                done.add(next);
                quiet = 0;
            } else if (++quiet * LOOK_AGAIN_AFTER.toMillis() >= LINGER.toMillis()) {
                return claimed;
            }
        }
    }

    /**
     * With only a few lanes free and sends out, waits up to {@link #GATHER_WAIT} for more to come back,
     * so that one settle and the next claim carry many rows (a round trip and a commit each, whatever
     * their size) rather than one each. (A pause measured by the machine's timer, not the platform's clock.)
     */
    private void gather(List<Finished> done, int wanted) {
        long until = System.nanoTime() + GATHER_WAIT.toNanos();
        while (inFlight > done.size() && IN_FLIGHT - inFlight + done.size() < Math.min(GATHER, wanted)) {
            long left = until - System.nanoTime();
            Finished next = left <= 0 ? null : pollFinished(Duration.ofNanos(left));
            if (next == null) {
                return;
            }
            done.add(next);
            finished.drainTo(done);
        }
    }

    /** The next send to come back within {@code wait}; null if none did (or the thread is interrupted). */
    private Finished pollFinished(Duration wait) {
        try {
            return finished.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** @param looked whether any row was chosen (another look may find more); {@code mine} how many this dispatcher got */
    private record Claims(boolean looked, int mine) {
    }

    private Claims claimAndStart(int room) {
        Instant now = clock.instant();
        Set<String> busy = new HashSet<>();
        lanes.forEach((lane, n) -> {
            if (n >= PER_DESTINATION) {
                busy.add(lane);
            }
        });
        int window = Math.min(WINDOW, Math.max(room * 2, 50));
        List<OutboxMapper.Pending> due = database.read(s -> {
            OutboxMapper outbox = s.getMapper(OutboxMapper.class);
            // Sends whose sender died first (their lease ran out), then what waits.
            List<OutboxMapper.Pending> rows = new ArrayList<>(outbox.orphans(now, instance, aliveSince(now), window, busy));
            rows.addAll(outbox.dueIn(DeliveryStatus.SENDING, now, window, busy));
            rows.addAll(outbox.dueIn(DeliveryStatus.PENDING, now, window, busy));
            return rows;
        });
        Map<String, Integer> taking = new HashMap<>();
        List<OutboxMapper.Pending> chosen = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (OutboxMapper.Pending m : due) {
            if (chosen.size() >= room) {
                break;
            }
            if (!seen.add(m.id())) {
                continue; // an orphan whose lease has run out too
            }
            String lane = laneOf(m);
            if (lane != null) {
                int n = lanes.getOrDefault(lane, 0) + taking.getOrDefault(lane, 0);
                if (n >= PER_DESTINATION) {
                    continue;
                }
                taking.merge(lane, 1, Integer::sum);
            }
            chosen.add(m);
        }
        if (chosen.isEmpty()) {
            return new Claims(false, 0);
        }
        // The lease runs from this claim, not from the pass's start, and the rows are sent right after it.
        Instant claimedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant leaseUntil = claimedAt.plus(LEASE);
        List<Claimed> mine = claim(chosen, claimedAt, leaseUntil);
        start(mine);
        return new Claims(true, mine.size());
    }

    /** One destination's lane: its group address as stored; rows for a level, a person or no parsable group take none. */
    private static String laneOf(OutboxMapper.Pending m) {
        // A reporter reads their subscribe messages in order too (认领 before 办结).
        return m.audience() == Audience.GROUP ? m.target() : m.audience() == Audience.REPORTER ? "reporter:" + m.target() : null;
    }

    /**
     * Claims {@code chosen}: in one statement when no other dispatcher has any of them (the usual case),
     * else, rolled back, in one transaction of a statement per row, to know which are this one's.
     */
    private List<Claimed> claim(List<OutboxMapper.Pending> chosen, Instant claimedAt, Instant leaseUntil) {
        List<Long> ids = chosen.stream().map(OutboxMapper.Pending::id).toList();
        int[] got;
        try {
            database.inTransaction(s -> {
                if (s.getMapper(OutboxMapper.class).claimAll(ids, claimedAt, leaseUntil, instance, aliveSince(claimedAt)) != ids.size()) {
                    throw new NotAll();
                }
                return null;
            });
            got = new int[ids.size()];
            Arrays.fill(got, 1);
        } catch (NotAll e) {
            got = database.inBatchTransaction(s -> {
                OutboxMapper outbox = s.getMapper(OutboxMapper.class);
                for (long id : ids) {
                    outbox.claim(id, claimedAt, leaseUntil, instance, aliveSince(claimedAt));
                }
                return updateCounts(s.flushStatements(), ids.size());
            });
        }
        List<Claimed> mine = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            if (got[i] == 1) {
                OutboxMapper.Pending m = chosen.get(i);
                Claimed c = new Claimed(m, leaseUntil, laneOf(m));
                if (c.lane() != null) {
                    lanes.merge(c.lane(), 1, Integer::sum);
                }
                inFlight++;
                mine.add(c);
            }
        }
        return mine;
    }

    /** Thrown to roll back a statement for many rows that did not reach them all. */
    private static final class NotAll extends RuntimeException {
        NotAll() {
            super("not every row", null, false, false);
        }
    }

    /** The update count of each statement of a batch, in order. */
    private static int[] updateCounts(List<BatchResult> results, int expected) {
        int[] counts = new int[expected];
        int i = 0;
        for (BatchResult r : results) {
            for (int n : r.getUpdateCounts()) {
                if (i < expected) {
                    counts[i++] = n;
                }
            }
        }
        if (i != expected) {
            throw new IllegalStateException("a batch of " + expected + " statements reported " + i + " counts");
        }
        return counts;
    }

    /** Works out what each claimed row needs, paces the sends in one round trip, and starts those that may go. */
    private void start(List<Claimed> mine) {
        List<Claimed> sending = new ArrayList<>();
        List<Send> sends = new ArrayList<>();
        Map<String, List<ChatGroup>> villagers = villagersOf(mine);
        Map<Long, DisclosureMapper.ImageState> images = imagesOf(mine);
        Map<Long, PushImage> pngs = pngsOf(mine);
        for (Claimed c : mine) {
            Step step;
            try {
                step = plan(c.message(), villagers, images, pngs);
            } catch (RuntimeException e) {
                LOG.error("delivering outbox message {} failed", c.message().deliveryId(), e);
                step = new Now(new Delivery.Retry("internal error: " + e.getClass().getSimpleName()));
            }
            if (step instanceof Now now) {
                finished.add(new Finished(c, now.delivery()));
            } else if (step instanceof Send send) {
                sending.add(c);
                sends.add(send);
            }
        }
        if (sends.isEmpty()) {
            return;
        }
        List<Optional<Duration>> waits = paced(sends);
        for (int i = 0; i < sends.size(); i++) {
            Claimed c = sending.get(i);
            if (waits.get(i).isPresent()) {
                finished.add(new Finished(c, new Delivery.Paced(waits.get(i).get())));
                continue;
            }
            CompletableFuture<Delivery> sent;
            try {
                sent = sends.get(i).start().get();
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            sent.completeOnTimeout(new Delivery.Retry("no answer within " + GIVE_UP_ON_SEND.toSeconds() + " s"),
                            GIVE_UP_ON_SEND.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((delivery, failure) -> {
                        if (failure != null) {
                            LOG.error("delivering outbox message {} failed", c.message().deliveryId(), failure);
                        }
                        finished.add(new Finished(c, failure == null ? delivery
                                : new Delivery.Retry("internal error: " + failure.getClass().getSimpleName())));
                    });
        }
    }

    /** Each send's wait, in order: the counted ones from the pacer in one call, the others none. */
    private List<Optional<Duration>> paced(List<Send> sends) {
        List<Pacer.Want> wants = sends.stream().filter(s -> s.paceKey() != null).map(s -> new Pacer.Want(s.paceKey(), s.perMinute())).toList();
        Iterator<Optional<Duration>> counted = pacer.takeAll(wants).iterator();
        List<Optional<Duration>> waits = new ArrayList<>(sends.size());
        for (Send s : sends) {
            waits.add(s.paceKey() == null ? Optional.empty() : counted.next());
        }
        return waits;
    }

    /**
     * Runs a blocking send on the senders' threads. One still queued when the dispatcher has given up on
     * it ({@link #GIVE_UP_ON_SEND}) is not sent at all: it is retried, and a late send would be a second one.
     */
    private CompletableFuture<Delivery> blocking(Supplier<Delivery> send) {
        CompletableFuture<Delivery> outcome = new CompletableFuture<>();
        blockingSenders.execute(() -> {
            if (outcome.isDone()) {
                return;
            }
            try {
                outcome.complete(send.get());
            } catch (RuntimeException e) {
                outcome.completeExceptionally(e);
            }
        });
        return outcome;
    }

    /**
     * The villagers' groups of every village the broadcasts among {@code mine} go to, in one query: a push day
     * routes thousands of them, and a query each was a round trip each.
     */
    private Map<String, List<ChatGroup>> villagersOf(List<Claimed> mine) {
        Set<String> villages = new HashSet<>();
        mine.forEach(c -> {
            if (c.message().audience() == Audience.VILLAGERS) {
                villages.add(c.message().target());
            }
        });
        if (villages.isEmpty()) {
            return Map.of();
        }
        Map<String, List<ChatGroup>> groups = new HashMap<>();
        database.read(s -> s.getMapper(GroupMapper.class).servingAll(villages, GroupPurpose.VILLAGERS))
                .forEach(g -> groups.computeIfAbsent(g.regionCode(), k -> new ArrayList<>()).add(g));
        return groups;
    }

    /**
     * Whether the disclosure versions whose requests are among {@code mine} have their image, in one query (a push
     * day routes thousands): a version without one goes as its markdown alone.
     */
    private Map<Long, DisclosureMapper.ImageState> imagesOf(List<Claimed> mine) {
        Set<Long> versions = versionsOf(mine, Audience.VILLAGERS, DisclosureImage.Role.FOLLOWS);
        if (versions.isEmpty()) {
            return Map.of();
        }
        Map<Long, DisclosureMapper.ImageState> states = new HashMap<>();
        database.read(s -> s.getMapper(DisclosureMapper.class).publishedImages(versions)).forEach(i -> states.put(i.id(), i));
        return states;
    }

    /**
     * The images the batch's group rows send (an image row's, and a bridge markdown's that takes its image along), read
     * and encoded once per version in one query: one read per image row kept a worker in a loop of 40,000 reads on a
     * push day (the province's push took 85 s where its markdown alone took 24 s).
     */
    private Map<Long, PushImage> pngsOf(List<Claimed> mine) {
        Set<Long> versions = versionsOf(mine, Audience.GROUP, null);
        if (versions.isEmpty()) {
            return Map.of();
        }
        Map<Long, PushImage> out = new HashMap<>();
        database.read(s -> s.getMapper(DisclosureMapper.class).publishedPngs(versions)).forEach(p -> out.put(p.id(), PushImage.of(p.png())));
        return out;
    }

    /** The disclosure versions whose image the batch's rows to {@code audience} carry in {@code role} (null: either). */
    private static Set<Long> versionsOf(List<Claimed> mine, Audience audience, DisclosureImage.Role role) {
        Set<Long> versions = new HashSet<>();
        for (Claimed c : mine) {
            DisclosureImage image = c.message().image();
            if (c.message().audience() == audience && image != null && (role == null || image.role() == role)) {
                versions.add(image.disclosureId());
            }
        }
        return versions;
    }

    private Step plan(OutboxMapper.Pending m, Map<String, List<ChatGroup>> villagers, Map<Long, DisclosureMapper.ImageState> images,
                      Map<Long, PushImage> pngs) {
        switch (m.audience()) {
            case GROUP -> {
                Optional<GroupAddress> to = GroupAddress.parse(m.target());
                return to.isEmpty() ? new Now(new Delivery.Failed("not a group address (channel:group): no known channel or no group id"))
                        : toGroup(m, to.get(), m.text(), m.image(), pngs);
            }
            case COMPLAINANT -> {
                return new Now(toComplainant(m));
            }
            case LEVEL -> {
                List<ChatGroup> groups = database.read(s -> NoticeRoutes.officersOf(s, m.target()));
                return new Now(groups.isEmpty() ? new Delivery.Held("no officers' group is bound to region " + m.target()
                        + " (groups.csv, purpose officers); the console shows this notice")
                        : toEach(groups, m.text(), "to the officers' groups of " + m.target()));
            }
            case DISCIPLINE -> {
                List<ChatGroup> groups = database.read(s -> NoticeRoutes.disciplineFor(s, m.target()));
                return new Now(groups.isEmpty() ? new Delivery.Held("no discipline group is bound to region " + m.target()
                        + " or above that the platform posts into itself (groups.csv, purpose discipline, on the bridge or with a robot key; "
                        + "never relayed through cadres); the patrol queue shows it")
                        : toEach(groups, m.text(), "to the discipline group of " + groups.get(0).regionCode()));
            }
            case VILLAGERS -> {
                return new Now(toVillagers(m, villagers.getOrDefault(m.target(), List.of()), images));
            }
            case REPORTER -> {
                Optional<SubscribeMessages> sender = subscribeMessages;
                if (sender.isEmpty()) {
                    return new Now(new Delivery.Held("mini-program subscribe messages are off (JIANQUN_MINIAPP_APPID/_SECRET and "
                            + "JIANQUN_MINIAPP_TEMPLATE_PROGRESS unset); the reporter reads the step in the mini-program"));
                }
                return new Send(SubscribeMessages.PACE_KEY, SubscribeMessages.PER_MINUTE, () -> blocking(() -> sender.get().send(m)));
            }
            default -> throw new IllegalStateException("unknown audience " + m.audience());
        }
    }

    /**
     * Every villagers' group of a village (the monthly disclosure, say): groups the platform posts into
     * itself hear it directly; an external WeCom group receives a broadcast as an owner-confirmed
     * group-send, keyed by this request and the group so a crash mid-way never enqueues it twice, within
     * the group's month budget (a refusal is stored with the task and shown to admins); anything else
     * reaches an external group through its cadres (RELAY_THROUGH_CADRES), as a reply does.
     */
    private Delivery toVillagers(OutboxMapper.Pending m, List<ChatGroup> groups, Map<Long, DisclosureMapper.ImageState> images) {
        if (groups.isEmpty()) {
            return new Delivery.Held("no villagers' group is bound to village " + m.target() + " (groups.csv, purpose villagers)");
        }
        // A disclosure's image goes on after each group's markdown, where the channel takes images; without one
        // (its rendering failed) the markdown goes alone and this request's reason says why.
        DisclosureImage image = m.image();
        Long version = image == null ? null : image.disclosureId();
        String withoutImage = null;
        if (version != null) {
            DisclosureMapper.ImageState state = images.get(version);
            if (state == null || !state.hasPng()) {
                withoutImage = "markdown alone, no image: version " + version + " has no rendered image"
                        + (state == null || state.renderProblem() == null ? "" : " (" + state.renderProblem() + ")");
                image = null;
            }
        }
        List<OutboxMessage> onward = new ArrayList<>();
        int queued = 0;
        int refused = 0;
        for (ChatGroup group : groups) {
            if (group.channel() == Channel.WECOM && m.broadcast() != null && groupSends.isPresent()) {
                // The task reads the version's image itself when it is created (its card's cover), so it gets the version either way.
                GroupSendTasks.Enqueued task = groupSends.get().enqueue(GroupSendTask.Purpose.of(m.broadcast()), group.groupId(),
                        m.deliveryId() + "@" + group.groupId(), m.text(), version);
                if (task instanceof GroupSendTasks.Refused) {
                    refused++;
                } else {
                    queued++;
                }
            } else {
                boolean takesImages = group.channel() == Channel.BRIDGE || group.channel() == Channel.AIBOT;
                onward.add(OutboxMessage.toGroup(NoticeRoutes.addressOf(group), m.text(), takesImages && image != null
                        ? DisclosureImage.follows(image.disclosureId()) : null));
            }
        }
        return new Delivery.Routed(onward, "to the villagers' groups of " + m.target() + " (" + onward.size() + ")"
                + (queued + refused == 0 ? "" : "; group-sends " + queued + " queued, " + refused + " refused (see group-sends)")
                + (withoutImage == null ? "" : "; " + withoutImage));
    }

    private static Delivery.Routed toEach(List<ChatGroup> groups, String text, String how) {
        List<OutboxMessage> onward = new ArrayList<>();
        groups.forEach(g -> onward.add(OutboxMessage.toGroup(NoticeRoutes.addressOf(g), text)));
        return new Delivery.Routed(onward, how + " (" + groups.size() + ")");
    }

    private Step toGroup(OutboxMapper.Pending m, GroupAddress to, String text, DisclosureImage image, Map<Long, PushImage> pngs) {
        String groupId = to.groupId();
        boolean isImage = image != null && image.role() == DisclosureImage.Role.ITSELF;
        switch (to.channel()) {
            case BRIDGE -> {
                if (bridge.isEmpty()) {
                    return new Now(new Delivery.Held("JIANQUN_BRIDGE_OUTBOUND_URL is not set"));
                }
                BridgeOutbound out = bridge.get();
                if (isImage) {
                    return new Send("bridge:" + groupId, BRIDGE_PER_GROUP_PER_MINUTE, () -> withImage(image.disclosureId(), pngs,
                            png -> out.sendImage(m.deliveryId(), groupId, png)));
                }
                Optional<Delivery> parts = inParts(to, text, image);
                if (parts.isPresent()) {
                    return new Now(parts.get());
                }
                return new Send("bridge:" + groupId, BRIDGE_PER_GROUP_PER_MINUTE,
                        () -> out.send(m.deliveryId(), groupId, text).thenCompose(d -> imageAlong(out, m, to, d, image, pngs)));
            }
            case AIBOT -> {
                ChatGroup group = database.read(s -> s.getMapper(GroupMapper.class).find(Channel.AIBOT, groupId));
                if (group != null && group.robotKey() != null && robot.isPresent()) {
                    // A robot key never runs out, unlike response_urls: keep those for answering @-mentions when there is no key.
                    GroupRobot speaker = robot.get();
                    String key = group.robotKey();
                    if (isImage) {
                        // Under the same 20 a minute as the robot's texts: one budget per robot.
                        return new Send("robot:" + groupId, GroupRobot.MESSAGES_PER_MINUTE, () -> blocking(() -> withImage(image.disclosureId(), pngs,
                                png -> CompletableFuture.completedFuture(speaker.sendImage(key, png))).join()));
                    }
                    Optional<Delivery> parts = inParts(to, text, image);
                    if (parts.isPresent()) {
                        return new Now(parts.get());
                    }
                    return new Send("robot:" + groupId, GroupRobot.MESSAGES_PER_MINUTE,
                            () -> blocking(() -> thenImage(speaker.send(key, text), to, image, null)));
                }
                if (isImage) {
                    return new Now(new Delivery.Held("the group's robot key is gone or the group robot is off: an image goes only "
                            + "through a group robot or the bridge"));
                }
                if (aibot.isEmpty()) {
                    return new Now(new Delivery.Held("the group has no robot key and the intelligent robot is not configured (JIANQUN_AIBOT_*)"));
                }
                // response_urls are WeCom's own pacing (one answer each): nothing to count here.
                AibotReplies replies = aibot.get();
                return new Send(null, 0, () -> blocking(() -> replies.send(groupId, m.ticketNo(), text)));
            }
            case WECOM -> {
                return new Now(relayForExternal(groupId, text));
            }
            default -> throw new IllegalStateException("unknown channel " + to.channel());
        }
    }

    /** A text over the channel's size goes on as numbered parts, each its own delivery, and the image it carries after them. */
    private static Optional<Delivery> inParts(GroupAddress to, String text, DisclosureImage image) {
        List<String> parts = TextParts.split(text, TextParts.WECHAT_TEXT_BYTES);
        if (parts.size() == 1) {
            return Optional.empty();
        }
        List<OutboxMessage> onward = new ArrayList<>();
        parts.forEach(p -> onward.add(OutboxMessage.toGroup(to, p)));
        if (image != null) {
            onward.add(imageRow(to, image.disclosureId()));
        }
        return Optional.of(new Delivery.Routed(onward, "split into " + parts.size() + " parts" + (image == null ? "" : ", then the image")));
    }

    /** What a group's image delivery reads in the console; the bytes are read from the version when it is sent. */
    public static final String IMAGE_CAPTION = "【三务公开明细图】";

    private static OutboxMessage imageRow(GroupAddress to, long disclosureId) {
        return OutboxMessage.toGroup(to, IMAGE_CAPTION, DisclosureImage.itself(disclosureId));
    }

    /**
     * A markdown sent that carries an image: settled as routed into the image's own delivery ({@code <its id>.1}), so
     * a failed image is retried alone and the markdown is never sent twice; anything else as it came.
     */
    private static Delivery thenImage(Delivery sent, GroupAddress to, DisclosureImage image, Delivery imageTried) {
        if (!(sent instanceof Delivery.Sent) || image == null || image.role() != DisclosureImage.Role.FOLLOWS) {
            return sent;
        }
        return new Delivery.Routed(List.of(imageRow(to, image.disclosureId())), "markdown sent; its image follows as its own delivery"
                + (imageTried == null ? "" : " (posted with it, it did not go: " + reasonOf(imageTried) + ")"));
    }

    private static String reasonOf(Delivery d) {
        return d instanceof Delivery.Retry r ? r.why() : d instanceof Delivery.Failed f ? f.why() : d.toString();
    }

    /**
     * A bridge markdown that carries an image, sent: the image goes at once in the same delivery, under the id its own
     * row would have ({@code <id>.1}), and the row settles as sent, one claim and one settle for both, where a row of
     * its own for the image took a second claim, send and settle and an insert per group (a province's push day took
     * 89 s instead of 60). The bridge keeps one copy per delivery id, so after a crash between the two posts and the
     * settle, posting both again shows each once. An image that does not go at once falls back to its own row
     * ({@link #thenImage}), retried alone under that same id: the markdown is never posted again. The group robot,
     * whose webhook does not de-duplicate, always takes the image as a row of its own.
     */
    private static CompletableFuture<Delivery> imageAlong(BridgeOutbound out, OutboxMapper.Pending m, GroupAddress to, Delivery sent,
                                                          DisclosureImage image, Map<Long, PushImage> pngs) {
        PushImage png = image == null || image.role() != DisclosureImage.Role.FOLLOWS ? null : pngs.get(image.disclosureId());
        if (!(sent instanceof Delivery.Sent) || png == null) {
            return CompletableFuture.completedFuture(thenImage(sent, to, image, null));
        }
        return out.sendImage(imageDeliveryId(m.deliveryId()), to.groupId(), png)
                .thenApply(d -> d instanceof Delivery.Sent ? d : thenImage(sent, to, image, d));
    }

    /** The delivery id of the image that follows the markdown {@code deliveryId}: the first row it would be routed into. */
    private static String imageDeliveryId(String deliveryId) {
        return deliveryId + ".1";
    }

    /** Sends the version's image, read now; a version without one fails for good (it cannot grow one once published). */
    private static CompletableFuture<Delivery> withImage(long disclosureId, Map<Long, PushImage> pngs,
                                                         java.util.function.Function<PushImage, CompletableFuture<Delivery>> send) {
        PushImage png = pngs.get(disclosureId);
        if (png == null) {
            return CompletableFuture.completedFuture(new Delivery.Failed("disclosure version " + disclosureId + " has no published image"));
        }
        return send.apply(png);
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
            Optional<GroupAddress> group = person == null || reportedIn == null || ticket.confidential() ? Optional.empty()
                    : reportedIn.originGroup();
            // Reported from the mini-program (this ticket, or one merged into it): told there, by subscribe message.
            Long reportedNo = person == null || ticket == null ? null : tickets.complainantVia(ticket.no(), personId);
            if (reportedNo != null && s.getMapper(org.jianqun.core.outbox.ReporterMapper.class).reportedThere(personId, reportedNo) > 0) {
                return new Delivery.Routed(List.of(new OutboxMessage(Audience.REPORTER, Long.toString(personId), m.text())),
                        "to the reporter in the mini-program");
            }
            if (group.isEmpty()) {
                return new Delivery.Held("no chat route to this person (mini-program messages come with the mini-program)");
            }
            return new Delivery.Routed(List.of(OutboxMessage.toGroup(group.get(), "@" + person.name() + " " + m.text())),
                    "in the group the complainant reported in");
        });
    }

    /** Thrown inside the settling transaction to roll it back: the lease was lost, another dispatcher has the message. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super("lease lost", null, false, false);
        }
    }

    /**
     * Records the outcomes in {@code done} and frees their lanes. Plain outcomes share
     * one transaction (each row's update under its own lease; a lost one changes nothing); routed ones
     * share another, where each parent settles with its onward rows, and if any of them cannot (a lost
     * lease, a row that does not fit) each is settled on its own, so one never holds back the others.
     */
    private void settleAll(List<Finished> done) {
        List<Finished> plain = new ArrayList<>();
        List<Finished> routed = new ArrayList<>();
        for (Finished f : done) {
            inFlight--;
            String lane = f.claimed().lane();
            if (lane != null) {
                lanes.computeIfPresent(lane, (k, n) -> n <= 1 ? null : n - 1);
            }
            (f.delivery() instanceof Delivery.Routed ? routed : plain).add(f);
        }
        Instant now = clock.instant();
        if (!plain.isEmpty()) {
            settlePlain(plain, now);
        }
        if (!routed.isEmpty()) {
            settleRouted(routed, now);
        }
    }

    /**
     * The attempts (this claim's counted) of the rows in {@code plain} that are to be retried: read now,
     * before the settling transaction, which is exact while the lease is this dispatcher's (nothing else
     * writes the row then) and harmless when it is not (that settle changes nothing).
     */
    private Map<Long, Integer> attemptsOfRetries(List<Finished> plain) {
        List<Long> ids = plain.stream().filter(f -> f.delivery() instanceof Delivery.Retry).map(f -> f.claimed().message().id()).toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, Integer> attempts = new HashMap<>();
        database.read(s -> s.getMapper(OutboxMapper.class).attemptsOf(ids)).forEach(a -> attempts.put(a.id(), a.attempts()));
        return attempts;
    }

    private void settlePlain(List<Finished> plain, Instant now) {
        // Sent ones, the bulk, in one statement per claim (their shared lease); the rest a statement each.
        Map<Instant, List<Long>> sentByLease = new HashMap<>();
        List<Finished> others = new ArrayList<>();
        for (Finished f : plain) {
            if (f.delivery() instanceof Delivery.Sent) {
                sentByLease.computeIfAbsent(f.claimed().leaseUntil(), k -> new ArrayList<>()).add(f.claimed().message().id());
            } else {
                others.add(f);
            }
        }
        int[] settled;
        try {
            Map<Long, Integer> attempts = attemptsOfRetries(others);
            settled = database.inBatchTransaction(s -> {
                OutboxMapper outbox = s.getMapper(OutboxMapper.class);
                for (Map.Entry<Instant, List<Long>> e : sentByLease.entrySet()) {
                    outbox.settleSent(e.getValue(), e.getKey(), now);
                }
                if (!sentByLease.isEmpty() && Arrays.stream(updateCounts(s.flushStatements(), sentByLease.size())).sum()
                        != sentByLease.values().stream().mapToInt(List::size).sum()) {
                    throw new NotAll();
                }
                return writeEach(s, others, now, attempts);
            });
        } catch (NotAll e) {
            // A lease ran out somewhere among them: each on its own, to tell which.
            settleEach(plain, now);
            return;
        } catch (PersistenceException e) {
            settleOneByOne(plain, now, e);
            return;
        }
        reportLost(settled, others);
    }

    /** Every outcome of {@code plain} in one transaction, a statement per row; those whose lease was lost are reported. */
    private void settleEach(List<Finished> plain, Instant now) {
        int[] settled;
        try {
            Map<Long, Integer> attempts = attemptsOfRetries(plain);
            settled = database.inBatchTransaction(s -> writeEach(s, plain, now, attempts));
        } catch (PersistenceException e) {
            settleOneByOne(plain, now, e);
            return;
        }
        reportLost(settled, plain);
    }

    /** A statement per outcome in the caller's batch; the rows each changed (0: its lease was lost). */
    private int[] writeEach(SqlSession s, List<Finished> rows, Instant now, Map<Long, Integer> attempts) {
        OutboxMapper outbox = s.getMapper(OutboxMapper.class);
        for (Finished f : rows) {
            write(outbox, f.claimed(), now, f.delivery(), attempts);
        }
        return updateCounts(s.flushStatements(), rows.size());
    }

    private void settleOneByOne(List<Finished> plain, Instant now, PersistenceException together) {
        LOG.warn("settling {} outbox messages together failed ({}); settling each on its own", plain.size(), DatabaseFailures.describe(together));
        plain.forEach(f -> settle(f.claimed(), f.delivery(), now, true));
    }

    private void reportLost(int[] settled, List<Finished> rows) {
        for (int i = 0; i < settled.length; i++) {
            if (settled[i] != 1) {
                leaseLost(rows.get(i).claimed());
            }
        }
    }

    /**
     * Every parent's settling in one batch, checked (each under its lease), then all their onward rows in
     * statements of many rows: a push day routes thousands of requests into tens of thousands of rows.
     */
    private void settleRouted(List<Finished> routed, Instant now) {
        try {
            database.inBatchTransaction(s -> {
                OutboxMapper outbox = s.getMapper(OutboxMapper.class);
                for (Finished f : routed) {
                    write(outbox, f.claimed(), now, f.delivery(), Map.of());
                }
                if (Arrays.stream(updateCounts(s.flushStatements(), routed.size())).anyMatch(n -> n != 1)) {
                    throw new LeaseLost();
                }
                List<OutboxMapper.NewRow> onward = new ArrayList<>();
                for (Finished f : routed) {
                    onward.addAll(onwardRows(f.claimed().message(), (Delivery.Routed) f.delivery()));
                }
                insertAll(outbox, now, onward);
                s.flushStatements();
                return null;
            });
        } catch (LeaseLost | PersistenceException e) {
            if (routed.size() == 1) {
                settleFailed(routed.get(0).claimed(), routed.get(0).delivery(), now, e, true);
            } else {
                routed.forEach(f -> settle(f.claimed(), f.delivery(), now, true));
            }
        }
    }

    /** One outcome in a transaction of its own (the path of a batch that could not be written whole). */
    private void settle(Claimed c, Delivery delivery, Instant now, boolean firstTry) {
        try {
            database.inTransaction(s -> {
                OutboxMapper outbox = s.getMapper(OutboxMapper.class);
                long id = c.message().id();
                Map<Long, Integer> attempts = delivery instanceof Delivery.Retry ? Map.of(id, outbox.attempts(id)) : Map.of();
                int n = delivery instanceof Delivery.Routed routed ? writeRouted(outbox, c, now, routed) : write(outbox, c, now, delivery, attempts);
                if (n != 1) {
                    throw new LeaseLost();
                }
                return null;
            });
        } catch (LeaseLost | PersistenceException e) {
            settleFailed(c, delivery, now, e, firstTry);
        }
    }

    private void settleFailed(Claimed c, Delivery delivery, Instant now, RuntimeException e, boolean firstTry) {
        if (e instanceof LeaseLost) {
            leaseLost(c);
            return;
        }
        PersistenceException p = (PersistenceException) e;
        if (DatabaseFailures.isDuplicateKey(p)) {
            // A lease ran out mid-routing and another dispatcher routed it first (same onward ids).
            LOG.warn("outbox message {} was routed elsewhere", c.message().deliveryId());
            return;
        }
        // Anything else (an onward row that does not fit, the database gone) is a failed attempt like any
        // other: retried with backoff and, after MAX_ATTEMPTS, FAILED with the reason, never retried forever.
        // Once per message: each later attempt is on its row, with the reason, where the console lists it.
        if (c.message().attempts() == 0) {
            LOG.error("settling outbox message {} failed: {}", c.message().deliveryId(), DatabaseFailures.describe(p));
        } else {
            LOG.debug("settling outbox message {} failed again (attempt {}): {}", c.message().deliveryId(), c.message().attempts() + 1,
                    DatabaseFailures.describe(p));
        }
        if (firstTry) {
            settle(c, new Delivery.Retry("could not record the outcome: " + DatabaseFailures.describe(p)), now, false);
        }
    }

    private static void leaseLost(Claimed c) {
        LOG.warn("outbox message {}: its lease ran out while it was being sent; the dispatcher that claimed it since settles it",
                c.message().deliveryId());
    }

    /** The parent's settling and its onward rows, to commit together: routed once, never twice. 1 if the lease was still ours. */
    private static int writeRouted(OutboxMapper outbox, Claimed c, Instant now, Delivery.Routed routed) {
        insertAll(outbox, now, onwardRows(c.message(), routed));
        return write(outbox, c, now, routed, Map.of());
    }

    /** What {@code m} was routed into, keyed {@code <parent>.<n>}: routed again after a crash, the same keys meet the unique delivery id. */
    private static List<OutboxMapper.NewRow> onwardRows(OutboxMapper.Pending m, Delivery.Routed routed) {
        List<OutboxMessage> onward = routed.onward();
        List<OutboxMapper.NewRow> rows = new ArrayList<>(onward.size());
        for (int i = 0; i < onward.size(); i++) {
            rows.add(new OutboxMapper.NewRow(m.deliveryId() + "." + (i + 1), m.ticketNo(), m.eventType(), onward.get(i)));
        }
        return rows;
    }

    /** Rows per INSERT at most (each row up to 4,000 characters of text). */
    private static final int INSERT_PAGE = 200;

    private static void insertAll(OutboxMapper outbox, Instant now, List<OutboxMapper.NewRow> rows) {
        for (int from = 0; from < rows.size(); from += INSERT_PAGE) {
            outbox.insertAll(now, rows.subList(from, Math.min(rows.size(), from + INSERT_PAGE)));
        }
    }

    /** Settles one row under its lease (in a batch session the count comes with the flush); {@code attempts} by id, for a retry. */
    private static int write(OutboxMapper outbox, Claimed c, Instant now, Delivery delivery, Map<Long, Integer> attempts) {
        Settling to = settling(c.message(), now, delivery, attempts);
        return outbox.settleGivingBack(c.message().id(), c.leaseUntil(), to.status(), to.nextAt(), to.why(),
                delivery instanceof Delivery.Paced ? 1 : 0);
    }

    private record Settling(DeliveryStatus status, Instant nextAt, String why) {
        /** outbox.last_error holds 1,000 characters: a longer reason would fail the very write that records it. */
        Settling {
            why = why == null || why.length() <= 1_000 ? why : why.substring(0, 999) + "…";
        }
    }

    private static Settling settling(OutboxMapper.Pending m, Instant now, Delivery delivery, Map<Long, Integer> attemptsById) {
        if (delivery instanceof Delivery.Sent) {
            return new Settling(DeliveryStatus.SENT, now, null);
        } else if (delivery instanceof Delivery.Retry retry) {
            // As stored, this claim's included; as read before the claim and counted, should it be missing.
            int attempts = attemptsById.getOrDefault(m.id(), m.attempts() + 1);
            return attempts >= MAX_ATTEMPTS ? new Settling(DeliveryStatus.FAILED, now, "gave up after " + attempts + " attempts: " + retry.why())
                    : new Settling(DeliveryStatus.PENDING, now.plus(backoff(attempts)), retry.why());
        } else if (delivery instanceof Delivery.Paced paced) {
            return new Settling(DeliveryStatus.PENDING, now.plus(paced.after()), "paced: the destination's limit per minute is used up");
        } else if (delivery instanceof Delivery.Failed failed) {
            return new Settling(DeliveryStatus.FAILED, now, failed.why());
        } else if (delivery instanceof Delivery.Held held) {
            return new Settling(DeliveryStatus.HELD, now, held.why());
        } else if (delivery instanceof Delivery.Routed routed) {
            return new Settling(DeliveryStatus.ROUTED, now, routed.how());
        }
        throw new IllegalStateException("unknown delivery " + delivery);
    }

    static Duration backoff(int attempts) {
        Duration d = FIRST_BACKOFF.multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }
}
