package org.jianqun.console.tickets;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.jianqun.core.access.Permission;
import org.jianqun.core.account.AuthService;
import org.jianqun.core.audit.AuditTrail;
import org.jianqun.core.audit.AuditWitnesses;
import org.jianqun.core.http.Authentication;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.http.Responses;
import org.jianqun.core.persistence.Database;

/**
 * {@code POST /api/v1/audit/verify} → {@code {"ok","checked","firstBad":null|{"id","chain","seq","problem","day"}}}:
 * the chains, their heads' seals and the daily witnesses ({@code day}: the first day a witness disagrees, or null).
 * A POST, not a GET: it walks the whole trail, which is work to ask for, not a resource to cache.
 * The answer is the same whoever asks (the trail is one), so only the role is checked.
 */
public final class AuditRoutes {
    private final AuthService auth;
    private final Database database;
    private final AuditWitnesses witnesses;

    public AuditRoutes(AuthService auth, Database database, AuditWitnesses witnesses) {
        this.auth = auth;
        this.database = database;
        this.witnesses = witnesses;
    }

    public void mount(Router router, BlockingWork blocking) {
        Authentication.permitted(router.post("/api/v1/audit/verify"), auth, blocking, Permission.VERIFY_AUDIT)
                .handler(ctx -> verify(ctx, blocking));
    }

    private void verify(RoutingContext ctx, BlockingWork blocking) {
        blocking.run(() -> AuditTrail.verify(database, witnesses))
                .onSuccess(result -> Responses.json(ctx, 200, describe(result)))
                .onFailure(ctx::fail);
    }

    static JsonObject describe(AuditTrail.Verification result) {
        AuditTrail.FirstBad bad = result.firstBad();
        return new JsonObject()
                .put("ok", result.ok())
                .put("checked", result.checked())
                .put("firstBad", bad == null ? null : new JsonObject()
                        .put("id", bad.id())
                        .put("chain", bad.chain())
                        .put("seq", bad.seq())
                        .put("problem", bad.problem())
                        .put("day", bad.day() == null ? null : bad.day().toString()));
    }
}
