package io.whippet.server.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * The flattened settings of a server: embedded defaults, overlaid by an optional TOML file, then
 * by environment variables. Every key is dotted ({@code tcp.tls.enabled}); its environment name
 * is {@code IGGY_} plus the key upper-cased with dots as underscores ({@code IGGY_TCP_TLS_ENABLED}).
 * Only keys present in the defaults exist: an unknown key in the file is an error naming it.
 */
public final class ConfigSource {
    private static final String DEFAULTS_RESOURCE = "default.toml";

    private final Map<String, Setting> settings;

    private ConfigSource(Map<String, Setting> settings) {
        this.settings = settings;
    }

    /** One value and where it came from, for error messages. */
    public record Setting(String key, Object value, String origin) {}

    /** Defaults, then {@code file} when given, then the environment. */
    public static ConfigSource load(@Nullable Path file, Map<String, String> environment) {
        ConfigSource source = defaults();
        if (file != null) {
            source.overlayFile(file);
        }
        source.overlayEnvironment(environment);
        return source;
    }

    /** The embedded defaults only. */
    public static ConfigSource defaults() {
        try (InputStream in = Objects.requireNonNull(
                ConfigSource.class.getResourceAsStream(DEFAULTS_RESOURCE), "embedded default config missing")) {
            TomlParseResult toml = Toml.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (toml.hasErrors()) {
                throw new IllegalStateException(
                        "embedded default config: " + toml.errors().getFirst());
            }
            Map<String, Setting> settings = new LinkedHashMap<>();
            flatten(toml, "", "default", settings);
            return new ConfigSource(settings);
        } catch (IOException e) {
            throw new IllegalStateException("embedded default config unreadable", e);
        }
    }

    private void overlayFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("config file " + file + ": cannot read (" + e.getMessage() + ")");
        }
        TomlParseResult toml = Toml.parse(text);
        if (toml.hasErrors()) {
            var error = toml.errors().getFirst();
            throw new ConfigException("config file " + file + ": " + error.getMessage() + " at line "
                    + error.position().line());
        }
        Map<String, Setting> fromFile = new LinkedHashMap<>();
        flatten(toml, "", "config file " + file, fromFile);
        for (Setting setting : fromFile.values()) {
            if (!settings.containsKey(setting.key())) {
                throw new ConfigException(setting.origin() + ": unknown key '" + setting.key() + "'");
            }
            settings.put(setting.key(), setting);
        }
    }

    private void overlayEnvironment(Map<String, String> environment) {
        for (String key : settings.keySet()) {
            String name = environmentName(key);
            String value = environment.get(name);
            if (value != null) {
                settings.put(key, new Setting(key, value, "environment variable " + name));
            }
        }
    }

    /** {@code tcp.tls.enabled} becomes {@code IGGY_TCP_TLS_ENABLED}. */
    public static String environmentName(String key) {
        return "IGGY_" + key.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static void flatten(TomlTable table, String prefix, String origin, Map<String, Setting> out) {
        for (String dottedKey : table.keySet()) {
            String key = prefix + dottedKey;
            Object value = Objects.requireNonNull(table.get(List.of(dottedKey)));
            if (value instanceof TomlTable nested) {
                flatten(nested, key + ".", origin, out);
            } else if (value instanceof TomlArray array) {
                out.put(key, new Setting(key, array.toList(), origin));
            } else {
                out.put(key, new Setting(key, value, origin));
            }
        }
    }

    private Setting setting(String key) {
        Setting setting = settings.get(key);
        if (setting == null) {
            throw new IllegalStateException("no default for config key " + key);
        }
        return setting;
    }

    public String string(String key) {
        Setting setting = setting(key);
        Object value = setting.value();
        if (value instanceof java.util.List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    /** A list of strings: a TOML array, or comma-separated text (an environment variable). */
    public List<String> strings(String key) {
        Setting setting = setting(key);
        Object value = setting.value();
        List<?> items = value instanceof List<?> list
                ? list
                : List.of(String.valueOf(value).split(","));
        List<String> strings = new ArrayList<>(items.size());
        for (Object item : items) {
            if (item instanceof TomlTable || item instanceof List<?>) {
                throw invalid(setting, "is not a list of strings");
            }
            String text = String.valueOf(item).trim();
            if (!text.isEmpty()) {
                strings.add(text);
            }
        }
        return List.copyOf(strings);
    }

    /** Whether {@code key} holds something other than its embedded default (file or environment). */
    public boolean isSet(String key) {
        return !setting(key).origin().equals("default");
    }

    public boolean bool(String key) {
        Setting setting = setting(key);
        Object value = setting.value();
        if (value instanceof Boolean b) {
            return b;
        }
        String text = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw invalid(setting, "is not a boolean (expected: true or false)");
        };
    }

    public long integer(String key, long min, long max) {
        Setting setting = setting(key);
        Object value = setting.value();
        long number;
        try {
            number = value instanceof Long l
                    ? l
                    : Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw invalid(setting, "is not an integer");
        }
        if (number < min || number > max) {
            throw invalid(setting, "is out of range (expected: " + min + ".." + max + ")");
        }
        return number;
    }

    public long sizeBytes(String key) {
        Setting setting = setting(key);
        try {
            return HumanUnits.parseSizeBytes(String.valueOf(setting.value()));
        } catch (IllegalArgumentException e) {
            throw invalid(setting, String.valueOf(e.getMessage()));
        }
    }

    public long durationMicros(String key) {
        Setting setting = setting(key);
        try {
            return HumanUnits.parseDurationMicros(String.valueOf(setting.value()));
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw invalid(setting, String.valueOf(e.getMessage()));
        }
    }

    /** A {@code host:port} listen address. */
    public ListenAddress address(String key) {
        Setting setting = setting(key);
        String text = String.valueOf(setting.value()).trim();
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw invalid(setting, "is not host:port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw invalid(setting, "has a port that is not a number");
        }
        if (port < 0 || port > 65535) {
            throw invalid(setting, "has a port out of range (expected: 0..65535)");
        }
        return new ListenAddress(host, port);
    }

    /** For checks made by the config records themselves. */
    ConfigException invalid(String key, String problem) {
        return invalid(setting(key), problem);
    }

    private static ConfigException invalid(Setting setting, String problem) {
        return new ConfigException(setting.origin() + ": " + setting.key() + " = '" + setting.value() + "' " + problem);
    }
}
