package org.jianqun.core.desk;

import java.time.Instant;
import java.util.Objects;
import org.jianqun.core.access.Actor;
import org.jianqun.core.ticket.CommandOutcome;
import org.jianqun.core.ticket.Ticket;
import org.jianqun.core.ticket.TicketCommand;

/**
 * A ticket command as every entry point (console, chat, mini-program) hands it to
 * {@link TicketDesk#execute}: written once here, not once per caller. Who gives it and through which
 * channel are the desk's other arguments; whether it makes sense is the ticket's to decide.
 */
public sealed interface DeskCommand {
    /** The audit trail's name of the command. */
    String auditName();

    /** A new ticket for {@code complainantId} in a village; {@code originGroupId} is the chat group it came from, if any. */
    record Register(String villageCode, long complainantId, String content, String originGroupId) implements DeskCommand {
        @Override
        public String auditName() {
            return "REGISTER";
        }
    }

    /**
     * A real-name report (实名举报), routed by the caller to the discipline office {@code officeCode} (a town,
     * county or city code): a confidential ticket that exists only for that office. It never has a group.
     */
    record RegisterConfidential(String villageCode, long complainantId, String content, String officeCode) implements DeskCommand {
        public RegisterConfidential {
            Objects.requireNonNull(officeCode, "officeCode");
        }

        @Override
        public String auditName() {
            return "REGISTER";
        }
    }

    /** 合并: {@code no} goes into {@code into}; its complainants join the surviving ticket and hear its outcome. */
    record Merge(long no, long into) implements DeskCommand {
        @Override
        public String auditName() {
            return TicketCommand.MERGE.name();
        }
    }

    /**
     * 分类: corrects a ticket's category to {@code categoryWord}, a name of the stored list; a handler of the
     * ticket's level may (as for 定级). The category is the platform's, not the ticket's lifecycle: the desk decides it.
     */
    record Categorise(long no, String categoryWord) implements DeskCommand {
        @Override
        public String auditName() {
            return "CATEGORISE";
        }
    }

    /** A command on one existing ticket: the desk locks it, checks the actor may know it, and lets the ticket decide. */
    sealed interface OnTicket extends DeskCommand {
        long no();

        TicketCommand command();

        CommandOutcome decide(Ticket ticket, Actor by, Instant now);

        @Override
        default String auditName() {
            return command().name();
        }
    }

    record Claim(long no) implements OnTicket {
        @Override
        public TicketCommand command() {
            return TicketCommand.CLAIM;
        }

        @Override
        public CommandOutcome decide(Ticket ticket, Actor by, Instant now) {
            return ticket.claim(by, now);
        }
    }

    record Resolve(long no, String result) implements OnTicket {
        @Override
        public TicketCommand command() {
            return TicketCommand.RESOLVE;
        }

        @Override
        public CommandOutcome decide(Ticket ticket, Actor by, Instant now) {
            return ticket.resolve(by, result, now);
        }
    }

    /** 上报 */
    record Escalate(long no, String reason) implements OnTicket {
        @Override
        public TicketCommand command() {
            return TicketCommand.ESCALATE;
        }

        @Override
        public CommandOutcome decide(Ticket ticket, Actor by, Instant now) {
            return ticket.escalate(by, reason, now);
        }
    }

    /** 定级 by its word (一般、特殊、复杂). */
    record SetTier(long no, String tierWord) implements OnTicket {
        @Override
        public TicketCommand command() {
            return TicketCommand.SET_TIER;
        }

        @Override
        public CommandOutcome decide(Ticket ticket, Actor by, Instant now) {
            return ticket.setTier(by, tierWord, now);
        }
    }

    /** 催办 */
    record Urge(long no) implements OnTicket {
        @Override
        public TicketCommand command() {
            return TicketCommand.URGE;
        }

        @Override
        public CommandOutcome decide(Ticket ticket, Actor by, Instant now) {
            return ticket.urge(by, now);
        }
    }

    /** 评价 by its word (满意、基本满意、不满意). */
    record Rate(long no, String ratingWord) implements OnTicket {
        @Override
        public TicketCommand command() {
            return TicketCommand.RATE;
        }

        @Override
        public CommandOutcome decide(Ticket ticket, Actor by, Instant now) {
            return ticket.rate(by, ratingWord, now);
        }
    }

    /** 驳回 */
    record Reject(long no, String reason) implements OnTicket {
        @Override
        public TicketCommand command() {
            return TicketCommand.REJECT;
        }

        @Override
        public CommandOutcome decide(Ticket ticket, Actor by, Instant now) {
            return ticket.reject(by, reason, now);
        }
    }
}
