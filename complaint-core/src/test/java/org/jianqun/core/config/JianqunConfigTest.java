package org.jianqun.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jianqun.core.audit.AuditKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JianqunConfigTest {
    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final String AUDIT_KEY = AuditKey.generate().toBase64();

    private static JianqunConfig load(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return JianqunConfig.load(ConfigSource.fromEnvironment(env));
    }

    private static void refused(String variable, String fragment, String... pairs) {
        assertThatThrownBy(() -> load(pairs))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(variable + ": ")
                .hasMessageContaining(fragment)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void defaultsAreTheEmbeddedDemo() {
        JianqunConfig config = load();
        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.database()).isEmpty();
        assertThat(config.redis()).isEmpty();
        assertThat(config.profile()).isEqualTo(Profile.DEMO);
        assertThat(config.wecomApiBase().toString()).isEqualTo("https://qyapi.weixin.qq.com");
        assertThat(config.miniappApiBase().toString()).isEqualTo("https://api.weixin.qq.com");
        assertThat(config.wecom()).isEmpty();
        assertThat(config.bridgeSecret()).isEmpty();
    }

    @Test
    void aDatabaseUrlMeansProdUnlessToldOtherwise() {
        JianqunConfig config = load("JIANQUN_DB_URL", "jdbc:mysql://db:3306/jq", "JIANQUN_DB_USER", "jq", "JIANQUN_DATA_KEY", KEY,
                "JIANQUN_AUDIT_KEY", AUDIT_KEY, "JIANQUN_REDIS_URL", "redis://127.0.0.1:6379/2");
        assertThat(config.profile()).isEqualTo(Profile.PROD);
        assertThat(config.database().orElseThrow().user()).isEqualTo("jq");
        assertThat(config.redis().orElseThrow().getDatabase()).isEqualTo(2);
        assertThat(config.dataKey().orElseThrow()).hasSize(32);
        assertThat(config.auditKey().orElseThrow()).isEqualTo(AuditKey.fromBase64(AUDIT_KEY));
    }

    @Test
    void theAuditKeyIsRequiredInProdAndItsWitnessesLiveUnderTheDataDirectory() {
        refused("JIANQUN_AUDIT_KEY", "required in the prod profile", "JIANQUN_PROFILE", "prod", "JIANQUN_DATA_KEY", KEY);
        refused("JIANQUN_AUDIT_KEY", "base64", "JIANQUN_AUDIT_KEY", "not*base64");
        refused("JIANQUN_AUDIT_KEY", "at least 32 bytes", "JIANQUN_AUDIT_KEY", "AAEC");
        JianqunConfig demo = load("JIANQUN_DATA_DIR", "/srv/jq");
        assertThat(demo.auditKey()).isEmpty();
        assertThat(demo.auditWitnessDir()).isEqualTo(Path.of("/srv/jq/audit-witness"));
        assertThat(load("JIANQUN_AUDIT_WITNESS_DIR", "/mnt/witness").auditWitnessDir()).isEqualTo(Path.of("/mnt/witness"));
    }

    @Test
    void mariadbUrlsAreSpokenToWithConnectorJ() {
        JianqunConfig config = load("JIANQUN_DB_URL", "jdbc:mariadb://db/jq", "JIANQUN_DB_USER", "jq", "JIANQUN_PROFILE", "demo");
        assertThat(config.database().orElseThrow().url()).isEqualTo("jdbc:mysql://db/jq");
    }

    @Test
    void badValuesNameTheirVariable() {
        refused("JIANQUN_HTTP_PORT", "whole number", "JIANQUN_HTTP_PORT", "eighty");
        refused("JIANQUN_HTTP_PORT", "between 0 and 65535", "JIANQUN_HTTP_PORT", "70000");
        refused("JIANQUN_DB_URL", "jdbc:mysql://", "JIANQUN_DB_URL", "postgres://x");
        refused("JIANQUN_DB_USER", "required when JIANQUN_DB_URL", "JIANQUN_DB_URL", "jdbc:mysql://db/jq");
        refused("JIANQUN_REDIS_URL", "redis://", "JIANQUN_REDIS_URL", "127.0.0.1:6379");
        refused("JIANQUN_PROFILE", "demo or prod", "JIANQUN_PROFILE", "staging");
        refused("JIANQUN_DATA_KEY", "required in the prod profile", "JIANQUN_PROFILE", "prod");
        refused("JIANQUN_DATA_KEY", "32 bytes", "JIANQUN_DATA_KEY", "AAEC");
        refused("JIANQUN_DATA_KEY", "base64", "JIANQUN_DATA_KEY", "not*base64");
        refused("JIANQUN_WECOM_AES_KEY", "required when", "JIANQUN_WECOM_CORP_ID", "wx1", "JIANQUN_WECOM_TOKEN", "t");
        refused("JIANQUN_WECOM_AES_KEY", "43-character", "JIANQUN_WECOM_CORP_ID", "wx1", "JIANQUN_WECOM_TOKEN", "t", "JIANQUN_WECOM_AES_KEY", "short");
        refused("JIANQUN_MINIAPP_SECRET", "required when", "JIANQUN_MINIAPP_APPID", "wxapp");
        refused("JIANQUN_WECOM_API_BASE", "http", "JIANQUN_WECOM_API_BASE", "ftp://x");
        refused("JIANQUN_BRIDGE_SECRET", "16", "JIANQUN_BRIDGE_SECRET", "short");
        refused("JIANQUN_BRIDGE_OUTBOUND_URL", "required when JIANQUN_BRIDGE_SECRET is set", "JIANQUN_BRIDGE_SECRET", "bridge-secret-0123456789");
        refused("JIANQUN_BRIDGE_OUTBOUND_URL", "required when JIANQUN_BRIDGE_SECRET is set", "JIANQUN_PROFILE", "prod",
                "JIANQUN_DATA_KEY", KEY, "JIANQUN_AUDIT_KEY", AUDIT_KEY, "JIANQUN_BRIDGE_SECRET", "bridge-secret-0123456789");
        refused("JIANQUN_BRIDGE_OUTBOUND_URL", "http", "JIANQUN_BRIDGE_SECRET", "bridge-secret-0123456789", "JIANQUN_BRIDGE_OUTBOUND_URL", "bridge.example.org");
        refused("JIANQUN_CLOCK_START", "ISO-8601", "JIANQUN_CLOCK_START", "yesterday");
        refused("JIANQUN_CLOCK_START", "refused in the prod profile", "JIANQUN_PROFILE", "prod", "JIANQUN_DATA_KEY", KEY,
                "JIANQUN_AUDIT_KEY", AUDIT_KEY, "JIANQUN_CLOCK_START", "2026-02-10T09:00:00Z");
        refused("JIANQUN_ADMIN_PASSWORD", "8 characters", "JIANQUN_ADMIN_PASSWORD", "short");
    }

    @Test
    void theMessageArchiveIsOffUnlessConfiguredAndChecksItsFiles(@TempDir Path dir) throws Exception {
        String[] wecom = {"JIANQUN_WECOM_CORP_ID", "ww1", "JIANQUN_WECOM_TOKEN", "t", "JIANQUN_WECOM_AES_KEY", "a".repeat(43)};
        assertThat(load(wecom).wecomArchive()).isEmpty();
        Path lib = Files.writeString(dir.resolve("libWeWorkFinanceSdk_Java.so"), "not really");
        Path key = Files.writeString(dir.resolve("archive.pem"), "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n");
        String[] archive = {"JIANQUN_WECOM_ARCHIVE_LIB", lib.toString(), "JIANQUN_WECOM_ARCHIVE_PRIVATE_KEY", key.toString()};

        JianqunConfig config = load(concat(wecom, archive, "JIANQUN_WECOM_SECRET", "archive-secret-1"));
        JianqunConfig.WecomArchiveSettings settings = config.wecomArchive().orElseThrow();
        assertThat(settings.libraryPath()).isEqualTo(lib.toString());
        assertThat(settings.privateKeyPem()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(settings.secret()).isEqualTo("archive-secret-1");
        assertThat(load(concat(wecom, archive, "JIANQUN_WECOM_SECRET", "app", "JIANQUN_WECOM_ARCHIVE_SECRET", "own")).wecomArchive()
                .orElseThrow().secret()).isEqualTo("own");
        assertThat(config.toString()).contains("wecomArchive=true").doesNotContain("archive-secret-1");
        assertThat(settings.toString()).doesNotContain("archive-secret-1", "BEGIN");

        refused("JIANQUN_WECOM_ARCHIVE_PRIVATE_KEY", "required when", "JIANQUN_WECOM_ARCHIVE_LIB", lib.toString());
        refused("JIANQUN_WECOM_CORP_ID", "required when JIANQUN_WECOM_ARCHIVE_LIB", archive);
        refused("JIANQUN_WECOM_ARCHIVE_SECRET", "required when", concat(wecom, archive));
        refused("JIANQUN_WECOM_ARCHIVE_LIB", "no library file", concat(wecom, archive, "JIANQUN_WECOM_SECRET", "s",
                "JIANQUN_WECOM_ARCHIVE_LIB", lib + ",libmissing.so"));
        refused("JIANQUN_WECOM_ARCHIVE_PRIVATE_KEY", "cannot read", concat(wecom, archive, "JIANQUN_WECOM_SECRET", "s",
                "JIANQUN_WECOM_ARCHIVE_PRIVATE_KEY", dir.resolve("missing.pem").toString()));
        Path notAKey = Files.writeString(dir.resolve("note.txt"), "hello");
        refused("JIANQUN_WECOM_ARCHIVE_PRIVATE_KEY", "not a PEM file", concat(wecom, archive, "JIANQUN_WECOM_SECRET", "s",
                "JIANQUN_WECOM_ARCHIVE_PRIVATE_KEY", notAKey.toString()));
    }

    /** Later pairs override earlier ones with the same name, as a map would. */
    private static String[] concat(String[] first, String[] second, String... more) {
        String[] all = new String[first.length + second.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        System.arraycopy(more, 0, all, first.length + second.length, more.length);
        return all;
    }

    @Test
    void theGroupSendLimitDefaultsToWeComsRuleOfAsManyAsTheMonthHasDays() {
        String[] wecom = {"JIANQUN_WECOM_CORP_ID", "ww1", "JIANQUN_WECOM_TOKEN", "t", "JIANQUN_WECOM_AES_KEY", "a".repeat(43)};
        assertThat(load(wecom).wecom().orElseThrow().groupSendLimit()).isEqualTo(GroupSendLimit.monthDays());
        assertThat(load(concat(wecom, new String[0], "JIANQUN_WECOM_GROUPSEND_LIMIT", "weekly-7")).wecom().orElseThrow().groupSendLimit())
                .isEqualTo(GroupSendLimit.weekly7());
        assertThat(load(concat(wecom, new String[0], "JIANQUN_WECOM_GROUPSEND_LIMIT", "daily-1")).wecom().orElseThrow().groupSendLimit())
                .isEqualTo(GroupSendLimit.daily1());
        assertThat(load(concat(wecom, new String[0], "JIANQUN_WECOM_GROUPSEND_LIMIT", "4")).wecom().orElseThrow().groupSendLimit())
                .isEqualTo(GroupSendLimit.perMonth(4));
        assertThat(GroupSendLimit.monthDays().allowedIn(java.time.LocalDate.parse("2026-02-10"))).isEqualTo(28);
        refused("JIANQUN_WECOM_GROUPSEND_LIMIT", "month-days, weekly-7, daily-1", "JIANQUN_WECOM_GROUPSEND_LIMIT", "weekly");
        refused("JIANQUN_WECOM_GROUPSEND_LIMIT", "1 to 31", "JIANQUN_WECOM_GROUPSEND_LIMIT", "0");
        refused("JIANQUN_WECOM_GROUPSEND_LIMIT", "got '40'", "JIANQUN_WECOM_GROUPSEND_LIMIT", "40");
    }

    @Test
    void theSandboxClockStartsWhereToldAndRunsOn() throws InterruptedException {
        JianqunConfig config = load("JIANQUN_CLOCK_START", "2026-02-10T09:00:00Z");
        Instant first = config.clock().instant();
        assertThat(first).isBetween(Instant.parse("2026-02-10T09:00:00Z"), Instant.parse("2026-02-10T09:00:05Z"));
        Thread.sleep(20);
        assertThat(config.clock().instant()).isAfter(first);
    }

    @Test
    void aFileMirrorsTheEnvironmentAndTheEnvironmentWins(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jianqun.properties");
        Files.writeString(file, "JIANQUN_HTTP_PORT=9090\nJIANQUN_BRIDGE_SECRET=from-the-file-0123456789\n"
                + "JIANQUN_BRIDGE_OUTBOUND_URL=http://127.0.0.1:9/out\n", StandardCharsets.UTF_8);
        JianqunConfig config = load("JIANQUN_CONFIG_FILE", file.toString(), "JIANQUN_HTTP_PORT", "9191");
        assertThat(config.httpPort()).isEqualTo(9191);
        assertThat(config.bridgeSecret()).contains("from-the-file-0123456789");

        Files.writeString(file, "HTTP_PORT=1\n", StandardCharsets.UTF_8);
        refused("JIANQUN_CONFIG_FILE", "unknown key 'HTTP_PORT'", "JIANQUN_CONFIG_FILE", file.toString());
        refused("JIANQUN_CONFIG_FILE", "cannot read", "JIANQUN_CONFIG_FILE", dir.resolve("missing").toString());
    }

    @Test
    void theStartupLineCarriesNoSecret() {
        JianqunConfig config = load("JIANQUN_DB_URL", "jdbc:mysql://db/jq", "JIANQUN_DB_USER", "jq", "JIANQUN_DB_PASSWORD", "pw-secret-1",
                "JIANQUN_DATA_KEY", KEY, "JIANQUN_AUDIT_KEY", AUDIT_KEY, "JIANQUN_BRIDGE_SECRET", "bridge-secret-0123456789",
                "JIANQUN_BRIDGE_OUTBOUND_URL", "https://bridge.example.org/out", "JIANQUN_ADMIN_PASSWORD", "admin-secret-1");
        assertThat(config.toString()).doesNotContain("pw-secret-1", KEY, AUDIT_KEY, "bridge-secret-0123456789", "admin-secret-1")
                .contains("profile=prod", "bridge=true");
    }
}
