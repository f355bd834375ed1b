package org.jianqun.miniapp;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /miniapp/v1/openapi.json}: the OpenAPI 3.1 document of this API, kept beside the code
 * ({@code openapi.json} in this package) and checked against the mounted routes by a test.
 */
final class OpenApiRoutes {
    static final String PATH = "/miniapp/v1/openapi.json";
    private final Buffer document;

    OpenApiRoutes() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the miniapp-api jar");
            }
            document = Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void mount(Router router) {
        router.get(PATH).handler(ctx -> ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(document));
    }
}
