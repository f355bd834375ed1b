package org.jianqun.miniapp.session;

import io.vertx.core.json.JsonObject;

/** A mini-program user as the API shows them to themself: never the openid, the phone or anything of WeChat's session. */
public final class UserJson {
    private UserJson() {
    }

    public static JsonObject of(MiniappUser user) {
        return new JsonObject().put("id", user.personId()).put("villageCode", user.villageCode().orElse(null)).put("phoneBound", user.phoneBound());
    }
}
