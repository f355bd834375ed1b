package org.jianqun.miniapp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jianqun.core.CoreServices;
import org.jianqun.core.http.ApiRoutes;
import org.jianqun.core.media.ImageCleaner;
import org.jianqun.core.media.MediaStore;
import org.jianqun.core.roles.RoleModule;
import org.jianqun.miniapp.limits.RateLimits;
import org.jianqun.miniapp.me.AesPhoneSealer;
import org.jianqun.miniapp.media.MediaRoutes;
import org.jianqun.miniapp.me.MeRoutes;
import org.jianqun.miniapp.me.PhoneSealer;
import org.jianqun.miniapp.regions.RegionRoutes;
import org.jianqun.miniapp.reports.ReportCommands;
import org.jianqun.miniapp.reports.ReportRoutes;
import org.jianqun.miniapp.reports.ReporterViews;
import org.jianqun.miniapp.session.MiniappAuth;
import org.jianqun.miniapp.session.MiniappSessions;
import org.jianqun.miniapp.session.MiniappUsers;
import org.jianqun.miniapp.session.SessionRoutes;
import org.jianqun.miniapp.wechat.Wechat;
import org.jianqun.miniapp.wechat.WxWechat;

/**
 * The {@code miniapp} role: what villagers' and real-name reporters' phones call, under {@code /miniapp/v1}.
 * It is the one role meant to face the internet, so it mounts nothing else: no officer login, no admin
 * route, no console (those are the {@code console} role's). Off (nothing mounted) while JIANQUN_MINIAPP_APPID
 * and _SECRET are unset.
 *
 * <p>A new route class is one more entry in {@link #routeClasses}: it gets the {@link MiniappParts} (core,
 * WeChat, users, the one {@link MiniappAuth}) and mounts its paths behind {@code parts.auth().handler(blocking)}.
 */
public final class MiniappModule implements RoleModule {
    private final List<ApiRoutes> routes;

    /** @param dataKey JIANQUN_DATA_KEY (or the demo's generated one): seals the bound phones */
    public MiniappModule(CoreServices core, byte[] dataKey) {
        this(core, dataKey, core.config().miniapp().map(settings -> (Wechat) WxWechat.create(settings, core.config().miniappApiBase(), core.redis())));
    }

    /** With {@code wechat} given (a test's), or off when empty. */
    public MiniappModule(CoreServices core, byte[] dataKey, Optional<Wechat> wechat) {
        this.routes = wechat.map(w -> List.<ApiRoutes>of(new MiniappApi(routeClasses(parts(core, dataKey, w))))).orElse(List.of());
    }

    static MiniappParts parts(CoreServices core, byte[] dataKey, Wechat wechat) {
        PhoneSealer phones = new AesPhoneSealer(dataKey);
        MiniappUsers users = new MiniappUsers(core.database(), phones, core.clock());
        RateLimits limits = new RateLimits(core.redis());
        MiniappSessions sessions = new MiniappSessions(core.redis());
        MiniappAuth auth = new MiniappAuth(sessions, users, limits, core.clock());
        MediaStore media = new MediaStore(core.database(), new ImageCleaner(), core.clock());
        return new MiniappParts(core, wechat, users, auth, limits, sessions, media);
    }

    /** Every route class of the API, in mounting order. */
    static List<MiniappRoutes> routeClasses(MiniappParts p) {
        List<MiniappRoutes> all = new ArrayList<>();
        all.add(new SessionRoutes(p.wechat(), p.users(), p.sessions(), p.limits(), p.core().clock())::mount);
        all.add(new RegionRoutes(p.core().database(), p.auth())::mount);
        all.add(new MeRoutes(p.core().database(), p.users(), p.auth(), p.wechat())::mount);
        all.add(new MediaRoutes(p.auth(), p.media(), p.limits())::mount);
        all.add(new ReportRoutes(p.auth(), new ReportCommands(p.core().database(), p.core().desk(), p.core().clock()),
                new ReporterViews(p.core().database(), p.core().queries()), p.limits())::mount);
        all.add(new org.jianqun.miniapp.disclosures.DisclosureReadRoutes(p.core().database(), p.auth()::handler)::mount);
        return all;
    }

    @Override
    public List<ApiRoutes> routes() {
        return routes;
    }
}
