package org.jianqun.console.tickets;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.jianqun.core.access.Permission;
import org.jianqun.core.account.AuthService;
import org.jianqun.core.category.Category;
import org.jianqun.core.category.CategoryList;
import org.jianqun.core.http.Authentication;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.http.Responses;
import org.jianqun.core.persistence.Database;

/**
 * {@code GET /api/v1/ticket-categories} → {@code {"categories":["基础设施",…]}}: the list a ticket's category is
 * chosen from (kept as data, in its order), so the console offers what {@code POST /api/v1/tickets/{no}/category}
 * accepts. Officers who read tickets.
 */
public final class CategoryRoutes {
    private final AuthService auth;
    private final Database database;

    public CategoryRoutes(AuthService auth, Database database) {
        this.auth = auth;
        this.database = database;
    }

    public void mount(Router router, BlockingWork blocking) {
        Authentication.permitted(router.get("/api/v1/ticket-categories"), auth, blocking, Permission.VIEW_TICKETS).handler(ctx ->
                blocking.run(() -> database.read(CategoryList::read)).onSuccess(list -> {
                    JsonArray names = new JsonArray();
                    list.all().stream().map(Category::name).forEach(names::add);
                    Responses.json(ctx, 200, new JsonObject().put("categories", names));
                }).onFailure(ctx::fail));
    }
}
