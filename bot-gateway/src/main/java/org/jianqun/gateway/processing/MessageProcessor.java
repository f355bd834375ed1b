package org.jianqun.gateway.processing;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.ibatis.session.SqlSession;
import org.jianqun.core.access.AccessDecision;
import org.jianqun.core.access.AccessPolicy;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Permission;
import org.jianqun.core.access.Role;
import org.jianqun.core.desk.DeskCommand;
import org.jianqun.core.desk.DeskResult;
import org.jianqun.core.desk.TicketDesk;
import org.jianqun.core.desk.TicketQueries;
import org.jianqun.core.desk.Via;
import org.jianqun.core.organisation.Channel;
import org.jianqun.core.organisation.ChatGroup;
import org.jianqun.core.organisation.Person;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.outbox.Audience;
import org.jianqun.core.outbox.GroupAddress;
import org.jianqun.core.outbox.Outbox;
import org.jianqun.core.outbox.OutboxMessage;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.DatabaseFailures;
import org.jianqun.core.persistence.GroupMapper;
import org.jianqun.core.persistence.PersonMapper;
import org.jianqun.core.persistence.TicketMapper;
import org.jianqun.core.persistence.TicketRow;
import org.jianqun.core.ticket.TicketRule;
import org.jianqun.gateway.command.ChatCommand;
import org.jianqun.gateway.command.CommandParser;
import org.jianqun.gateway.flagging.MessageFlagger;
import org.jianqun.gateway.inbox.InboxMapper;
import org.jianqun.gateway.inbox.InboxStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one stored group message into what it asks for, exactly once: the inbox row is locked, the
 * command runs through the {@link TicketDesk} inside the same transaction, the replies go into the
 * outbox, and the row is marked processed — all committed together. Another instance that picks the
 * same message waits for the lock and then finds it done; a crash before commit leaves it waiting
 * to be processed again. Blocking: run on a worker.
 */
