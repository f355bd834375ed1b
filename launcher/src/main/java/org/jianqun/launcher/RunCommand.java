package org.jianqun.launcher;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jianqun.core.config.ConfigSource;
import org.jianqun.core.config.JianqunConfig;
import org.jianqun.core.config.Profile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jianqun run [--roles gateway,miniapp,console,pusher,sweeper] [--reset]}: runs until SIGTERM or Ctrl-C. */
@Command(name = "run", description = "Start the platform: every role in this process unless --roles says otherwise.")
final class RunCommand implements Callable<Integer> {
    @Option(names = "--roles", description = "comma list of gateway, miniapp, console, pusher, sweeper (default: all)")
    String roles;

    @Option(names = "--reset", description = "start the embedded database afresh (deletes ./data's H2 files and demo key)")
    boolean reset;

    @Override
    public Integer call() throws InterruptedException {
        JianqunConfig config = JianqunConfig.load(ConfigSource.fromEnvironment(System.getenv()));
        Set<ServiceRole> chosen = roles == null ? EnumSet.allOf(ServiceRole.class) : ServiceRole.parseList(roles);
        if (reset) {
            if (config.database().isPresent()) {
                throw new IllegalArgumentException("--reset only clears the embedded database; JIANQUN_DB_URL is set");
            }
            EmbeddedDatabase.reset(config.dataDir());
        }
        Platform platform = Platform.start(config, chosen);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            platform.close();
            stopped.countDown();
        }, "jianqun-shutdown"));
        printWelcome(config, platform);
        stopped.await();
        return 0;
    }

    /** For the person who just typed ./scripts/run: on stderr, so stdout stays one JSON log line per line. */
    private static void printWelcome(JianqunConfig config, Platform platform) {
        String base = "http://127.0.0.1:" + platform.port();
        StringBuilder out = new StringBuilder()
                .append("\njianqun is up: ").append(base).append("   (profile ").append(config.profile().name().toLowerCase(java.util.Locale.ROOT))
                .append(platform.usesEmbeddedDatabase() ? ", embedded H2 in " + config.dataDir().toAbsolutePath() : "")
                .append(platform.usesEmbeddedRedis() ? ", embedded Redis" : "").append(")\n")
                .append("  curl ").append(base).append("/health\n");
        if (config.profile() == Profile.DEMO) {
            out.append("  curl -s -X POST ").append(base).append("/api/v1/auth/login -H 'Content-Type: application/json' \\\n")
                    .append("       -d '{\"username\":\"admin\",\"password\":\"")
                    .append(config.adminPassword().isPresent() ? "$JIANQUN_ADMIN_PASSWORD" : AdminAccount.DEMO_PASSWORD).append("\"}'\n")
                    .append("  then: curl -H \"Authorization: Bearer $TOKEN\" ").append(base).append("/api/v1/regions/").append(DemoCounty.COUNTY_CODE).append('\n');
        }
        out.append("Stop with Ctrl-C (in-flight requests finish first).\n");
        System.err.println(out);
    }
}
