package org.jianqun.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.persistence.GroupMapper;
import org.jianqun.core.persistence.PersonMapper;
import org.jianqun.core.persistence.RegionMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole process on the embedded default (H2 under a data dir + embedded Redis), as `./scripts/run` starts it. */
class LauncherSmokeTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private static JianqunConfig embedded(Path dataDir) {
        return JianqunConfig.load(ConfigSource.of(Map.of("JIANQUN_HTTP_PORT", "0", "JIANQUN_DATA_DIR", dataDir.toString())));
    }

    private HttpResponse<String> get(Platform p, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.port() + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String login(Platform p, String user, String password) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.port() + "/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", user).put("password", password).encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body()).getString("token");
    }

    @Test
    void startsHealthySeededAndKeepsItsDataAcrossRestarts(@TempDir Path dataDir) throws Exception {
        long regions;
        try (Platform platform = Platform.start(embedded(dataDir), EnumSet.allOf(ServiceRole.class))) {
            assertThat(platform.usesEmbeddedDatabase()).isTrue();
            assertThat(platform.usesEmbeddedRedis()).isTrue();
            HttpResponse<String> health = get(platform, "/health", null);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(health.body()).getString("status")).isEqualTo("up");

            regions = platform.core().database().<Long>read(s -> s.getMapper(RegionMapper.class).count());
            assertThat(regions).as("city + county + 3 towns + 15 villages").isEqualTo(20);
            assertThat(platform.core().database().<Long>read(s -> s.getMapper(GroupMapper.class).count())).isBetween(15L, 30L);
            assertThat(platform.core().database().<Long>read(s -> s.getMapper(PersonMapper.class).countAdmins())).isEqualTo(1);

            String admin = login(platform, "admin", AdminAccount.DEMO_PASSWORD);
            HttpResponse<String> county = get(platform, "/api/v1/regions/" + DemoCounty.COUNTY_CODE, admin);
            assertThat(new JsonObject(county.body()).getJsonArray("children")).hasSize(3);
            login(platform, "county-jjw", "demo-officer");
            // The demo's flagged message is in the discipline officers' patrol queue once the gateway has processed it.
            String jjw = login(platform, "town1-jjw", "demo-officer");
            String queue = "";
            for (int i = 0; i < 60 && !queue.contains("flagged_message"); i++) {
                Thread.sleep(250);
                queue = get(platform, "/api/v1/patrol/queue", jjw).body();
            }
            assertThat(queue).contains("\"kind\":\"flagged_message\"", "优亲厚友");

            HttpResponse<String> metrics = get(platform, "/metrics", null);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes", "vertx_http_server_requests_total", "hikaricp_connections",
                    "jianqun_sweep_tickets_total{outcome=\"escalated\"}");
            assertThat(Files.exists(dataDir.resolve(DataKey.FILE))).isTrue();

            // Every route gets the security headers: the demo page its CSP (so no inline script or style), data no-store.
            HttpResponse<String> page = get(platform, "/simulator", null);
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(org.jianqun.core.http.SecurityHeaders.PAGE_POLICY);
            assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(page.body()).contains("/simulator/simulator.js", "/simulator/simulator.css").doesNotContain("<script>", "<style", "style=");
            assertThat(get(platform, "/simulator/simulator.js", null).statusCode()).isEqualTo(200);
            assertThat(get(platform, "/simulator/simulator.css", null).statusCode()).isEqualTo(200);
            assertThat(county.headers().firstValue("Cache-Control")).hasValue("no-store");
        }
        byte[] key = Files.readAllBytes(dataDir.resolve(DataKey.FILE));
        try (Platform again = Platform.start(embedded(dataDir), EnumSet.allOf(ServiceRole.class))) {
            assertThat(again.core().database().<Long>read(s -> s.getMapper(RegionMapper.class).count())).isEqualTo(regions);
            assertThat(again.core().database().<Long>read(s -> s.getMapper(PersonMapper.class).countAdmins())).isEqualTo(1);
            login(again, "admin", AdminAccount.DEMO_PASSWORD);
        }
        assertThat(Files.readAllBytes(dataDir.resolve(DataKey.FILE))).as("the demo data key survives restarts").isEqualTo(key);

        EmbeddedDatabase.reset(dataDir);
        assertThat(Files.list(dataDir).count()).as("--reset clears the embedded database").isZero();
    }

    @Test
    void aSubsetOfRolesServesOnlyItsEndpoints(@TempDir Path dataDir) throws Exception {
        try (Platform gatewayOnly = Platform.start(embedded(dataDir), EnumSet.of(ServiceRole.GATEWAY))) {
            assertThat(get(gatewayOnly, "/health", null).statusCode()).isEqualTo(200);
            assertThat(get(gatewayOnly, "/api/v1/auth/me", null).statusCode()).isEqualTo(404);
            assertThat(get(gatewayOnly, "/metrics", null).body()).as("no sweeper without its role").doesNotContain("jianqun_sweep");
        }
    }

    /** Officer and admin routes a mini-program process must not know of (DESIGN.md: it faces the internet and carries nothing else). */
    private static final java.util.List<String> OFFICER_PATHS = java.util.List.of("/api/v1/auth/me", "/api/v1/tickets", "/api/v1/tickets/1",
            "/api/v1/admin/deliveries", "/api/v1/admin/failed-messages", "/api/v1/regions/" + DemoCounty.COUNTY_CODE,
            "/api/v1/calendar/deadline?from=2026-02-13T10:00:00%2B08:00&workdays=3");

    @Test
    void theMiniappRoleServesNoOfficerOrAdminRouteAndTheConsoleRoleServesThem(@TempDir Path dataDir) throws Exception {
        try (Platform miniapp = Platform.start(embedded(dataDir), EnumSet.of(ServiceRole.MINIAPP))) {
            assertThat(get(miniapp, "/health", null).statusCode()).isEqualTo(200);
            for (String path : OFFICER_PATHS) {
                HttpResponse<String> r = get(miniapp, path, null);
                assertThat(r.statusCode()).as(path).isEqualTo(404);
                assertThat(new JsonObject(r.body()).getString("error")).as(path).isEqualTo("not_found");
            }
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + miniapp.port() + "/api/v1/auth/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + AdminAccount.DEMO_PASSWORD + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as("no officer login on the mini-program's role").isEqualTo(404);
            HttpResponse<String> adminImport = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + miniapp.port() + "/api/v1/admin/import/regions"))
                    .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString("code,name,level,parent_code\n")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(adminImport.statusCode()).isEqualTo(404);
        }
        try (Platform console = Platform.start(embedded(dataDir), EnumSet.of(ServiceRole.CONSOLE))) {
            assertThat(get(console, "/health", null).statusCode()).isEqualTo(200);
            String admin = login(console, "admin", AdminAccount.DEMO_PASSWORD);
            String officer = login(console, "county-officer", "demo-officer");
            assertThat(get(console, "/api/v1/auth/me", admin).statusCode()).isEqualTo(200);
            assertThat(get(console, "/api/v1/admin/deliveries", admin).statusCode()).isEqualTo(200);
            assertThat(get(console, "/api/v1/admin/failed-messages", admin).statusCode()).as("the gateway's tables, read through core's interface")
                    .isEqualTo(200);
            assertThat(get(console, "/api/v1/regions/" + DemoCounty.COUNTY_CODE, admin).statusCode()).isEqualTo(200);
            assertThat(get(console, "/api/v1/tickets", officer).statusCode()).isEqualTo(200);
            assertThat(get(console, "/bridge/v1/messages", null).statusCode()).as("no chat channel without the gateway role").isEqualTo(404);
        }
    }

    @Test
    void closingStopsTheServerAndFreesThePort(@TempDir Path dataDir) throws Exception {
        Platform platform = Platform.start(embedded(dataDir), EnumSet.allOf(ServiceRole.class));
        int port = platform.port();
        platform.close();
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void prodRefusesToStartWithoutAnAdminPassword(@TempDir Path dataDir) {
        JianqunConfig prod = JianqunConfig.load(ConfigSource.of(Map.of("JIANQUN_HTTP_PORT", "0", "JIANQUN_DATA_DIR", dataDir.toString(),
                "JIANQUN_PROFILE", "prod", "JIANQUN_DATA_KEY", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
                "JIANQUN_AUDIT_KEY", org.jianqun.core.audit.AuditKey.generate().toBase64())));
        assertThatThrownBy(() -> Platform.start(prod, EnumSet.allOf(ServiceRole.class)))
                .hasMessage("JIANQUN_ADMIN_PASSWORD: required the first time prod starts: there is no admin account yet");
    }

    @Test
    void rolesAreParsedStrictly() {
        assertThat(ServiceRole.parseList("gateway, miniapp")).containsExactlyInAnyOrder(ServiceRole.GATEWAY, ServiceRole.MINIAPP);
        assertThat(ServiceRole.parseList("console,pusher,sweeper")).containsExactlyInAnyOrder(ServiceRole.CONSOLE, ServiceRole.PUSHER,
                ServiceRole.SWEEPER);
        assertThatThrownBy(() -> ServiceRole.parseList("gateway,web")).hasMessageContaining("unknown role web");
        assertThatThrownBy(() -> ServiceRole.parseList(",")).hasMessageContaining("no role given");
        assertThat(JianqunCommand.execute("run", "--roles", "bogus")).as("bad usage exits 2").isEqualTo(2);
    }
}
