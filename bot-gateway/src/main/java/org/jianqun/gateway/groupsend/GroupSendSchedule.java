package org.jianqun.gateway.groupsend;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The timing rules of group-send tasks, in one place: when the owner is reminded, when a task is
 * given up, how often WeCom is asked whether it was sent, and how long a trouble waits.
 */
final class GroupSendSchedule {
    static final ZoneId CHINA = org.jianqun.core.calendar.WorkingDayCalendar.ZONE;
    /** The first reminder, two hours after WeCom notified the owner: time enough to see the first notice. */
    static final Duration FIRST_REMINDER_AFTER = Duration.ofHours(2);
    /** Later reminders a day apart: a daily nudge, well inside WeCom's three reminders per task per 24 hours. */
    static final Duration REMINDER_INTERVAL = Duration.ofDays(1);
    static final int MAX_REMINDERS = 3;
    /** Reminders only from 08:00 to 21:00 China time: owners are village cadres, some old, and are not pinged at night. */
    static final LocalTime REMIND_FROM = LocalTime.of(8, 0);
    static final LocalTime REMIND_UNTIL = LocalTime.of(21, 0);
    /** A task not sent three days after WeCom took it (or not taken three days after it was queued) expires. */
    static final Duration EXPIRE_AFTER = Duration.ofDays(3);
    /** How often WeCom is asked whether the owner has sent: 40,000 groups' disclosures make 160 calls a minute. */
    static final Duration POLL_EVERY = Duration.ofMinutes(15);
    /** Troubles (busy, unreachable) wait 1, 2, 4 … minutes, at most an hour. */
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    static final Duration LONGEST_RETRY = Duration.ofHours(1);

    private GroupSendSchedule() {
    }

    /** True within the reminding hours, China time. */
    static boolean waking(Instant at) {
        LocalTime time = at.atZone(CHINA).toLocalTime();
        return !time.isBefore(REMIND_FROM) && time.isBefore(REMIND_UNTIL);
    }

    /** {@code at} if it falls within the reminding hours, else the next 08:00 China time. */
    static Instant wakingFrom(Instant at) {
        if (waking(at)) {
            return at;
        }
        ZonedDateTime local = at.atZone(CHINA);
        ZonedDateTime morning = local.toLocalDate().atTime(REMIND_FROM).atZone(CHINA);
        return local.toLocalTime().isBefore(REMIND_FROM) ? morning.toInstant() : morning.plusDays(1).toInstant();
    }

    /** When the next reminder may go, or null when all have gone. */
    static Instant nextReminder(Instant createdAt, int remindersSent, Instant lastRemindedAt) {
        if (remindersSent >= MAX_REMINDERS) {
            return null;
        }
        Instant due = remindersSent == 0 || lastRemindedAt == null ? createdAt.plus(FIRST_REMINDER_AFTER) : lastRemindedAt.plus(REMINDER_INTERVAL);
        return wakingFrom(due);
    }

    static Instant expiry(Instant since) {
        return since.plus(EXPIRE_AFTER);
    }

    /** The next look at a created task: the next poll, reminder or expiry, whichever comes first. */
    static Instant nextLook(Instant now, Instant createdAt, int remindersSent, Instant lastRemindedAt) {
        Instant next = now.plus(POLL_EVERY);
        Instant reminder = nextReminder(createdAt, remindersSent, lastRemindedAt);
        if (reminder != null) {
            // One that came due after hours (a late pass) waits for the morning.
            Instant at = reminder.isAfter(now) ? reminder : wakingFrom(now);
            next = at.isBefore(next) ? at : next;
        }
        Instant expiry = expiry(createdAt);
        return expiry.isBefore(next) ? expiry : next;
    }

    /** When to try again after {@code attempts} troubles in a row (this one included). */
    static Instant retryAt(Instant now, int attempts) {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 6));
        return now.plus(wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait);
    }
}
