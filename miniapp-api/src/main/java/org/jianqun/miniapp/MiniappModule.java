package org.jianqun.miniapp;

import io.vertx.core.Deployable;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jianqun.core.CoreServices;
import org.jianqun.core.identity.DataKeyRing;
import org.jianqun.core.identity.IdentityCipher;
import org.jianqun.miniapp.identity.CorePhoneSealer;
import org.jianqun.miniapp.polls.PollRoutes;
import org.jianqun.miniapp.realname.RealNameReportRoutes;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.http.ApiRoutes;
import org.jianqun.core.media.ImageCleaner;
import org.jianqun.core.media.MediaStore;
import org.jianqun.core.roles.RoleModule;
import org.jianqun.miniapp.content.ContentCheckVerticle;
import org.jianqun.miniapp.demo.DemoOnlyWechat;
import org.jianqun.miniapp.content.ContentChecks;
import org.jianqun.miniapp.limits.RateLimits;
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
    private final List<Supplier<Deployable>> verticles;

    /** @param dataKey JIANQUN_DATA_KEY (or the demo's generated one): seals the bound phones */
    public MiniappModule(CoreServices core, byte[] dataKey) {
        this(core, DataKeyRing.of(dataKey, List.of()));
    }

    /** @param keys the data key ring (JIANQUN_DATA_KEY and the previous ones): seals phones and identities, opens phones */
    public MiniappModule(CoreServices core, DataKeyRing keys) {
        this(core, keys, core.config().miniapp().map(settings -> (Wechat) WxWechat.create(settings, core.config().miniappApiBase(), core.redis())));
    }

    /**
     * DEMO ONLY: the API against {@link DemoOnlyWechat}, a fake of WeChat's endpoints that this process serves
     * itself at {@code http://127.0.0.1:<port>/demo-only/wechat}; for the demo profile without a mini-program.
     */
    public static MiniappModule demo(CoreServices core, DataKeyRing keys, int port) {
        JianqunConfig.MiniappSettings settings = new JianqunConfig.MiniappSettings("wx-demo-only", "demo-only-secret");
        Wechat wechat = WxWechat.create(settings, URI.create("http://127.0.0.1:" + port + DemoOnlyWechat.BASE), core.redis());
        MiniappModule module = new MiniappModule(core, keys, Optional.of(wechat));
        List<ApiRoutes> withFake = new ArrayList<>(module.routes);
        withFake.add(new DemoOnlyWechat());
        return new MiniappModule(withFake, module.verticles);
    }

    private MiniappModule(List<ApiRoutes> routes, List<Supplier<Deployable>> verticles) {
        this.routes = List.copyOf(routes);
        this.verticles = List.copyOf(verticles);
    }

    /** With {@code wechat} given (a test's), or off when empty. */
    public MiniappModule(CoreServices core, byte[] dataKey, Optional<Wechat> wechat) {
        this(core, DataKeyRing.of(dataKey, List.of()), wechat);
    }

    public MiniappModule(CoreServices core, DataKeyRing keys, Optional<Wechat> wechat) {
        this.routes = wechat.map(w -> {
            MiniappParts parts = parts(core, keys, w);
            List<MiniappRoutes> all = routeClasses(parts);
            all.add(new RealNameReportRoutes(parts, new IdentityCipher(keys))::mount);
            all.add(new PollRoutes(parts)::mount);
            return List.<ApiRoutes>of(new MiniappApi(all));
        }).orElse(List.of());
        this.verticles = wechat.map(w -> {
            ContentChecks checks = new ContentChecks(core.database(), w, core.clock());
            return List.<Supplier<Deployable>>of(() -> new ContentCheckVerticle(checks));
        }).orElse(List.of());
    }

    static MiniappParts parts(CoreServices core, byte[] dataKey, Wechat wechat) {
        return parts(core, DataKeyRing.of(dataKey, List.of()), wechat);
    }

    static MiniappParts parts(CoreServices core, DataKeyRing keys, Wechat wechat) {
        PhoneSealer phones = new CorePhoneSealer(new IdentityCipher(keys));
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
        OpenApiRoutes openApi = new OpenApiRoutes();
        all.add((router, blocking) -> openApi.mount(router));
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

    /** The content check of reports' words (msgSecCheck), every few seconds. */
    @Override
    public List<Supplier<Deployable>> verticles() {
        return verticles;
    }
}
