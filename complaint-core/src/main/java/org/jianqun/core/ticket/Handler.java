package org.jianqun.core.ticket;

/** Who claimed the ticket at its current level (the 办理人 shown in 进度). */
public record Handler(long personId, String displayName) {
}
