package org.jianqun.core.config;

import java.util.Optional;

/**
 * The mini-program's subscribe-message templates, as configured: JIANQUN_MINIAPP_TEMPLATE_PROGRESS for every
 * step a reporter would hear in a group, JIANQUN_MINIAPP_TEMPLATE_RESULT (optional) for the result (办结, 结案,
 * 驳回) — the progress template when unset. Both unset: subscribe messages are off. Each template is expected to
 * have the fields character_string1 (the ticket number), thing2 (the step, 20 characters) and time3 (when).
 */
public record SubscribeTemplates(Optional<String> progress, Optional<String> result) {
    public static final SubscribeTemplates NONE = new SubscribeTemplates(Optional.empty(), Optional.empty());

    static SubscribeTemplates from(ConfigSource source) {
        Optional<String> progress = source.get("JIANQUN_MINIAPP_TEMPLATE_PROGRESS").map(v -> id("JIANQUN_MINIAPP_TEMPLATE_PROGRESS", v));
        Optional<String> result = source.get("JIANQUN_MINIAPP_TEMPLATE_RESULT").map(v -> id("JIANQUN_MINIAPP_TEMPLATE_RESULT", v));
        return new SubscribeTemplates(progress, result);
    }

    private static String id(String variable, String value) {
        String v = value.strip();
        if (v.isEmpty() || v.length() > 64 || !v.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw new ConfigException(variable, "must be a template id from the mini-program's console (up to 64 visible ASCII characters)");
        }
        return v;
    }

    public boolean on() {
        return progress.isPresent() || result.isPresent();
    }

    /** The template for a step: a result step's own when set, else the progress one. */
    public Optional<String> forStep(boolean resultStep) {
        return resultStep ? result.or(() -> progress) : progress.or(() -> result);
    }
}
