package org.jianqun.gateway.groupsend;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import me.chanjar.weixin.common.error.WxErrorException;
import me.chanjar.weixin.cp.api.WxCpExternalContactService;
import me.chanjar.weixin.cp.bean.external.WxCpMsgTemplate;
import me.chanjar.weixin.cp.bean.external.WxCpMsgTemplateAddResult;
import me.chanjar.weixin.cp.bean.external.WxCpUserExternalGroupChatInfo;
import me.chanjar.weixin.cp.bean.external.contact.WxCpGroupMsgListResult;
import me.chanjar.weixin.cp.bean.external.contact.WxCpGroupMsgSendResult;
import me.chanjar.weixin.cp.bean.external.msg.Text;
import org.apache.ibatis.exceptions.PersistenceException;
import org.jianqun.core.config.GroupSendLimit;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.persistence.Database;
import org.jianqun.gateway.groupsend.GroupSendTask.Purpose;
import org.jianqun.gateway.groupsend.GroupSendTask.Status;
import org.jianqun.gateway.wecom.WecomApiClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owner-confirmed group-send tasks (企业群发) into external villager groups, the one official way to
 * speak in them: {@code add_msg_template} with chat_type {@code group} asks the group's owner (群主, an
 * internal member) to confirm the text in their WeCom client, and only then does it reach the group.
 * WeCom lets a group receive few of them a month, so they carry the monthly disclosure and digests,
 * never per-ticket replies.
 *
 * <p>{@link #enqueue} stores a task (or a refusal, with its reason) once per request key;
 * {@link #advance} moves the tasks that are due: creates them in WeCom, asks whether the owner has
 * sent, reminds the owner, and withdraws what stays unsent (timing rules in {@link GroupSendSchedule}).
 * Every step is written before the next is tried, and a task is claimed with its version, so several
 * instances may advance at once without doubling a call. Blocking: run on a worker.
 */
public final class GroupSendTasks {
    /**
     * Of each month's budget one place is kept for the monthly disclosure (三务公开): digests may use the rest. The
     * budget itself is configuration ({@link GroupSendLimit}, JIANQUN_WECOM_GROUPSEND_LIMIT): WeCom's 创建企业群发
     * (developer.work.weixin.qq.com/document/path/92135) long read "每个自然月内仅可针对一个客户/客户群发送4条消息";
     * the page as updated 2025-11-17 allows as many a month as the month has days (the default here), or seven a
     * week or one a day as the corp's administrator sets it. Members' own group-sends (a town office sending by
     * hand) count against the same limit unseen by the platform.
     */
    public static final int KEPT_FOR_DISCLOSURE = 1;
    /** text.content "消息文本内容，最多4000个字节": 创建企业群发, developer.work.weixin.qq.com/document/path/92135. */
    public static final int MAX_TEXT_BYTES = 4000;
    /** How long a pass holds a task it took; a pass that died lets it go after this. */
    static final Duration LEASE = Duration.ofMinutes(5);
    /**
     * WeCom's answers worth trying again later: -1 system busy, 45009 over the call frequency, 45033
     * over the concurrent calls; and the app's credentials or network (40001 secret, 40013 corp id, 40014,
     * 41001 and 42001 the access token, 60020 a server IP the app does not trust), which an operator fixes
     * without the month's disclosure being lost meanwhile. Any other errcode fails the task.
     */
    static final Set<Integer> RETRIED_ERRCODES = Set.of(-1, 45009, 45033, 40001, 40013, 40014, 41001, 42001, 60020);
    private static final Logger LOG = LoggerFactory.getLogger(GroupSendTasks.class);
    private static final int MAX_ID = 128;
    private static final int MAX_ERROR = 1000;
    /** Result pages read while looking for a task in WeCom: 50 of a hundred, far more than one minute holds. */
    private static final int MAX_PAGES = 50;

    /** What {@link #enqueue} did: a task is stored either way; {@code duplicate} when the request key had one already. */
    public sealed interface Enqueued {
        long taskId();

        boolean duplicate();
    }

    public record Accepted(long taskId, boolean duplicate) implements Enqueued {
    }

    /** Not to be sent, for the reason given (Chinese, then English); the refusal itself is stored. */
    public record Refused(long taskId, String reason, boolean duplicate) implements Enqueued {
    }

    /** What one {@link #advance} pass did. {@code looked} counts the due tasks it read, taken or not. */
    public record Pass(int looked, int created, int sent, int reminded, int expired, int failed, int retried) {
    }

    private final Database database;
    private final WxCpExternalContactService contacts;
    private final Clock clock;
    private final GroupSendLimit limit;
    private final DisclosureCards cards;

    /** Without mini-program cards: a disclosure's task goes as its text, noted so. */
    public GroupSendTasks(Database database, WxCpExternalContactService contacts, Clock clock, GroupSendLimit limit) {
        this(database, contacts, clock, limit, DisclosureCards.off(database));
    }

    public GroupSendTasks(Database database, WxCpExternalContactService contacts, Clock clock, GroupSendLimit limit, DisclosureCards cards) {
        this.database = database;
        this.contacts = contacts;
        this.clock = clock;
        this.limit = Objects.requireNonNull(limit, "limit");
        this.cards = Objects.requireNonNull(cards, "cards");
        database.addMapper(GroupSendMapper.class);
    }

    /**
     * The tasks over the WeCom app's API, when the WeCom channel is configured with the app's secret; a disclosure's
     * carries its mini-program card when JIANQUN_MINIAPP_APPID is set.
     */
    public static Optional<GroupSendTasks> configured(JianqunConfig config, Database database, Clock clock) {
        return config.wecom().flatMap(wecom -> wecom.secret().map(secret -> {
            me.chanjar.weixin.cp.api.WxCpService service = WecomApiClient.service(WecomApiClient.settings(wecom.corpId(), secret, wecom.agentId(),
                    config.wecomApiBase()));
            return new GroupSendTasks(database, service.getExternalContactService(), clock, wecom.groupSendLimit(),
                    new DisclosureCards(database, service.getMediaService(), config.miniappAppId()));
        }));
    }

    /**
     * Stores a task to send {@code text} into the external group {@code chatId}, in this month's budget
     * (China time). Refused, and the refusal stored: an empty text, one over {@value #MAX_TEXT_BYTES}
     * bytes, a group-send over the {@link GroupSendLimit} of its day, week or month, and a digest that would
     * take the last place the month's disclosure could still have. A request key already used returns what it got then, whatever was asked now.
     *
     * @param requestKey the caller's key for this send (e.g. the disclosure's id and the group), at most 128 characters
     */
    public Enqueued enqueue(Purpose purpose, String chatId, String requestKey, String text) {
        return enqueue(purpose, chatId, requestKey, text, null);
    }

    /** As {@link #enqueue(Purpose, String, String, String)}; {@code disclosureId}: the version whose mini-program card goes with the text. */
    public Enqueued enqueue(Purpose purpose, String chatId, String requestKey, String text, Long disclosureId) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(text, "text");
        requireId("chatId", chatId);
        requireId("requestKey", requestKey);
        GroupSendTask known = database.read(s -> s.getMapper(GroupSendMapper.class).byRequestKey(requestKey));
        if (known != null) {
            return outcome(known, true);
        }
        Instant now = clock.instant();
        String month = YearMonth.from(now.atZone(GroupSendSchedule.CHINA)).toString();
        String textProblem = textProblem(text);
        // The month's row is the lock: enqueues for one group count its budget one after the other. It is
        // made in a transaction of its own: on MariaDB, INSERT IGNORE of an existing key takes a shared lock,
        // and two of those waiting to lock the row for update would deadlock.
        database.inTransaction(s -> s.getMapper(GroupSendMapper.class).openMonth(chatId, month));
        try {
            Enqueued outcome = database.inTransaction(s -> {
                GroupSendMapper tasks = s.getMapper(GroupSendMapper.class);
                tasks.lockMonth(chatId, month);
                GroupSendTask raced = tasks.byRequestKeyLocked(requestKey);
                if (raced != null) {
                    return outcome(raced, true);
                }
                String refusal = textProblem != null ? textProblem : budgetProblem(purpose, tasks, chatId, month, now);
                if (refusal == null) {
                    tasks.insert(requestKey, purpose, chatId, month, text, Status.QUEUED, now, null, now, null, disclosureId);
                } else {
                    tasks.insert(requestKey, purpose, chatId, month, withinBytes(text, MAX_TEXT_BYTES), Status.REFUSED, now, now, null, refusal,
                            disclosureId);
                }
                return outcome(tasks.byRequestKey(requestKey), false);
            });
            if (outcome instanceof Refused refused && !refused.duplicate()) {
                LOG.info("group-send {} for group {} refused at enqueue ({})", purpose, chatId, textProblem != null ? "text" : "monthly budget");
            }
            return outcome;
        } catch (PersistenceException e) {
            // The same key enqueued at the same moment for another group or month: the first one stands.
            GroupSendTask raced = database.read(s -> s.getMapper(GroupSendMapper.class).byRequestKey(requestKey));
            if (raced != null) {
                return outcome(raced, true);
            }
            throw e;
        }
    }

    /**
     * Moves up to {@code limit} due tasks one step on: a queued task is created in WeCom for the group's
     * owner; a created one is asked after, reminded or withdrawn. A trouble waits and is tried again;
     * WeCom's refusal fails the task with its errcode and errmsg.
     */
    public Pass advance(int limit) {
        List<GroupSendTask> due = database.read(s -> s.getMapper(GroupSendMapper.class).due(clock.instant(), limit));
        Tally tally = new Tally();
        tally.looked = due.size();
        for (GroupSendTask task : due) {
            Instant now = clock.instant();
            if (!write(m -> m.claim(task.id(), task.version(), now.plus(LEASE)))) {
                continue; // another instance took it
            }
            GroupSendTask mine = withVersion(task, task.version() + 1);
            try {
                if (mine.status() == Status.QUEUED) {
                    create(mine, tally);
                } else {
                    track(mine, tally);
                }
            } catch (RuntimeException e) {
                // One task must not stall the others; its lease brings it back.
                LOG.error("group-send task {} could not be advanced", mine.id(), e);
            }
        }
        return tally.pass();
    }

    public Optional<GroupSendTask> find(long id) {
        return Optional.ofNullable(database.read(s -> s.getMapper(GroupSendMapper.class).find(id)));
    }

    /** The tasks of a month (China time) that will not be sent: refused, expired and failed, with their reasons. */
    public List<GroupSendTask> unsent(YearMonth month, int limit) {
        return database.read(s -> s.getMapper(GroupSendMapper.class).unsent(month.toString(), limit));
    }

    // ---- creating ----

    private void create(GroupSendTask task, Tally tally) {
        Instant now = clock.instant();
        if (task.attemptStartedAt() != null) {
            // The last add_msg_template got no answer: WeCom may hold the task already. Look before creating.
            String found;
            try {
                found = createdEarlier(task, now);
            } catch (WxErrorException | RuntimeException e) {
                Failure failure = e instanceof TooManyToSearch ? new Failure(false, false, "search", e.getMessage()) : classify(e);
                if (failure.retried()) {
                    trouble(task, failure, task.attemptStartedAt(), tally);
                } else {
                    finish(task, Status.FAILED, "无法确认上次创建是否成功，请在企业微信群发助手中核对后重新安排 (cannot tell whether the "
                            + "unanswered create reached WeCom; check 群发助手 before enqueueing again): " + failure.detail(), tally);
                }
                return;
            }
            if (found != null) {
                Instant createdAt = task.attemptStartedAt();
                if (write(m -> m.created(task.id(), task.version(), task.ownerUserid(), found, createdAt,
                        GroupSendSchedule.nextLook(now, createdAt, 0, null)))) {
                    tally.created++;
                }
                return;
            }
        }
        if (!now.isBefore(GroupSendSchedule.expiry(task.queuedAt()))) {
            finish(task, Status.EXPIRED, "三天内未能在企业微信创建群发任务 (WeCom did not take the task within 3 days)"
                    + (task.lastError() == null ? "" : ": " + task.lastError()), tally);
            return;
        }
        String owner;
        try {
            WxCpUserExternalGroupChatInfo info = contacts.getGroupChat(task.chatId(), 0);
            owner = info == null || info.getGroupChat() == null ? null : info.getGroupChat().getOwner();
        } catch (WxErrorException | RuntimeException e) {
            trouble(task, classify(e), null, tally);
            return;
        }
        if (owner == null || owner.isBlank()) {
            finish(task, Status.FAILED, "企业微信未给出此群的群主 (WeCom names no owner for this group)", tally);
            return;
        }
        // The card's cover is uploaded before the create is marked: an upload that fails leaves nothing in WeCom to look for.
        DisclosureCards.Card card = null;
        if (task.disclosureId() != null) {
            try {
                card = cards.of(task.disclosureId());
            } catch (WxErrorException | RuntimeException e) {
                Failure failure = classify(e);
                trouble(task, new Failure(failure.retried(), failure.answered(), failure.code(), clip("上传公开明细图失败 (uploading the card's "
                        + "cover failed): " + failure.detail())), null, tally);
                return;
            }
        }
        String note = card instanceof DisclosureCards.TextOnly textOnly ? textOnly.note() : null;
        String sender = owner;
        if (!write(m -> m.creating(task.id(), task.version(), sender, now, note))) {
            return;
        }
        GroupSendTask creating = withVersion(task, task.version() + 1);
        WxCpMsgTemplate template = new WxCpMsgTemplate();
        template.setChatType("group");
        template.setSender(sender);
        template.setChatIdList(List.of(task.chatId()));
        template.setText(new Text().setContent(task.text()));
        if (card instanceof DisclosureCards.Attached attached) {
            template.setAttachments(List.of(attached.attachment()));
        }
        WxCpMsgTemplateAddResult result;
        try {
            result = contacts.addMsgTemplate(template);
        } catch (WxErrorException | RuntimeException e) {
            Failure failure = classify(e);
            // Without WeCom's answer the task may exist: the marker stays, and the next attempt looks first.
            trouble(creating, failure, failure.answered() ? null : now, tally);
            return;
        }
        String msgid = result == null ? null : result.getMsgId();
        if (msgid == null || msgid.isBlank() || (result.getFailList() != null && result.getFailList().contains(task.chatId()))) {
            finish(creating, Status.FAILED, "企业微信未能把此群列入群发任务 (WeCom left the group out of the task: fail_list)", tally);
            return;
        }
        if (write(m -> m.created(task.id(), creating.version(), sender, msgid, now, GroupSendSchedule.nextLook(now, now, 0, null)))) {
            tally.created++;
        }
    }

    /** The msgid of the task an unanswered add_msg_template may have created: same text, sent by the owner to this group. */
    private String createdEarlier(GroupSendTask task, Instant now) throws WxErrorException {
        Date from = Date.from(task.attemptStartedAt().minus(Duration.ofMinutes(1)));
        Date to = Date.from(now.plus(Duration.ofMinutes(1)));
        String cursor = "";
        for (int page = 0; page < MAX_PAGES; page++) {
            // filter_type 0: tasks the corp created (企业发表), as add_msg_template does.
            WxCpGroupMsgListResult list = contacts.getGroupMsgListV2("group", from, to, null, 0, 100, cursor);
            if (list != null && list.getGroupMsgList() != null) {
                for (WxCpGroupMsgListResult.ExternalContactGroupMsgInfo info : list.getGroupMsgList()) {
                    if (info.getText() != null && task.text().equals(info.getText().getContent())
                            && sendState(info.getMsgId(), task.ownerUserid(), task.chatId()) != null) {
                        return info.getMsgId();
                    }
                }
            }
            cursor = list == null ? null : list.getNextCursor();
            if (cursor == null || cursor.isEmpty()) {
                return null;
            }
        }
        throw new TooManyToSearch("more than " + MAX_PAGES + " pages of group-sends around the unanswered create");
    }

    private static final class TooManyToSearch extends RuntimeException {
        TooManyToSearch(String message) {
            super(message);
        }
    }

    // ---- tracking ----

    private void track(GroupSendTask task, Tally tally) {
        Instant now = clock.instant();
        WxCpGroupMsgSendResult.ExternalContactGroupMsgSendInfo state;
        try {
            state = sendState(task.msgid(), task.ownerUserid(), task.chatId());
        } catch (WxErrorException | RuntimeException e) {
            trouble(task, classify(e), null, tally);
            return;
        }
        int status = state == null || state.getStatus() == null ? 0 : state.getStatus();
        if (status == 1) {
            Instant sentAt = state.getSendTime() == null ? now : Instant.ofEpochSecond(state.getSendTime());
            if (write(m -> m.sent(task.id(), task.version(), sentAt, now))) {
                tally.sent++;
            }
            return;
        }
        if (status == 2 || status == 3) {
            // 2: not a contact; 3: the group already received its share of group-sends (企业微信: 因客户已经收到其他群发消息).
            finish(task, Status.FAILED, status == 3
                    ? "此群本月已收到其他群发，达到企业微信的接收上限 (send status 3: the group already had its group-sends of the month)"
                    : "企业微信无法发送到此群 (send status 2)", tally);
            return;
        }
        Instant createdAt = task.wecomCreatedAt();
        if (!now.isBefore(GroupSendSchedule.expiry(createdAt))) {
            String reason = "群主三天未确认发送，已撤回 (the owner did not send it within 3 days; withdrawn)";
            try {
                contacts.cancelGroupMsgSend(task.msgid());
            } catch (WxErrorException | RuntimeException e) {
                Failure failure = classify(e);
                if (failure.retried()) {
                    trouble(task, failure, null, tally);
                    return;
                }
                reason = reason + "; 撤回被拒 (withdrawing refused): " + failure.detail();
            }
            finish(task, Status.EXPIRED, reason, tally);
            return;
        }
        Instant reminderAt = GroupSendSchedule.nextReminder(createdAt, task.remindersSent(), task.lastRemindedAt());
        if (reminderAt != null && !now.isBefore(reminderAt) && GroupSendSchedule.waking(now)) {
            String refused = null;
            try {
                contacts.remindGroupMsgSend(task.msgid());
            } catch (WxErrorException | RuntimeException e) {
                Failure failure = classify(e);
                if (failure.retried()) {
                    trouble(task, failure, null, tally);
                    return;
                }
                refused = "提醒被拒 (reminder refused): " + failure.detail(); // counted all the same: the next one is a day on
            }
            String error = refused;
            if (write(m -> m.reminded(task.id(), task.version(), now, error,
                    GroupSendSchedule.nextLook(now, createdAt, task.remindersSent() + 1, now)))) {
                tally.reminded++;
            }
            return;
        }
        write(m -> m.waiting(task.id(), task.version(), GroupSendSchedule.nextLook(now, createdAt, task.remindersSent(), task.lastRemindedAt())));
    }

    /** The send result of the task for this group, as WeCom lists it for the owner; null when not listed. */
    private WxCpGroupMsgSendResult.ExternalContactGroupMsgSendInfo sendState(String msgid, String owner, String chatId) throws WxErrorException {
        String cursor = "";
        for (int page = 0; page < MAX_PAGES; page++) {
            WxCpGroupMsgSendResult result = contacts.getGroupMsgSendResult(msgid, owner, 1000, cursor);
            if (result != null && result.getSendList() != null) {
                for (WxCpGroupMsgSendResult.ExternalContactGroupMsgSendInfo info : result.getSendList()) {
                    if (chatId.equals(info.getChatId())) {
                        return info;
                    }
                }
            }
            cursor = result == null ? null : result.getNextCursor();
            if (cursor == null || cursor.isEmpty()) {
                return null;
            }
        }
        return null;
    }

    // ---- writing outcomes ----

    private void trouble(GroupSendTask task, Failure failure, Instant attemptStartedAt, Tally tally) {
        if (!failure.retried()) {
            finish(task, Status.FAILED, failure.detail(), tally);
            return;
        }
        Instant retryAt = GroupSendSchedule.retryAt(clock.instant(), task.attempts() + 1);
        if (write(m -> m.retry(task.id(), task.version(), failure.detail(), attemptStartedAt, retryAt))) {
            tally.retried++;
            LOG.info("group-send task {} waits until {} ({})", task.id(), retryAt, failure.code());
        }
    }

    private void finish(GroupSendTask task, Status status, String reason, Tally tally) {
        String clipped = clip(reason);
        if (!write(m -> m.finish(task.id(), task.version(), status, clipped, clock.instant()))) {
            return;
        }
        if (status == Status.EXPIRED) {
            tally.expired++;
        } else {
            tally.failed++;
        }
        // Shown to operators; WeCom's errmsg stays in the row (it may name a member).
        LOG.warn("group-send task {} ({}) for group {} {}", task.id(), task.purpose(), task.chatId(), status);
    }

    private boolean write(Function<GroupSendMapper, Integer> change) {
        return database.inTransaction(s -> change.apply(s.getMapper(GroupSendMapper.class))) == 1;
    }

    // ---- rules ----

    /** Why WeCom would not take this text, or null. */
    static String textProblem(String text) {
        if (text.isBlank()) {
            return "正文为空 (the text is empty)";
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_TEXT_BYTES) {
            return "正文 " + bytes + " 字节，超过企业微信群发每条 " + MAX_TEXT_BYTES + " 字节的上限，请缩短 (the text is " + bytes
                    + " bytes; WeCom takes at most " + MAX_TEXT_BYTES + " bytes per group-send)";
        }
        return null;
    }

    private String budgetProblem(Purpose purpose, GroupSendMapper tasks, String chatId, String month, Instant now) {
        LocalDate today = now.atZone(GroupSendSchedule.CHINA).toLocalDate();
        List<Purpose> inWindow = limit.period() == GroupSendLimit.Period.MONTH ? tasks.budgetTakenBy(chatId, month)
                : tasks.budgetTakenBetween(chatId, limit.windowStart(today).atStartOfDay(GroupSendSchedule.CHINA).toInstant(),
                        limit.windowEnd(today).atStartOfDay(GroupSendSchedule.CHINA).toInstant());
        boolean disclosureIn = limit.period() == GroupSendLimit.Period.MONTH ? inWindow.contains(Purpose.DISCLOSURE)
                : tasks.budgetTakenBy(chatId, month).contains(Purpose.DISCLOSURE);
        return budgetProblem(limit, purpose, today, inWindow.size(), disclosureIn);
    }

    /**
     * Why there is no room for one more of {@code purpose} today, given how many sends the window holding today
     * already has and whether the month's disclosure is among the month's; or null. Tasks are queued only now,
     * never ahead, so every later window of the month is still empty: a digest leaves the disclosure a place unless
     * it takes the last of the month's last window (the month's last place, for a month's budget).
     */
    static String budgetProblem(GroupSendLimit limit, Purpose purpose, LocalDate today, int usedInWindow, boolean disclosureIn) {
        int allowed = limit.allowedIn(today);
        String window = "本" + limit.period().word();
        String english = switch (limit.period()) {
            case DAY -> "day";
            case WEEK -> "week";
            case MONTH -> "month";
        };
        if (usedInWindow >= allowed) {
            return "本群" + window + "的 " + allowed + " 条群发已经排满 (this group's " + allowed + " group-sends of the " + english
                    + " are all taken)";
        }
        boolean lastWindowOfMonth = !limit.windowEnd(today).isBefore(today.withDayOfMonth(1).plusMonths(1));
        if (purpose != Purpose.DISCLOSURE && !disclosureIn && lastWindowOfMonth && usedInWindow >= allowed - KEPT_FOR_DISCLOSURE) {
            return "本群" + window + "已排 " + usedInWindow + " 条群发，余下的留给三务公开，摘要不发 (this group has " + usedInWindow + " of its "
                    + allowed + " group-sends this " + english + "; the rest is kept for the monthly disclosure, so no digest)";
        }
        return null;
    }

    /** Failures WeCom answered with an errcode, and those it did not answer at all (unreachable, HTTP 5xx, not its JSON). */
    record Failure(boolean retried, boolean answered, String code, String detail) {
    }

    static Failure classify(Exception e) {
        if (e instanceof WxErrorException wx && wx.getError() != null) {
            int code = wx.getError().getErrorCode();
            // WeCom's errmsg as sent (WxJava keeps it as errorMsgEn), then WxJava's Chinese explanation when it has one.
            String sent = wx.getError().getErrorMsgEn();
            String explained = wx.getError().getErrorMsg();
            String message = sent == null ? explained : explained == null || explained.equals(sent) ? sent : sent + " (" + explained + ")";
            return new Failure(RETRIED_ERRCODES.contains(code), true, "errcode " + code,
                    clip("errcode " + code + (message == null ? "" : ": " + message)));
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String detail = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return new Failure(true, false, cause.getClass().getSimpleName(), clip("企业微信无应答 (no answer from WeCom): " + detail));
    }

    private static Enqueued outcome(GroupSendTask task, boolean duplicate) {
        return task.status() == Status.REFUSED ? new Refused(task.id(), task.lastError(), duplicate) : new Accepted(task.id(), duplicate);
    }

    /** The longest start of {@code text} within {@code maxBytes} of UTF-8, cut between characters. */
    static String withinBytes(String text, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            end += Character.charCount(cp);
        }
        return text.substring(0, end);
    }

    private static String clip(String s) {
        return s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR - 1) + "…";
    }

    private static void requireId(String name, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_ID) {
            throw new IllegalArgumentException(name + " must be 1 to " + MAX_ID + " characters");
        }
    }

    private static GroupSendTask withVersion(GroupSendTask t, int version) {
        return new GroupSendTask(t.id(), t.requestKey(), t.purpose(), t.chatId(), t.sendMonth(), t.text(), t.status(), t.ownerUserid(),
                t.msgid(), t.remindersSent(), t.attempts(), t.queuedAt(), t.wecomCreatedAt(), t.lastRemindedAt(), t.sentAt(),
                t.finishedAt(), t.nextAttemptAt(), t.attemptStartedAt(), t.lastError(), version, t.disclosureId(), t.note());
    }

    private static final class Tally {
        int looked;
        int created;
        int sent;
        int reminded;
        int expired;
        int failed;
        int retried;

        Pass pass() {
            return new Pass(looked, created, sent, reminded, expired, failed, retried);
        }
    }
}
