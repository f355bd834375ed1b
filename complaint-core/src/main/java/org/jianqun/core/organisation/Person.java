package org.jianqun.core.organisation;

import org.jianqun.core.access.Role;

/**
 * Someone the platform knows: a chat identity (channel + user id), a login (username), or both.
 * The scope is a region code; only the platform-wide admin has none.
 */
public record Person(Long id, String name, Role role, String scopeCode, Channel channel, String channelUserId,
                     String username, String passwordHash) {
}
