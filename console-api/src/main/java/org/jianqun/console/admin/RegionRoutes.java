package org.jianqun.console.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.jianqun.core.access.Permission;
import org.jianqun.core.account.AuthService;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.http.Authentication;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.http.Responses;
import org.jianqun.core.organisation.ChatGroup;
import org.jianqun.core.organisation.DivisionCode;
import org.jianqun.core.organisation.Region;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.GroupMapper;
import org.jianqun.core.persistence.RegionMapper;

/** {@code GET /api/v1/regions/{code}}: a region of the caller's scope, its children and (for a village) its groups. */
public final class RegionRoutes {
    private final AuthService auth;
    private final Database database;

    public RegionRoutes(AuthService auth, Database database) {
        this.auth = auth;
        this.database = database;
    }

    private record View(Region region, List<Region> children, List<ChatGroup> groups) {
    }

    public void mount(Router router, BlockingWork blocking) {
        Authentication.permitted(router.get("/api/v1/regions/:code"), auth, blocking, Permission.VIEW_ORGANISATION)
                .handler(ctx -> show(ctx, blocking));
    }

    private void show(RoutingContext ctx, BlockingWork blocking) {
        DivisionCode.Reading reading = DivisionCode.read(ctx.pathParam("code"));
        if (reading instanceof DivisionCode.Refused refused) {
            throw ApiError.badRequest(refused.reason());
        }
        // Any written form (350500, 350500000000) names the region stored as its short code (3505).
        String code = ((DivisionCode.Read) reading).code();
        Authentication.requireIn(ctx, Permission.VIEW_ORGANISATION, code);
        blocking.run(() -> database.read(s -> {
            Region region = s.getMapper(RegionMapper.class).find(code);
            return region == null ? null : new View(region, s.getMapper(RegionMapper.class).children(code),
                    s.getMapper(GroupMapper.class).ofRegion(code));
        })).onSuccess(view -> {
            if (view == null) {
                ctx.fail(new ApiError(404, "not_found", "没有代码为 " + code + " 的区划"));
                return;
            }
            JsonArray children = new JsonArray();
            view.children().forEach(c -> children.add(describe(c)));
            JsonArray groups = new JsonArray();
            view.groups().forEach(g -> groups.add(new JsonObject().put("channel", g.channel().wireName())
                    .put("groupId", g.groupId()).put("name", g.name()).put("purpose", g.purpose().wireName())
                    .put("robot", g.robotKey() != null)));
            Responses.json(ctx, 200, describe(view.region()).put("children", children).put("groups", groups));
        }).onFailure(ctx::fail);
    }

    private static JsonObject describe(Region r) {
        return new JsonObject().put("code", r.code()).put("name", r.name()).put("level", r.level().wireName())
                .put("parentCode", r.parentCode());
    }
}
