package org.jianqun.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.jianqun.core.CoreServices;
import org.jianqun.core.account.PasswordHasher;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.http.ApiRoutes;
import org.jianqun.core.redis.RedisStore;
import org.jianqun.core.testing.TestDatabase;
import org.jianqun.core.testing.TestRedis;
import org.jianqun.gateway.aibot.AibotRoutes;
import org.jianqun.gateway.wecom.WecomCallbackRoutes;
import org.junit.jupiter.api.Test;

/** The WeCom routes are mounted exactly when their variables are set. */
class GatewayModuleTest {
    private static java.util.List<Class<?>> routesWith(Map<String, String> env) {
        try (TestDatabase db = TestDatabase.fresh(); RedisStore redis = TestRedis.fresh()) {
            JianqunConfig config = JianqunConfig.load(ConfigSource.of(env));
            CoreServices core = CoreServices.assemble(config, Clock.systemUTC(), db.database(), redis, new PasswordHasher(10_000));
            return new GatewayModule(core, Optional.empty(), false, 60_000).routes().stream().<Class<?>>map(ApiRoutes::getClass).toList();
        }
    }

    @Test
    void weComRoutesAreMountedOnlyWhenConfigured() {
        assertThat(routesWith(Map.of())).doesNotContain(WecomCallbackRoutes.class, AibotRoutes.class);
        assertThat(routesWith(Map.of("JIANQUN_WECOM_CORP_ID", "ww1", "JIANQUN_WECOM_TOKEN", "t",
                "JIANQUN_WECOM_AES_KEY", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C")))
                .contains(WecomCallbackRoutes.class).doesNotContain(AibotRoutes.class);
        assertThat(routesWith(Map.of("JIANQUN_AIBOT_TOKEN", "t", "JIANQUN_AIBOT_AES_KEY", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C")))
                .contains(AibotRoutes.class).doesNotContain(WecomCallbackRoutes.class);
    }
}
