package org.jianqun.miniapp;

import org.jianqun.core.roles.RoleModule;

/**
 * The {@code miniapp} role: what villagers' and real-name reporters' phones call, under
 * {@code /miniapp/v1}. It is the one role meant to face the internet, so it mounts nothing else: no
 * officer login, no admin route, no console (those are the {@code console} role's). Its routes come
 * with the mini-program issue; until then a miniapp-only process serves {@code /health} and
 * {@code /metrics} and answers 404 to everything else.
 */
public final class MiniappModule implements RoleModule {
}
