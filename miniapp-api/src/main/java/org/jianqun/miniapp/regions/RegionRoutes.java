package org.jianqun.miniapp.regions;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.http.Responses;
import org.jianqun.core.organisation.Region;
import org.jianqun.core.persistence.Database;
import org.jianqun.core.persistence.RegionMapper;
import org.jianqun.miniapp.session.MiniappAuth;

/**
 * {@code GET /miniapp/v1/regions?parent=&q=}: the region tree, one level at a time (no parent: the top), or the
 * regions under {@code parent} whose name contains {@code q} — how a villager finds their village.
 */
public final class RegionRoutes {
    static final int MAX_RESULTS = 50;
    private static final int MAX_QUERY = 20;

    private final Database database;
    private final MiniappAuth auth;

    public RegionRoutes(Database database, MiniappAuth auth) {
        this.database = database;
        this.auth = auth;
        database.addMapper(RegionSearchMapper.class);
    }

    public void mount(Router router, BlockingWork blocking) {
        router.get("/miniapp/v1/regions").handler(auth.handler(blocking)).handler(ctx -> list(ctx, blocking));
    }

    private void list(RoutingContext ctx, BlockingWork blocking) {
        String parent = ctx.request().getParam("parent");
        String q = ctx.request().getParam("q");
        if (parent != null && (parent.isBlank() || !parent.chars().allMatch(c -> c >= '0' && c <= '9') || parent.length() > 12)) {
            throw new ApiError(400, "bad_parent", "parent 须是地区代码（数字）", new JsonObject().put("field", "parent"));
        }
        if (q != null && q.codePointCount(0, q.length()) > MAX_QUERY) {
            throw new ApiError(422, "query_too_long", "搜索词最多 " + MAX_QUERY + " 字", new JsonObject().put("field", "q").put("limit", MAX_QUERY));
        }
        String query = q == null ? "" : q.strip();
        blocking.run(() -> database.read(s -> {
            if (!query.isEmpty()) {
                return s.getMapper(RegionSearchMapper.class).search((parent == null ? "" : parent) + "%", "%" + escape(query) + "%", MAX_RESULTS);
            }
            RegionMapper regions = s.getMapper(RegionMapper.class);
            if (parent != null && regions.find(parent) == null) {
                throw new ApiError(404, "region_not_found", "地区 " + parent + " 不存在");
            }
            return parent == null ? regions.roots() : regions.children(parent);
        })).onSuccess(found -> Responses.json(ctx, 200, new JsonObject().put("regions", json(found)))).onFailure(ctx::fail);
    }

    private static String escape(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static JsonArray json(List<Region> regions) {
        JsonArray out = new JsonArray();
        regions.forEach(r -> out.add(new JsonObject().put("code", r.code()).put("name", r.name()).put("level", r.level().wireName())
                .put("parentCode", r.parentCode())));
        return out;
    }
}
