package org.jianqun.miniapp.me;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.http.Responses;
import org.jianqun.core.organisation.Region;
import org.jianqun.core.organisation.RegionLevel;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.RegionMapper;
import org.jianqun.miniapp.http.JsonBodies;
import org.jianqun.miniapp.session.MiniappAuth;
import org.jianqun.miniapp.session.MiniappUser;
import org.jianqun.miniapp.session.MiniappUsers;
import org.jianqun.miniapp.session.UserJson;
import org.jianqun.miniapp.wechat.Wechat;
import org.jianqun.miniapp.wechat.WechatRefused;

/** {@code GET /miniapp/v1/me}, {@code PUT /miniapp/v1/me/village {"villageCode"}}, {@code PUT /miniapp/v1/me/phone {"code"}}. */
public final class MeRoutes {
    private final Database database;
    private final MiniappUsers users;
    private final MiniappAuth auth;
    private final Wechat wechat;

    public MeRoutes(Database database, MiniappUsers users, MiniappAuth auth, Wechat wechat) {
        this.database = database;
        this.users = users;
        this.auth = auth;
        this.wechat = wechat;
    }

    public void mount(Router router, BlockingWork blocking) {
        router.get("/miniapp/v1/me").handler(auth.handler(blocking)).handler(ctx -> Responses.json(ctx, 200, UserJson.of(MiniappAuth.user(ctx))));
        router.put("/miniapp/v1/me/village").handler(BodyHandler.create(false).setBodyLimit(JsonBodies.BODY_LIMIT)).handler(auth.handler(blocking))
                .handler(ctx -> village(ctx, blocking));
        router.put("/miniapp/v1/me/phone").handler(BodyHandler.create(false).setBodyLimit(JsonBodies.BODY_LIMIT)).handler(auth.handler(blocking))
                .handler(ctx -> phone(ctx, blocking));
    }

    private void village(RoutingContext ctx, BlockingWork blocking) {
        MiniappUser user = MiniappAuth.user(ctx);
        String code = JsonBodies.string(JsonBodies.object(ctx), "villageCode", 12).strip();
        blocking.run(() -> {
            Region region = database.read(s -> s.getMapper(RegionMapper.class).find(code));
            if (region == null || region.level() != RegionLevel.VILLAGE) {
                throw new ApiError(404, "village_not_found", "村 " + code + " 不存在", new JsonObject().put("field", "villageCode"));
            }
            return users.setVillage(user.personId(), code);
        }).onSuccess(updated -> Responses.json(ctx, 200, UserJson.of(updated))).onFailure(ctx::fail);
    }

    private void phone(RoutingContext ctx, BlockingWork blocking) {
        MiniappUser user = MiniappAuth.user(ctx);
        String code = JsonBodies.string(JsonBodies.object(ctx), "code", 128);
        blocking.run(() -> {
            String phone;
            try {
                phone = wechat.phoneNumber(code);
            } catch (WechatRefused e) {
                throw e.toApiError("手机号授权码无效或已过期（每个授权码只能使用一次，5 分钟内有效），请重新授权");
            }
            return users.setPhone(user.personId(), phone);
        }).onSuccess(updated -> Responses.json(ctx, 200, UserJson.of(updated))).onFailure(ctx::fail);
    }
}
