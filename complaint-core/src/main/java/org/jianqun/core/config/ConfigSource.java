package org.jianqun.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where configuration values come from: the environment, optionally mirrored by a properties file
 * named by {@code JIANQUN_CONFIG_FILE} using the same variable names. The environment wins, so an
 * operator can override one value of a shared file.
 */
public final class ConfigSource {
    public static final String CONFIG_FILE = "JIANQUN_CONFIG_FILE";

    private final Map<String, String> values;

    private ConfigSource(Map<String, String> values) {
        this.values = values;
    }

    public static ConfigSource of(Map<String, String> values) {
        return new ConfigSource(Map.copyOf(values));
    }

    public static ConfigSource fromEnvironment(Map<String, String> environment) {
        Map<String, String> merged = new HashMap<>();
        String file = environment.get(CONFIG_FILE);
        if (file != null && !file.isBlank()) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException | RuntimeException e) {
                throw new ConfigException(CONFIG_FILE, "cannot read " + file + " (" + e.getMessage() + ")");
            }
            for (String name : properties.stringPropertyNames()) {
                if (!name.startsWith("JIANQUN_")) {
                    throw new ConfigException(CONFIG_FILE, "unknown key '" + name + "' in " + file + " (keys are the JIANQUN_* variable names)");
                }
                merged.put(name, properties.getProperty(name).trim());
            }
        }
        environment.forEach((k, v) -> {
            if (k.startsWith("JIANQUN_")) {
                merged.put(k, v);
            }
        });
        return new ConfigSource(Map.copyOf(merged));
    }

    /** The value, with blank treated as unset (an empty env var is a common way to "unset" in compose files). */
    public Optional<String> get(String name) {
        String v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }
}
