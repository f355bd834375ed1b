package org.jianqun.core.outbox;

/**
 * Who an outbox message is for; the target column says which one of them.
 * COMPLAINANT: a person id. GROUP: a {@link GroupAddress} ({@code channel:groupId}), the group a ticket came from.
 * LEVEL: the officers of a region (town, county or city code) — the level a ticket is at or went to.
 * DISCIPLINE: the discipline officers of a region code.
 * VILLAGERS: every villagers' (supervision) group of a village code — e.g. the monthly disclosure.
 */
public enum Audience {
    COMPLAINANT, GROUP, LEVEL, DISCIPLINE, VILLAGERS
}
