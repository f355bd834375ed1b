package org.jianqun.miniapp.demo;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jianqun.core.http.ApiRoutes;
import org.jianqun.core.http.BlockingWork;

/**
 * DEMO ONLY — a stand-in for WeChat's servers, so the README's curl walkthrough works after {@code ./scripts/run}
 * with no mini-program of one's own. Served by the platform itself under {@value #BASE} and mounted only in the
 * demo profile when JIANQUN_MINIAPP_APPID is unset (the launcher decides); WxJava is pointed at it through
 * JIANQUN_MINIAPP_API_BASE's place. It answers what the real API answers, simplified: any login code
 * {@code demo-<name>} is the openid {@code demo-openid-<hash of name>}, once (a second use is 40163, as at WeChat);
 * any phone code gives 13800000000; every text passes the content check except one containing 「演示违规」.
 * Nothing here is secure or real; it never runs in the prod profile.
 */
public final class DemoOnlyWechat implements ApiRoutes {
    public static final String BASE = "/demo-only/wechat";
    static final String DEMO_PHONE = "13800000000";
    private final Set<String> usedCodes = ConcurrentHashMap.newKeySet();

    @Override
    public void mount(Router router, BlockingWork blocking) {
        router.get(BASE + "/cgi-bin/token").handler(ctx -> json(ctx, new JsonObject().put("access_token", "demo-only-token").put("expires_in", 7200)));
        router.get(BASE + "/sns/jscode2session").handler(this::session);
        router.post(BASE + "/wxa/business/getuserphonenumber").handler(BodyHandler.create(false).setBodyLimit(4096)).handler(ctx -> json(ctx,
                new JsonObject().put("errcode", 0).put("errmsg", "ok").put("phone_info", new JsonObject().put("phoneNumber", DEMO_PHONE)
                        .put("purePhoneNumber", DEMO_PHONE).put("countryCode", "86"))));
        router.post(BASE + "/wxa/msg_sec_check").handler(BodyHandler.create(false).setBodyLimit(64 * 1024)).handler(ctx -> {
            boolean risky = ctx.body().asString().contains("演示违规");
            json(ctx, new JsonObject().put("errcode", 0).put("errmsg", "ok")
                    .put("result", new JsonObject().put("suggest", risky ? "risky" : "pass").put("label", risky ? 20001 : 100)));
        });
        router.post(BASE + "/cgi-bin/message/subscribe/send").handler(BodyHandler.create(false).setBodyLimit(64 * 1024))
                .handler(ctx -> json(ctx, new JsonObject().put("errcode", 0).put("errmsg", "ok")));
    }

    private void session(RoutingContext ctx) {
        String code = ctx.request().getParam("js_code");
        if (code == null || !code.startsWith("demo-") || code.length() > 64) {
            json(ctx, new JsonObject().put("errcode", 40029).put("errmsg", "invalid code (demo: use demo-<name>)"));
        } else if (!usedCodes.add(code)) {
            json(ctx, new JsonObject().put("errcode", 40163).put("errmsg", "code been used (demo: each code once)"));
        } else {
            json(ctx, new JsonObject().put("openid", "demo-openid-" + hash(code.substring(5))).put("session_key", "demo-only-session-key"));
        }
    }

    private static String hash(String name) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void json(RoutingContext ctx, JsonObject body) {
        ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
    }
}
