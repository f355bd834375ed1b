package org.jianqun.core.config;

import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import org.jianqun.core.audit.AuditKey;


/**
 * The platform's configuration, exactly as DESIGN.md's table names it, validated once at start-up.
 * Every problem is a {@link ConfigException} whose message is one line naming the variable.
 *
 * <p>Variables beyond the DESIGN table, each with a safe default: JIANQUN_ADMIN_PASSWORD (DESIGN's
 * accounts section), JIANQUN_DATA_DIR (where the embedded default keeps H2 and the demo data key),
 * JIANQUN_SESSION_HOURS (bearer token lifetime), JIANQUN_HOLIDAY_DIR (an operator's folder of
 * holiday-cn year files that add or replace the shipped ones, read at start-up), JIANQUN_CONFIG_FILE
 * (the optional file mirror), and the WeCom message archive (会话内容存档), off unless its first two are set:
 * JIANQUN_WECOM_ARCHIVE_LIB (WeCom's native SDK, as WxJava's msgAuditLibPath takes it: the library
 * file, or a folder followed by the comma-separated libraries to load in order),
 * JIANQUN_WECOM_ARCHIVE_PRIVATE_KEY (a PEM file with the archive's RSA private key, PKCS#1 or PKCS#8) and
 * JIANQUN_WECOM_ARCHIVE_SECRET (the archive's own Secret from the WeCom console; JIANQUN_WECOM_SECRET
 * when unset). The archive needs the WeCom channel itself (its corp id) to be configured.
 * JIANQUN_WECOM_GROUPSEND_LIMIT: group-sends one external group may receive ({@link GroupSendLimit}), by
 * default WeCom's rule since 2025-11-17, as many a month as the month has days.
 * JIANQUN_AUDIT_WITNESS_DIR is where the audit trail's signed daily witnesses are kept (default
  * {@code <data dir>/audit-witness}); JIANQUN_AUDIT_KEY (DESIGN's table) seals the trail and signs them.
 * JIANQUN_DISCLOSURE_PUSH_DAY (1 to 28, default 5): the day of the next month a month's ready disclosures are published.
 */
