package org.jianqun.gateway.command;

/**
 * What a group message asks for, once parsed (DESIGN.md "Chat commands"). A message that is not a
 * command is {@link NotACommand}: it is stored for patrol and may be flagged, never answered.
 */
public sealed interface ChatCommand {
    /** {@code #反映 <text>} (or #投诉 #诉求 #求助, or an @-mention of the bot): a new ticket for the group's village. */
    record Report(String text) implements ChatCommand {
    }

    /** {@code 登记 <messageId>}, or {@code 登记} quoting a message: a cadre registers a flagged message for its author. */
    record Register(String messageRef) implements ChatCommand {
    }

    record Claim(long ticketNo) implements ChatCommand {
    }

    record Resolve(long ticketNo, String result) implements ChatCommand {
    }

    record Escalate(long ticketNo, String reason) implements ChatCommand {
    }

    record SetTier(long ticketNo, String tierWord) implements ChatCommand {
    }

    /** {@code 分类 #n 类别}: a cadre corrects the ticket's category (the desk checks the word against the list). */
    record Categorise(long ticketNo, String categoryWord) implements ChatCommand {
    }

    record Progress(long ticketNo) implements ChatCommand {
    }

    record Urge(long ticketNo) implements ChatCommand {
    }

    record Rate(long ticketNo, String ratingWord) implements ChatCommand {
    }

    /** A known command word used wrongly: {@code reply} says what would work. */
    record Malformed(String word, String reply) implements ChatCommand {
    }

    /** {@code #something} that is no command; {@code word} is echoed at most ten characters (it may be an accusation). */
    record Unknown(String word) implements ChatCommand {
    }

    /** {@code 帮助}, {@code ？}, {@code 怎么用}, {@code 菜单} (with or without #): the commands this sender may use in this group. */
    record Help() implements ChatCommand {
    }

    record NotACommand() implements ChatCommand {
    }
}
