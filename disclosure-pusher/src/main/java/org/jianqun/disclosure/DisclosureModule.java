package org.jianqun.disclosure;

import io.vertx.core.Deployable;
import java.util.List;
import java.util.function.Supplier;
import org.jianqun.core.CoreServices;
import org.jianqun.core.disclosure.Catalogue;
import org.jianqun.core.disclosure.DisclosureDesk;
import org.jianqun.core.disclosure.DisclosureViews;
import org.jianqun.core.disclosure.GroupSendOutcomes;
import org.jianqun.core.disclosure.PushReport;
import org.jianqun.core.disclosure.missing.MissingDisclosures;
import org.jianqun.core.http.ApiRoutes;
import org.jianqun.core.periodic.SweepLock;
import org.jianqun.core.roles.RoleModule;
import org.jianqun.disclosure.push.PushVerticle;
import org.jianqun.disclosure.rendering.DisclosureRenderer;
import org.jianqun.disclosure.routes.DisclosureRoutes;

/**
 * The {@code pusher} role: the monthly disclosure (三务公开): the bookkeepers' uploads, the resident cadres'
 * reviews, the rendering and the publication on the push day, whose delivery it asks for through core's
 * delivery requests (the gateway carries them into every villagers' group).
 */
public final class DisclosureModule implements RoleModule {
    private final CoreServices core;
    private final DisclosureDesk desk;
    private final PushVerticle.Settings pushSettings;
    private final MissingDisclosures missing;
    private final GroupSendOutcomes groupSendOutcomes;

    public DisclosureModule(CoreServices core) {
        this(core, PushVerticle.Settings.DEFAULTS, GroupSendOutcomes.NONE);
    }

    /** {@code groupSendOutcomes}: the gateway's group-send tasks, so the push report counts an external group once its owner sent it. */
    public DisclosureModule(CoreServices core, GroupSendOutcomes groupSendOutcomes) {
        this(core, PushVerticle.Settings.DEFAULTS, groupSendOutcomes);
    }

    public DisclosureModule(CoreServices core, PushVerticle.Settings pushSettings, GroupSendOutcomes groupSendOutcomes) {
        this.core = core;
        this.groupSendOutcomes = groupSendOutcomes;
        this.desk = new DisclosureDesk(core.database(), core.clock(), DisclosureRenderer.withInstalledFont());
        this.pushSettings = pushSettings;
        this.missing = new MissingDisclosures(core.database(), core.calendar(), core.clock(), core.config().disclosurePushDay());
    }

    public DisclosureDesk desk() {
        return desk;
    }

    @Override
    public List<ApiRoutes> routes() {
        return List.of(new DisclosureRoutes(core.auth(), desk, new DisclosureViews(core.database()), new Catalogue(core.database()),
                new PushReport(core.database(), groupSendOutcomes), missing));
    }

    @Override
    public List<Supplier<Deployable>> verticles() {
        SweepLock lock = new SweepLock(core.redis(), PushVerticle.LOCK_NAME, pushSettings.lockTtl());
        return List.of(() -> new PushVerticle(desk, missing, lock, core.config().disclosurePushDay(), pushSettings));
    }
}
