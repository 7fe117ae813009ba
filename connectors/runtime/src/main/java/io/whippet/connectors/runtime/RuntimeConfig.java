package io.whippet.connectors.runtime;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The runtime config (spec §2): embedded defaults, then the TOML file, then one env var per key,
 * {@code IGGY_CONNECTORS_<SECTION>_<KEY>} (nested keys joined with {@code _}, for example {@code
 * IGGY_CONNECTORS_IGGY_USERNAME}). Only keys the defaults or the file know can be overridden.
 *
 * @param pluginsDirectory a directory of plugin jars searched besides the classpath; empty = none
 */
public record RuntimeConfig(HttpApi http, Iggy iggy, Path statePath, Path configDirectory, String pluginsDirectory) {
    /** Keys whose values never reach a log line. */
    static final Set<String> SECRET_KEYS = Set.of("password", "token", "api_key");

    static final String DEFAULTS = """
            [http]
            enabled = true
            address = "127.0.0.1:8081"
            api_key = ""
            [http.metrics]
            enabled = true
            endpoint = "/metrics"
            [iggy]
            address = "localhost:8090"
            username = "iggy"
            password = "iggy"
            token = ""
            [iggy.tls]
            enabled = false
            ca_file = ""
            domain = ""
            [state]
            path = "local_state"
            [connectors]
            config_type = "local"
            config_dir = ""
            [plugins]
            dir = ""
            """;

    /** The management API. {@code apiKey} empty = no auth. */
    public record HttpApi(
            boolean enabled, String address, String apiKey, boolean metricsEnabled, String metricsEndpoint) {
        @Override
        public String toString() {
            return "HttpApi[enabled=" + enabled + ", address=" + address + ", apiKey=" + Secrets.mask(apiKey)
                    + ", metricsEnabled=" + metricsEnabled + ", metricsEndpoint=" + metricsEndpoint + "]";
        }

        public String host() {
            return Addresses.host(address);
        }

        public int port() {
            return Addresses.port(address, 8081);
        }
    }

    /** The Whippet server and how to log in: {@code token} (a PAT) wins over username/password. */
    public record Iggy(
            String address,
            String username,
            String password,
            String token,
            boolean tlsEnabled,
            String tlsCaFile,
            String tlsDomain) {
        @Override
        public String toString() {
            return "Iggy[address=" + address + ", username=" + username + ", password=" + Secrets.mask(password)
                    + ", token=" + Secrets.mask(token) + ", tlsEnabled=" + tlsEnabled + "]";
        }
    }

    /** Reads {@code file} (null = defaults only) with overrides from {@code env}. */
    public static RuntimeConfig load(@Nullable Path file, Map<String, String> env) {
        ObjectNode tree = Json.fromToml(DEFAULTS, "embedded defaults");
        if (file != null) {
            try {
                Json.merge(tree, Json.fromToml(Files.readString(file), file.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the runtime config " + file, e);
            }
        }
        applyEnv(tree, "IGGY_CONNECTORS", env);
        return fromTree(tree);
    }

    /** Replaces every leaf whose env name is set; the env name is the prefix and the path, upper case. */
    static void applyEnv(ObjectNode node, String prefix, Map<String, String> env) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        for (String name : names) {
            JsonNode child = node.get(name);
            String envName = prefix + "_" + name.toUpperCase(Locale.ROOT);
            if (child instanceof ObjectNode object) {
                applyEnv(object, envName, env);
            } else if (env.containsKey(envName)) {
                node.set(
                        name,
                        child.isString()
                                ? Json.MAPPER.getNodeFactory().stringNode(env.get(envName))
                                : EnvValues.typed(env.get(envName)));
            }
        }
    }

    private static RuntimeConfig fromTree(ObjectNode tree) {
        JsonNode http = tree.path("http");
        JsonNode iggy = tree.path("iggy");
        JsonNode connectors = tree.path("connectors");
        String type = connectors.path("config_type").asString();
        if (!type.equals("local")) {
            throw new WhippetException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "connectors.config_type: " + type + " (expected: local; the http provider is not built)");
        }
        String configDir = connectors.path("config_dir").asString();
        if (configDir.isEmpty()) {
            throw new WhippetException(
                    ErrorCode.INVALID_CONFIGURATION,
                    "connectors.config_dir: \"\" (expected: a directory holding connector configs)");
        }
        return new RuntimeConfig(
                new HttpApi(
                        http.path("enabled").asBoolean(),
                        http.path("address").asString(),
                        http.path("api_key").asString(),
                        http.path("metrics").path("enabled").asBoolean(),
                        http.path("metrics").path("endpoint").asString()),
                new Iggy(
                        iggy.path("address").asString(),
                        iggy.path("username").asString(),
                        iggy.path("password").asString(),
                        iggy.path("token").asString(),
                        iggy.path("tls").path("enabled").asBoolean(),
                        iggy.path("tls").path("ca_file").asString(),
                        iggy.path("tls").path("domain").asString()),
                Path.of(tree.path("state").path("path").asString()),
                Path.of(configDir),
                tree.path("plugins").path("dir").asString());
    }
}