public final class MessageProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(MessageProcessor.class);

    /** inbox_message.outcome and flag_words (sql/V3__inbox.sql), in characters. */
    private static final int OUTCOME_COLUMN = 1000;
    private static final int FLAG_WORDS_COLUMN = 200;
    /** How much of an unknown message reference a reply repeats. */
    private static final int ECHOED_REF = 40;

    /**
     * Who may 登记 a message for its author (DESIGN: a cadre command): cadres and officers. Not a villager
     * (who reports for themself), nor a bookkeeper, whose books are what villagers complain about.
     */
    private static final Set<Role> REGISTER_FOR_OTHERS = EnumSet.of(Role.VILLAGE_CADRE, Role.RESIDENT_CADRE, Role.TOWN_OFFICER,
            Role.COUNTY_OFFICER, Role.CITY_OFFICER, Role.DISCIPLINE_OFFICER);

    private final Database database;
    private final TicketDesk desk;
    private final TicketQueries queries;
    private final MessageFlagger flagger;
    private final Clock clock;

    public MessageProcessor(Database database, TicketDesk desk, TicketQueries queries, MessageFlagger flagger, Clock clock) {
        this.database = database;
        this.desk = desk;
        this.queries = queries;
        this.flagger = flagger;
        this.clock = clock;
        database.addMapper(InboxMapper.class);
    }

    /**
     * Processes every waiting message, oldest first, at most {@code limit}; returns how many it settled.
     * One the database could not take just now (a lock, a deadlock, a lost connection) stays waiting and
     * is not counted, so a full batch of those does not send the caller straight round again.
     */
    public int processWaiting(int limit) {
        var waiting = database.read(s -> s.getMapper(InboxMapper.class).waiting(limit));
        int settled = 0;
        for (long id : waiting) {
            try {
                process(id);
                settled++;
            } catch (RuntimeException e) {
                Optional<TransientFailure> passing = TransientFailure.in(e);
                if (passing.isPresent()) {
                    // Rolled back and still RECEIVED: a later pass tries again. No message text in the log.
                    LOG.warn("inbox message {} left for a later pass: {}", id, passing.get());
                    continue;
                }
                // One bad message must not stop the queue: it is marked failed and shown, the rest go on.
                settled++;
                LOG.error("inbox message {} failed: {}", id, DatabaseFailures.describe(e));
                database.inTransaction(s -> {
                    s.getMapper(InboxMapper.class).finish(id, InboxStatus.FAILED, clock.instant(), null, false, null, null,
                            "处理失败：" + e.getClass().getSimpleName());
                    return null;
                });
            }
        }
        return settled;
    }

    public void process(long inboxId) {
        database.inTransaction(s -> {
            InboxMapper inbox = s.getMapper(InboxMapper.class);
            InboxMapper.Stored m = inbox.lock(inboxId);
            if (m == null || m.status() != InboxStatus.RECEIVED) {
                return null; // another instance got here first
            }
            Instant now = clock.instant();
            Channel channel = Channel.valueOf(m.channel());
            ChatGroup group = s.getMapper(GroupMapper.class).find(channel, m.groupId());
            if (group == null || group.regionCode() == null) {
                // Kept for an admin to bind the group; nothing is answered into a group nobody has assigned.
                LOG.warn("message {} from unknown group {}:{} kept, not processed", m.messageId(), m.channel(), m.groupId());
                inbox.finish(inboxId, InboxStatus.UNKNOWN_GROUP, now, null, false, null, null, "未登记的群，待管理员绑定到村");
                return null;
            }
            Handled handled;
            if (group.takesReports()) {
                handled = handle(s, m, channel, group, sender(s, channel, m, group.regionCode(), now), now);
            } else {
                handled = handleAmongOfficers(s, m, channel, group, now);
            }
            inbox.finish(inboxId, InboxStatus.PROCESSED, now, group.regionCode(), handled.flagged(), clipped(handled.flagWords(), FLAG_WORDS_COLUMN),
                    handled.ticketNo(), clipped(handled.outcome(), OUTCOME_COLUMN));
            return null;
        });
    }

    /**
     * At most {@code max} code points of {@code text}: an outcome quotes what was said (a long 办结 result,
     * say), and one character past the column would fail the whole transaction, losing message and reply.
     */
    private static String clipped(String text, int max) {
        if (text == null || text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }

    private record Handled(String outcome, Long ticketNo, boolean flagged, String flagWords) {
        static Handled of(String outcome, Long ticketNo) {
            return new Handled(outcome, ticketNo, false, null);
        }
    }

    /**
     * An officers' or discipline group: its members work tickets from the chat (认领, 办结, 上报, 进度 …) with
     * their own roles and scopes, but nobody reports there, and a stranger is not taken for a villager.
     */
    private Handled handleAmongOfficers(SqlSession s, InboxMapper.Stored m, Channel channel, ChatGroup group, Instant now) {
        ChatCommand command = CommandParser.parse(textOf(m), m.mentionsBot(), Optional.ofNullable(m.quotedMessageId()));
        if (command instanceof ChatCommand.NotACommand) {
            return Handled.of("已存档（工作群）", null);
        }
        if (command instanceof ChatCommand.Report || command instanceof ChatCommand.Register) {
            reply(s, now, m, null, "本群是工作群，不受理反映。群众反映请在本村监督群发「#反映 内容」，干部可在控制台登记。");
            return Handled.of("工作群不受理反映", null);
        }
        Person person = s.getMapper(PersonMapper.class).findByChannelUser(channel, m.senderId());
        if (person == null) {
            reply(s, now, m, null, "您还不在平台的人员名单中，无法在工作群办理工单。请联系管理员导入人员名单。");
            return Handled.of("未登记人员的指令未执行", null);
        }
        return handle(s, m, channel, group, new Actor(person.id(), person.name(), person.role(), person.scopeCode()), now);
    }

    private static String textOf(InboxMapper.Stored m) {
        return m.text() != null && !m.text().isBlank() ? m.text() : m.transcript() == null ? "" : m.transcript();
    }

    private Handled handle(SqlSession s, InboxMapper.Stored m, Channel channel, ChatGroup group, Actor sender, Instant now) {
        Via via = Via.valueOf(channel.name());
        String text = textOf(m);
        if (text.isBlank() && m.kind().equals("VOICE") && group.takesReports()) {
            // No transcript from the channel: keep the audio and ask the village's cadres to listen.
            Outbox.enqueue(s, now, null, "VOICE", new OutboxMessage(Audience.LEVEL, group.regionCode(),
                    "群「" + group.name() + "」有一条 " + Optional.ofNullable(m.voiceSeconds()).orElse(0) + " 秒的语音（消息 " + m.messageId()
                            + "），请收听；如是诉求，请发「登记 " + m.messageId() + "」。"));
            return new Handled("语音待村干部收听", null, true, "语音");
        }
        ChatCommand command = CommandParser.parse(text, m.mentionsBot(), Optional.ofNullable(m.quotedMessageId()));
        TicketDesk.Within desk = this.desk.in(s);
        DeskResult result;
        if (command instanceof ChatCommand.Progress c) {
            // Read in the processing transaction: the answer is as of the moment the message is marked processed.
            reply(s, now, m, null, ProgressReply.of(queries, s, c.ticketNo(), sender, via));
            return Handled.of("进度查询 #" + c.ticketNo(), null);
        } else if (command instanceof ChatCommand.Register c) {
            result = registerQuoted(s, desk, c.messageRef(), m, channel, group, sender, via);
        } else if (command instanceof ChatCommand.Malformed c) {
            reply(s, now, m, null, c.reply());
            return Handled.of("指令格式不对：" + c.word(), null);
        } else if (command instanceof ChatCommand.Help) {
            reply(s, now, m, null, ChatHelp.forSender(sender, group, REGISTER_FOR_OTHERS));
            return Handled.of("帮助", null);
        } else if (command instanceof ChatCommand.Unknown c) {
            // "#村干部冒领补贴…" is talk with a # in front: read for patrol like any other message (work groups' talk is not).
            reply(s, now, m, null, "没有「" + c.word() + "」这个指令。" + ChatHelp.forSender(sender, group, REGISTER_FOR_OTHERS));
            MessageFlagger.Flag flag = group.takesReports() ? flagger.read(text) : new MessageFlagger.Flag(false, false, List.of());
            return new Handled("未知指令：" + c.word(), null, flag.raised(), flag.raised() ? String.join(",", flag.words()) : null);
        } else if (command instanceof ChatCommand.NotACommand) {
            MessageFlagger.Flag flag = flagger.read(text);
            return new Handled(flag.raised() ? "已标记待巡查" : "已存档", null, flag.raised(),
                    flag.raised() ? String.join(",", flag.words()) : null);
        } else {
            result = desk.execute(deskCommand(command, group, sender, m), sender, via);
            if (command instanceof ChatCommand.Urge c && result instanceof DeskResult.Done done) {
                reply(s, now, m, done.ticket().no(), "已催办 #" + c.ticketNo() + "（第 " + done.ticket().urged() + " 次），已提醒办理人。");
            }
        }
        if (result instanceof DeskResult.Refused refused) {
            reply(s, now, m, null, refused.reason());
            return Handled.of("未执行：" + refused.reason(), null);
        }
        DeskResult.Done done = (DeskResult.Done) result;
        CommandConfirmation.of(done.event(), done.ticket(), new GroupAddress(channel, m.groupId()))
                .ifPresent(confirmation -> reply(s, now, m, done.ticket().no(), confirmation));
        return Handled.of(done.event().detail(), done.ticket().no());
    }

    /** The desk's command for a chat command that is one (report, claim, resolve, 上报, 定级, 评价, 催办). */
    private static DeskCommand deskCommand(ChatCommand command, ChatGroup group, Actor sender, InboxMapper.Stored m) {
        if (command instanceof ChatCommand.Report r) {
            return new DeskCommand.Register(group.regionCode(), sender.personId(), r.text(), m.groupId());
        } else if (command instanceof ChatCommand.Claim c) {
            return new DeskCommand.Claim(c.ticketNo());
        } else if (command instanceof ChatCommand.Resolve c) {
            return new DeskCommand.Resolve(c.ticketNo(), c.result());
        } else if (command instanceof ChatCommand.Escalate c) {
            return new DeskCommand.Escalate(c.ticketNo(), c.reason());
        } else if (command instanceof ChatCommand.SetTier c) {
            return new DeskCommand.SetTier(c.ticketNo(), c.tierWord());
        } else if (command instanceof ChatCommand.Rate c) {
            return new DeskCommand.Rate(c.ticketNo(), c.ratingWord());
        } else if (command instanceof ChatCommand.Categorise c) {
            return new DeskCommand.Categorise(c.ticketNo(), c.categoryWord());
        } else if (command instanceof ChatCommand.Urge c) {
            return new DeskCommand.Urge(c.ticketNo());
        }
        throw new IllegalArgumentException("not a ticket command: " + command.getClass().getSimpleName());
    }

    /** 登记: a cadre turns a message of this group (by its id, or the quoted one) into a ticket for its author. */
    private DeskResult registerQuoted(SqlSession s, TicketDesk.Within desk, String ref, InboxMapper.Stored m, Channel channel,
                                      ChatGroup group, Actor cadre, Via via) {
        InboxMapper inbox = s.getMapper(InboxMapper.class);
        InboxMapper.Stored found = inbox.find(m.channel(), ref);
        DeskResult.Refused noSuchMessage = new DeskResult.Refused(TicketRule.MESSAGE_EXISTS,
                "本群没有编号为 " + clipped(ref, ECHOED_REF) + " 的消息", true);
        if (found == null || !found.groupId().equals(m.groupId())) {
            return noSuchMessage;
        }
        if (!REGISTER_FOR_OTHERS.contains(cadre.role())) {
            return new DeskResult.Refused(TicketRule.ROLE_FITS_TICKET_LEVEL, "登记须由村干部或上级干部操作", false);
        }
        AccessDecision access = AccessPolicy.decideOnTicket(cadre, Permission.REGISTER_TICKET, group.regionCode(), RegionLevel.VILLAGE);
        if (access instanceof AccessDecision.Refused refused) {
            return new DeskResult.Refused(refused.outOfScope() ? TicketRule.ACTOR_IN_SCOPE : TicketRule.ROLE_FITS_TICKET_LEVEL,
                    "不能登记工单：" + refused.reason(), refused.outOfScope());
        }
        // Locked, so that two cadres registering the same message at once make one ticket between them.
        InboxMapper.Stored original = inbox.lock(found.id());
        if (original.ticketNo() != null) {
            TicketRow became = s.getMapper(TicketMapper.class).find(original.ticketNo());
            if (became == null || !TicketQueries.mayKnow(cadre, via, became)) {
                // The ticket it became is not to be told here: answered as for a message that is not there.
                return noSuchMessage;
            }
            return new DeskResult.Refused(TicketRule.NOT_YET_A_TICKET, "这条消息已是工单 #" + original.ticketNo() + "，无需再登记。查询请发「进度 #"
                    + original.ticketNo() + "」。", false);
        }
        Person author = s.getMapper(PersonMapper.class).findByChannelUser(channel, original.senderId());
        String said = textOf(original);
        String content = !said.isBlank() ? said
                : "（语音消息 " + original.messageId() + "，" + Optional.ofNullable(original.voiceSeconds()).orElse(0) + " 秒）";
        DeskResult result = desk.execute(new DeskCommand.Register(group.regionCode(), author == null ? cadre.personId() : author.id(),
                content, m.groupId()), cadre, via);
        if (result instanceof DeskResult.Done done) {
            inbox.linkTicket(original.id(), done.ticket().no());
        }
        return result;
    }

    private static void reply(SqlSession s, Instant now, InboxMapper.Stored m, Long ticketNo, String text) {
        String to = m.senderName() == null || m.senderName().isBlank() ? "" : "@" + m.senderName() + " ";
        Outbox.enqueue(s, now, ticketNo, "REPLY", OutboxMessage.toGroup(new GroupAddress(Channel.valueOf(m.channel()), m.groupId()), to + text));
    }

    /** The sender as the platform knows them; someone not imported is a villager of the group's village, remembered from now on. */
    private static Actor sender(SqlSession s, Channel channel, InboxMapper.Stored m, String villageCode, Instant now) {
        PersonMapper people = s.getMapper(PersonMapper.class);
        Person person = people.findByChannelUser(channel, m.senderId());
        if (person == null) {
            String name = m.senderName() == null || m.senderName().isBlank() ? "群成员" : m.senderName();
            people.insert(new Person(null, name, Role.VILLAGER, villageCode, channel, m.senderId(), null, null), now);
            person = people.findByChannelUser(channel, m.senderId());
        }
        // A villager speaks for themself in any village group they are in: membership of the group is the
        // standing (DESIGN: a sender is a villager of the group's village). Officers keep their own scope.
        String scope = person.role() == Role.VILLAGER ? villageCode : person.scopeCode();
        return new Actor(person.id(), person.name(), person.role(), scope);
    }
}
