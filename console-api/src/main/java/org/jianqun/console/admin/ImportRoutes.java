package org.jianqun.console.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.jianqun.core.access.Permission;
import org.jianqun.core.account.ActorDirectory;
import org.jianqun.core.account.AuthService;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.http.Authentication;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.http.Responses;
import org.jianqun.core.importing.ImportKind;
import org.jianqun.core.importing.ImportOutcome;
import org.jianqun.core.importing.OrganisationImporter;

/**
 * {@code POST /api/v1/admin/import/{regions|groups|people}}, body {@code text/csv} in UTF-8 with a
 * header row. 200 with counts when applied; 422 with {@code errors[{line,field,message}]} when any
 * row is wrong (and then nothing is written).
 */
public final class ImportRoutes {
    /** A county's sheets are a few hundred kB; a province is imported county by county. */
    public static final long BODY_LIMIT = 32L * 1024 * 1024;

    private final AuthService auth;
    private final OrganisationImporter importer;
    private final ActorDirectory actors;

    public ImportRoutes(AuthService auth, OrganisationImporter importer, ActorDirectory actors) {
        this.auth = auth;
        this.importer = importer;
        this.actors = actors;
    }

    public void mount(Router router, BlockingWork blocking) {
        // Vert.x reads the body before any user handler; a declared Content-Length over the limit is refused unread.
        Authentication.permitted(router.post("/api/v1/admin/import/:kind").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT)),
                        auth, blocking, Permission.IMPORT_ORGANISATION)
                .handler(ImportRoutes::requireCsv)
                .handler(ctx -> importCsv(ctx, blocking));
    }

    private static void requireCsv(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("text/csv")) {
            ctx.fail(new ApiError(415, "unsupported_media_type", "send the file as Content-Type: text/csv (UTF-8)"));
            return;
        }
        ctx.next();
    }

    private void importCsv(RoutingContext ctx, BlockingWork blocking) {
        String kindText = ctx.pathParam("kind");
        ImportKind kind = ImportKind.fromWire(kindText).orElseThrow(() ->
                new ApiError(404, "unknown_import_kind", "'" + kindText + "' is not an import; use regions, groups or people"));
        String scope = Authentication.actor(ctx).scopeCode();
        byte[] csv = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        blocking.run(() -> importer.importCsv(kind, csv, scope)).onSuccess(outcome -> {
            if (outcome instanceof ImportOutcome.Applied applied) {
                actors.forgetAll();
                Responses.json(ctx, 200, new JsonObject()
                        .put("kind", kind.wireName())
                        .put("rows", applied.rows())
                        .put("inserted", applied.inserted())
                        .put("updated", applied.updated())
                        .put("unchanged", applied.unchanged()));
            } else if (outcome instanceof ImportOutcome.Rejected rejected) {
                JsonArray errors = new JsonArray();
                rejected.problems().forEach(p -> errors.add(new JsonObject().put("line", p.line()).put("field", p.field()).put("message", p.message())));
                ctx.fail(new ApiError(422, "invalid_csv", errors.size() + " problem(s) in the " + kind.wireName()
                        + " file; nothing was imported", new JsonObject().put("errors", errors)));
            }
        }).onFailure(ctx::fail);
    }
}
