package org.jianqun.miniapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jianqun.core.http.ApiRoutes;
import org.jianqun.core.http.BlockingWork;
import org.jianqun.core.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 12 item 7: the OpenAPI 3.1 document is valid, every mounted route is documented and every documented route is mounted. */
class OpenApiTest {
    private static MiniappFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new MiniappFixture(List.of());
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void theDocumentIsServedValidAndMatchesTheMountedRoutes() {
        TestServer.Reply reply = fixture.server.get("/miniapp/v1/openapi.json", null);
        assertThat(reply.status()).isEqualTo(200);
        SwaggerParseResult parsed = new OpenAPIParser().readContents(reply.body(), null, null);
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");

        Set<String> documented = new TreeSet<>();
        parsed.getOpenAPI().getPaths().forEach((path, item) -> item.readOperationsMap()
                .keySet().forEach(method -> documented.add(method.name() + " " + path)));

        Set<String> mounted = new TreeSet<>();
        Vertx vertx = Vertx.vertx();
        try {
            Router router = Router.router(vertx);
            BlockingWork blocking = new BlockingWork(vertx);
            List<ApiRoutes> routes = new MiniappModule(fixture.core, fixture.dataKey, java.util.Optional.of(
                    org.jianqun.miniapp.wechat.WxWechat.create(fixture.core.config().miniapp().orElseThrow(), fixture.wechatBase(), fixture.redis))).routes();
            routes.forEach(r -> r.mount(router, blocking));
            for (Route route : router.getRoutes()) {
                Set<HttpMethod> methods = route.methods();
                if (route.getPath() == null || methods == null || methods.isEmpty()) {
                    continue; // the failure handler over /miniapp/v1/*
                }
                String path = route.getPath().replaceAll(":([A-Za-z]+)", "{$1}");
                methods.forEach(m -> mounted.add(m.name().toUpperCase(Locale.ROOT) + " " + path));
            }
            blocking.close();
        } finally {
            vertx.close();
        }
        assertThat(mounted).isNotEmpty().allMatch(r -> r.contains(" /miniapp/v1/"));
        assertThat(documented).isEqualTo(mounted);
    }
}
