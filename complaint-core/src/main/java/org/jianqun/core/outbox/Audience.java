package org.jianqun.core.outbox;

/**
 * Who an outbox message is for; the target column says which one of them.
 * COMPLAINANT: a person id. GROUP: a {@link GroupAddress} ({@code channel:groupId}), the group a ticket came from.
 * LEVEL: the officers of a region (town, county or city code) — the level a ticket is at or went to.
 * DISCIPLINE: the discipline officers of a region code.
 * VILLAGERS: every villagers' (supervision) group of a village code — e.g. the monthly disclosure.
 * REPORTER: a person id who reported the message's ticket (or one merged into it) from the mini-program: the
 * gateway routes a COMPLAINANT message here for such a person and sends it as a subscribe message
 * ({@link ReporterMapper}), if they accepted subscribe messages; nobody else reads it.
 */
public enum Audience {
    COMPLAINANT, GROUP, LEVEL, DISCIPLINE, VILLAGERS, REPORTER
}