public record JianqunConfig(
        int httpPort,
        Optional<DatabaseSettings> database,
        Optional<RedisURI> redis,
        Profile profile,
        Optional<byte[]> dataKey,
        Optional<AuditKey> auditKey,
        Path auditWitnessDir,
        Optional<WecomSettings> wecom,
        Optional<WecomArchiveSettings> wecomArchive,
        Optional<AibotSettings> aibot,
        URI wecomApiBase,
        Optional<MiniappSettings> miniapp,
        URI miniappApiBase,
        Optional<String> bridgeSecret,
        Optional<URI> bridgeOutboundUrl,
        Optional<Instant> clockStart,
        Optional<String> adminPassword,
        Path dataDir,
        Duration sessionTtl,
        Optional<Path> holidayDir,
        Clock clock,
        int disclosurePushDay) {

    /** The witnesses' folder inside the data directory unless JIANQUN_AUDIT_WITNESS_DIR names another. */
    public static final String DEFAULT_AUDIT_WITNESS_FOLDER = "audit-witness";

    public record DatabaseSettings(String url, String user, String password) {
        public boolean isH2() {
            return url.startsWith("jdbc:h2:");
        }

        @Override
        public String toString() { // never print the password
            return "DatabaseSettings[url=" + url + ", user=" + user + "]";
        }
    }

    /** @param groupSendLimit how many group-sends one external group may receive (JIANQUN_WECOM_GROUPSEND_LIMIT) */
    public record WecomSettings(String corpId, String token, String aesKey, Optional<String> secret, Optional<Integer> agentId,
                                GroupSendLimit groupSendLimit) {
        @Override
        public String toString() {
            return "WecomSettings[corpId=" + corpId + "]";
        }
    }

    /** The message archive: the native SDK (WxJava's path format), the private key (file and its PEM text) and the archive's secret. */
    public record WecomArchiveSettings(String libraryPath, Path privateKeyFile, String privateKeyPem, String secret) {
        @Override
        public String toString() { // never print the key or the secret
            return "WecomArchiveSettings[libraryPath=" + libraryPath + ", privateKeyFile=" + privateKeyFile + "]";
        }
    }

    public record AibotSettings(String token, String aesKey) {
        @Override
        public String toString() {
            return "AibotSettings[configured]";
        }
    }

    /** @param templates subscribe-message template ids (JIANQUN_MINIAPP_TEMPLATE_*); none set: no subscribe messages */
    public record MiniappSettings(String appId, String secret, SubscribeTemplates templates) {
        public MiniappSettings(String appId, String secret) {
            this(appId, secret, SubscribeTemplates.NONE);
        }

        @Override
        public String toString() {
            return "MiniappSettings[appId=" + appId + "]";
        }
    }

    public static JianqunConfig load(ConfigSource source) {
        int port = source.get("JIANQUN_HTTP_PORT").map(v -> integer("JIANQUN_HTTP_PORT", v, 0, 65535)).orElse(8080);

        Optional<DatabaseSettings> database = source.get("JIANQUN_DB_URL").map(url -> {
            if (!url.startsWith("jdbc:mysql://") && !url.startsWith("jdbc:mariadb://") && !url.startsWith("jdbc:h2:")) {
                throw new ConfigException("JIANQUN_DB_URL", "must be a jdbc:mysql:// (MySQL or MariaDB) or jdbc:h2: URL");
            }
            String jdbcUrl = url.startsWith("jdbc:mariadb://") ? "jdbc:mysql://" + url.substring("jdbc:mariadb://".length()) : url;
            String user = source.get("JIANQUN_DB_USER").orElseThrow(() ->
                    new ConfigException("JIANQUN_DB_USER", "required when JIANQUN_DB_URL is set"));
            return new DatabaseSettings(jdbcUrl, user, source.get("JIANQUN_DB_PASSWORD").orElse(""));
        });

        Optional<RedisURI> redis = source.get("JIANQUN_REDIS_URL").map(v -> {
            if (!v.startsWith("redis://") && !v.startsWith("rediss://")) {
                throw new ConfigException("JIANQUN_REDIS_URL", "must start with redis:// or rediss://, e.g. redis://127.0.0.1:6379/0");
            }
            try {
                return RedisURI.create(v);
            } catch (RuntimeException e) {
                throw new ConfigException("JIANQUN_REDIS_URL", "is not a Redis URL (" + e.getMessage() + ")");
            }
        });

        Profile profile = source.get("JIANQUN_PROFILE").map(v -> Profile.parse("JIANQUN_PROFILE", v))
                .orElse(database.isEmpty() ? Profile.DEMO : Profile.PROD);

        Optional<byte[]> dataKey = source.get("JIANQUN_DATA_KEY").map(JianqunConfig::dataKey);
        if (profile == Profile.PROD && dataKey.isEmpty()) {
            throw new ConfigException("JIANQUN_DATA_KEY", "required in the prod profile (base64 of 32 random bytes, e.g. `openssl rand -base64 32`)");
        }
        Optional<AuditKey> auditKey = source.get("JIANQUN_AUDIT_KEY").map(JianqunConfig::auditKey);
        if (profile == Profile.PROD && auditKey.isEmpty()) {
            throw new ConfigException("JIANQUN_AUDIT_KEY", "required in the prod profile (base64 of 32 random bytes, e.g. `openssl rand -base64 32`; "
                    + "keep it out of the database and its backups)");
        }

        // Checked even without the channel, so a mistyped value is found before the channel is switched on.
        GroupSendLimit groupSendLimit = source.get("JIANQUN_WECOM_GROUPSEND_LIMIT")
                .map(v -> GroupSendLimit.parse("JIANQUN_WECOM_GROUPSEND_LIMIT", v)).orElse(GroupSendLimit.monthDays());
        Optional<WecomSettings> wecom = together(source, "JIANQUN_WECOM_CORP_ID", "JIANQUN_WECOM_TOKEN", "JIANQUN_WECOM_AES_KEY")
                .map(v -> new WecomSettings(v[0], v[1], aesKey("JIANQUN_WECOM_AES_KEY", v[2]),
                        source.get("JIANQUN_WECOM_SECRET"),
                        source.get("JIANQUN_WECOM_AGENT_ID").map(a -> integer("JIANQUN_WECOM_AGENT_ID", a, 0, Integer.MAX_VALUE)),
                        groupSendLimit));
        Optional<WecomArchiveSettings> wecomArchive = together(source, "JIANQUN_WECOM_ARCHIVE_LIB", "JIANQUN_WECOM_ARCHIVE_PRIVATE_KEY")
                .map(v -> wecomArchive(source, wecom, v[0], v[1]));
        Optional<AibotSettings> aibot = together(source, "JIANQUN_AIBOT_TOKEN", "JIANQUN_AIBOT_AES_KEY")
                .map(v -> new AibotSettings(v[0], aesKey("JIANQUN_AIBOT_AES_KEY", v[1])));
        Optional<MiniappSettings> miniapp = together(source, "JIANQUN_MINIAPP_APPID", "JIANQUN_MINIAPP_SECRET")
                .map(v -> new MiniappSettings(v[0], v[1], SubscribeTemplates.from(source)));

        URI wecomBase = source.get("JIANQUN_WECOM_API_BASE").map(v -> httpUrl("JIANQUN_WECOM_API_BASE", v))
                .orElse(URI.create("https://qyapi.weixin.qq.com"));
        URI miniappBase = source.get("JIANQUN_MINIAPP_API_BASE").map(v -> httpUrl("JIANQUN_MINIAPP_API_BASE", v))
                .orElse(URI.create("https://api.weixin.qq.com"));

        Optional<String> bridgeSecret = source.get("JIANQUN_BRIDGE_SECRET").map(v -> {
            if (v.length() < 16) {
                throw new ConfigException("JIANQUN_BRIDGE_SECRET", "must be at least 16 characters (it is an HMAC key)");
            }
            return v;
        });
        Optional<URI> bridgeOut = source.get("JIANQUN_BRIDGE_OUTBOUND_URL").map(v -> httpUrl("JIANQUN_BRIDGE_OUTBOUND_URL", v));
        // Half a channel would take messages in and hold every reply. The demo's own simulator supplies the
        // outbound URL only when no secret is set (an operator's secret is never lent to it), so no profile is exempt.
        if (bridgeSecret.isPresent() && bridgeOut.isEmpty()) {
            throw new ConfigException("JIANQUN_BRIDGE_OUTBOUND_URL", "required when JIANQUN_BRIDGE_SECRET is set "
                    + "(where the platform posts its replies to the bridge, e.g. https://bridge.example.org/out)");
        }

        Optional<Instant> clockStart = source.get("JIANQUN_CLOCK_START").map(v -> {
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e) {
                throw new ConfigException("JIANQUN_CLOCK_START", "must be an ISO-8601 instant such as 2026-02-10T09:00:00Z, got '" + v + "'");
            }
        });
        if (clockStart.isPresent() && profile == Profile.PROD) {
            throw new ConfigException("JIANQUN_CLOCK_START", "the sandbox clock is refused in the prod profile");
        }

        Optional<String> adminPassword = source.get("JIANQUN_ADMIN_PASSWORD");
        if (adminPassword.isPresent() && adminPassword.get().length() < 8) {
            throw new ConfigException("JIANQUN_ADMIN_PASSWORD", "must be at least 8 characters");
        }

        Path dataDir = Path.of(source.get("JIANQUN_DATA_DIR").orElse("data"));
        Path auditWitnessDir = source.get("JIANQUN_AUDIT_WITNESS_DIR").map(Path::of).orElse(dataDir.resolve(DEFAULT_AUDIT_WITNESS_FOLDER));
        Duration sessionTtl = Duration.ofHours(source.get("JIANQUN_SESSION_HOURS")
                .map(v -> integer("JIANQUN_SESSION_HOURS", v, 1, 24 * 30)).orElse(12));

        Optional<Path> holidayDir = source.get("JIANQUN_HOLIDAY_DIR").map(v -> {
            Path dir = Path.of(v);
            if (!java.nio.file.Files.isDirectory(dir)) {
                throw new ConfigException("JIANQUN_HOLIDAY_DIR", v + " is not a directory");
            }
            return dir;
        });

        // 三务公开: the day of the month after that a month's disclosures go out (28 at most: every month has it).
        int disclosurePushDay = source.get("JIANQUN_DISCLOSURE_PUSH_DAY").map(v -> integer("JIANQUN_DISCLOSURE_PUSH_DAY", v, 1, 28)).orElse(5);

        // The one clock of the process: the system clock, or in the demo profile one that starts at
        // JIANQUN_CLOCK_START and runs on. Built once here so every reader shares the same offset.
        Clock system = Clock.systemUTC();
        Clock clock = clockStart.map(start -> Clock.offset(system, Duration.between(system.instant(), start))).orElse(system);

        return new JianqunConfig(port, database, redis, profile, dataKey, auditKey, auditWitnessDir, wecom, wecomArchive, aibot, wecomBase, miniapp, miniappBase,
                bridgeSecret, bridgeOut, clockStart, adminPassword, dataDir, sessionTtl, holidayDir, clock, disclosurePushDay);
    }

    private static int integer(String variable, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new ConfigException(variable, "must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(variable, "must be a whole number, got '" + value + "'");
        }
    }

    private static byte[] dataKey(String value) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("JIANQUN_DATA_KEY", "is not valid base64");
        }
        if (key.length != 32) {
            throw new ConfigException("JIANQUN_DATA_KEY", "must decode to 32 bytes (256 bits), got " + key.length);
        }
        return key;
    }

    private static AuditKey auditKey(String value) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("JIANQUN_AUDIT_KEY", "is not valid base64");
        }
        if (key.length < AuditKey.BYTES) {
            throw new ConfigException("JIANQUN_AUDIT_KEY", "must decode to at least " + AuditKey.BYTES + " bytes (256 bits), got " + key.length);
        }
        return AuditKey.of(key);
    }

    private static WecomArchiveSettings wecomArchive(ConfigSource source, Optional<WecomSettings> wecom, String library, String keyFile) {
        if (wecom.isEmpty()) {
            throw new ConfigException("JIANQUN_WECOM_CORP_ID", "required when JIANQUN_WECOM_ARCHIVE_LIB is set (the archive is a WeCom corp's)");
        }
        // WxJava reads the path as <folder>/<library>[,<library>...]: every library named must be there.
        String path = library.replace('\\', '/');
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            throw new ConfigException("JIANQUN_WECOM_ARCHIVE_LIB", "must be a path to the SDK library, e.g. /opt/wework/libWeWorkFinanceSdk_Java.so");
        }
        for (String name : path.substring(slash + 1).split(",", -1)) {
            Path file = Path.of(path.substring(0, slash + 1) + name.strip());
            if (name.isBlank() || !Files.isRegularFile(file)) {
                throw new ConfigException("JIANQUN_WECOM_ARCHIVE_LIB", "no library file at " + file);
            }
        }
        Path key = Path.of(keyFile);
        String pem;
        try {
            pem = Files.readString(key, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("JIANQUN_WECOM_ARCHIVE_PRIVATE_KEY", "cannot read " + keyFile);
        }
        if (!pem.contains("-----BEGIN RSA PRIVATE KEY-----") && !pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new ConfigException("JIANQUN_WECOM_ARCHIVE_PRIVATE_KEY", keyFile + " is not a PEM file with an RSA private key");
        }
        String secret = source.get("JIANQUN_WECOM_ARCHIVE_SECRET").or(() -> wecom.get().secret()).orElseThrow(() ->
                new ConfigException("JIANQUN_WECOM_ARCHIVE_SECRET", "required when JIANQUN_WECOM_ARCHIVE_LIB is set "
                        + "(the archive's Secret from the WeCom console; JIANQUN_WECOM_SECRET is used if it is the same)"));
        return new WecomArchiveSettings(library, key, pem, secret);
    }

    /** WeCom's EncodingAESKey: 43 characters of base64 without the trailing '='. */
    private static String aesKey(String variable, String value) {
        if (value.length() != 43 || !value.matches("[A-Za-z0-9+/]{43}")) {
            throw new ConfigException(variable, "must be the 43-character EncodingAESKey from the WeCom console");
        }
        return value;
    }

    private static URI httpUrl(String variable, String value) {
        try {
            URI uri = URI.create(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigException(variable, "must be an http:// or https:// URL, got '" + value + "'");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(variable, "is not a URL (" + e.getMessage() + ")");
        }
    }

    /** A channel's variables are set all together or not at all; half a channel is a mistake worth stopping for. */
    private static Optional<String[]> together(ConfigSource source, String... names) {
        String[] values = new String[names.length];
        int present = 0;
        for (int i = 0; i < names.length; i++) {
            values[i] = source.get(names[i]).orElse(null);
            if (values[i] != null) {
                present++;
            }
        }
        if (present == 0) {
            return Optional.empty();
        }
        for (int i = 0; i < names.length; i++) {
            if (values[i] == null) {
                String others = String.join(", ", java.util.Arrays.stream(names).filter(n -> source.get(n).isPresent()).toList());
                throw new ConfigException(names[i], "required when " + others + " is set");
            }
        }
        return Optional.of(values);
    }


    /**
     * The mini-program's appid (JIANQUN_MINIAPP_APPID, set with its secret), where the gateway needs only the appid:
     * the card a disclosure's group-send carries opens the mini-program by it.
     */
    public Optional<String> miniappAppId() {
        return miniapp.map(MiniappSettings::appId);
    }

    /** Lists what is configured without a single secret, for the start-up log line. */
    @Override
    public String toString() {
        return "JianqunConfig[profile=" + profile.name().toLowerCase(java.util.Locale.ROOT) + ", httpPort=" + httpPort
                + ", database=" + database.map(DatabaseSettings::url).orElse("embedded H2 in " + dataDir)
                + ", redis=" + redis.map(r -> r.getHost() + ":" + r.getPort() + "/" + r.getDatabase()).orElse("embedded")
                + ", wecom=" + wecom.isPresent() + ", wecomArchive=" + wecomArchive.isPresent() + ", aibot=" + aibot.isPresent() + ", miniapp=" + miniapp.isPresent()
                + ", bridge=" + bridgeSecret.isPresent() + ", clockStart=" + clockStart.map(Instant::toString).orElse("now") + "]";
    }
}
