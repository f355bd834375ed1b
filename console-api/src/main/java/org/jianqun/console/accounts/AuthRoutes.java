package org.jianqun.console.accounts;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.jianqun.core.access.Actor;
import org.jianqun.core.account.AuthService;
import org.jianqun.core.account.ClientAddress;
import org.jianqun.core.account.LoginResult;
import org.jianqun.core.http.ApiError;
import org.jianqun.core.http.Authentication;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.http.Responses;

/** {@code POST /api/v1/auth/login}, {@code POST /api/v1/auth/logout}, {@code GET /api/v1/auth/me}. */
public final class AuthRoutes {
    private static final int BODY_LIMIT = 16 * 1024;

    private final AuthService auth;

    public AuthRoutes(AuthService auth) {
        this.auth = auth;
    }

    public void mount(Router router, BlockingWork blocking) {
        router.post("/api/v1/auth/login").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT)).handler(ctx -> login(ctx, blocking));
        router.post("/api/v1/auth/logout").handler(Authentication.bearer(auth, blocking)).handler(ctx -> logout(ctx, blocking));
        router.get("/api/v1/auth/me").handler(Authentication.bearer(auth, blocking)).handler(AuthRoutes::me);
    }

    private void login(RoutingContext ctx, BlockingWork blocking) {
        JsonObject body = jsonBody(ctx);
        // Read as typed: AuthService folds it (LoginName), so the throttle counts the form that is looked up.
        String username = stringField(body, "username", 64);
        String password = stringField(body, "password", 128);
        ClientAddress from = clientAddress(ctx);
        blocking.run(() -> auth.login(username, password, from)).onSuccess(result -> {
            if (result instanceof LoginResult.Success s) {
                Responses.json(ctx, 200, new JsonObject()
                        .put("token", s.token())
                        .put("expiresAt", s.expiresAt().toString())
                        .mergeIn(describe(s.actor())));
            } else if (result instanceof LoginResult.Throttled t) {
                long seconds = Math.max(1, t.retryAfter().toSeconds());
                ctx.response().putHeader("Retry-After", Long.toString(seconds));
                ctx.fail(new ApiError(429, "too_many_attempts", "密码错误次数过多，请 " + seconds + " 秒后再试"));
            } else {
                ctx.fail(new ApiError(401, "wrong_credentials", "用户名或密码错误"));
            }
        }).onFailure(ctx::fail);
    }

    /**
     * The connection's peer. X-Forwarded-For is not read: any client can write it, and a throttle keyed on it
     * would let a guesser pick a fresh address for every guess (README: behind a proxy, every login shares its address).
     */
    private static ClientAddress clientAddress(RoutingContext ctx) {
        SocketAddress peer = ctx.request().remoteAddress();
        return peer == null || peer.hostAddress() == null ? ClientAddress.UNKNOWN : ClientAddress.ofLiteral(peer.hostAddress());
    }

    private void logout(RoutingContext ctx, BlockingWork blocking) {
        String token = Authentication.token(ctx);
        blocking.run(() -> {
            auth.logout(token);
            return null;
        }).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    }

    private static void me(RoutingContext ctx) {
        Responses.json(ctx, 200, describe(Authentication.actor(ctx)));
    }

    static JsonObject describe(Actor actor) {
        return new JsonObject()
                .put("personId", actor.personId())
                .put("name", actor.displayName())
                .put("role", actor.role().wireName())
                .put("scope", actor.scopeCode());
    }

    private static JsonObject jsonBody(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body == null) {
                throw ApiError.badRequest("请以 JSON 对象发送 {\"username\",\"password\"}");
            }
            return body;
        } catch (DecodeException | ClassCastException e) {
            throw ApiError.badRequest("请求内容不是 JSON 对象");
        }
    }

    private static String stringField(JsonObject body, String field, int maxLength) {
        Object value = body.getValue(field);
        if (!(value instanceof String s) || s.isEmpty()) {
            throw new ApiError(400, "bad_request", "字段 '" + field + "' 必须填写，应为文字");
        }
        if (s.length() > maxLength) {
            throw new ApiError(400, "bad_request", "字段 '" + field + "' 超过 " + maxLength + " 个字符");
        }
        return s;
    }
}
