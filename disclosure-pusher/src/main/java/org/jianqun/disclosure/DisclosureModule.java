package org.jianqun.disclosure;

import org.jianqun.core.roles.RoleModule;

/**
 * The {@code pusher} role: the monthly disclosure (三务公开) lifecycle and its push, which it asks for
 * through core's delivery requests. Its verticle comes with the disclosure issue; until then the role
 * runs nothing.
 */
public final class DisclosureModule implements RoleModule {
}
