package org.jianqun.miniapp.session;

import java.util.Optional;
import org.jianqun.core.access.Actor;
import org.jianqun.core.access.Role;

/**
 * Who calls a mini-program route, as {@link MiniappAuth} found them: a person (a villager) known by their
 * WeChat openid, with the home village they chose and whether a phone is bound. Routes of any module mounted
 * behind {@link MiniappAuth} read it with {@link MiniappAuth#user}. Never carries the phone itself.
 */
public record MiniappUser(long personId, String openid, Optional<String> villageCode, boolean phoneBound) {
    /** The person as the ticket desk knows a villager speaking for themself about {@code villageCode}. */
    public Actor actorFor(String villageCode) {
        return new Actor(personId, "小程序用户", Role.VILLAGER, villageCode);
    }

    @Override
    public String toString() { // the openid identifies a WeChat user: not for logs
        return "MiniappUser[personId=" + personId + "]";
    }
}
