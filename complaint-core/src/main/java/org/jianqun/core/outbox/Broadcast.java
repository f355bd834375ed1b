package org.jianqun.core.outbox;

/**
 * What a message to every villagers' group of a village is, when it is more than a reply: the kinds
 * that may take one of an external WeCom group's few owner-confirmed group-sends a month. The gateway
 * alone keeps the budget (one place a month kept for the disclosure); any module may ask for either.
 */
public enum Broadcast {
    /** 三务公开: the village's monthly disclosure. */
    DISCLOSURE,
    /** A digest of the period's matters in the group. */
    DIGEST,
    /** 民意调查: a poll's announcement with its link, into the villagers' groups of its scope. */
    POLL
}
