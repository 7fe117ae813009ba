package io.whippet.connectors.runtime;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Connector configs kept as TOML files in one directory (spec §5): one file per key and version,
 * read without recursion ({@code *.toml}, hidden files and {@code Cargo.toml} skipped), and {@code
 * .active_versions.toml} naming the active version per key ({@code [sinks] key = 3}); a key not
 * listed there runs its highest version. Created configs are written as {@code
 * <type>_<key>_<version>.toml} and not activated.
 *
 * <p>Thread-safe: every method is synchronized, and files are read afresh on each call (there is
 * no watching; changes take effect on restart).
 */
public final class LocalConfigProvider {
    static final String ACTIVE_VERSIONS = ".active_versions.toml";

    private final Path directory;
    private final Map<String, String> env;

    public LocalConfigProvider(Path directory, Map<String, String> env) {
        this.directory = directory;
        this.env = env;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the connector config directory " + directory, e);
        }
    }

    /** The active config of every key, sinks and sources. */
    public synchronized List<ConnectorConfig> activeConfigs() {
        Map<String, ConnectorConfig> all = readAll();
        Map<String, ConnectorConfig> active = new LinkedHashMap<>();
        JsonNode activeVersions = readActiveVersions();
        for (ConnectorConfig config : all.values()) {
            String id = config.type().label() + "/" + config.key();
            JsonNode pinned = activeVersions.path(config.type().plural()).get(config.key());
            if (pinned != null) {
                if (pinned.asLong() == config.version()) {
                    active.put(id, config);
                }
            } else {
                ConnectorConfig current = active.get(id);
                if (current == null || current.version() < config.version()) {
                    active.put(id, config);
                }
            }
        }
        return List.copyOf(active.values());
    }

    public synchronized Optional<ConnectorConfig> active(ConnectorType type, String key) {
        return activeConfigs().stream()
                .filter(config -> config.type() == type && config.key().equals(key))
                .findFirst();
    }

    /** Every version of one key, oldest first. */
    public synchronized List<ConnectorConfig> versions(ConnectorType type, String key) {
        return readAll().values().stream()
                .filter(config -> config.type() == type && config.key().equals(key))
                .sorted(Comparator.comparingLong(ConnectorConfig::version))
                .toList();
    }

    public synchronized Optional<ConnectorConfig> version(ConnectorType type, String key, long version) {
        return versions(type, key).stream()
                .filter(config -> config.version() == version)
                .findFirst();
    }

    /** Stores {@code body} as the next version of {@code key} (max + 1, or 0), not activated. */
    public synchronized ConnectorConfig create(ConnectorType type, String key, ObjectNode body) {
        long next = versions(type, key).stream()
                        .mapToLong(ConnectorConfig::version)
                        .max()
                        .orElse(-1)
                + 1;
        ObjectNode tree = Json.object();
        tree.put("type", type.label());
        tree.put("key", key);
        tree.put("version", next);
        for (Map.Entry<String, JsonNode> entry : body.properties()) {
            if (!List.of("type", "key", "version", "active").contains(entry.getKey())) {
                tree.set(entry.getKey(), entry.getValue());
            }
        }
        ConnectorConfig config = ConnectorConfig.fromTree(tree, "request body");
        write(directory.resolve(type.label() + "_" + key + "_" + next + ".toml"), TomlWriter.write(tree));
        return config;
    }

    public synchronized void activate(ConnectorType type, String key, long version) {
        if (version(type, key, version).isEmpty()) {
            throw new WhippetException(
                    ErrorCode.RESOURCE_NOT_FOUND, type.label() + " " + key + " has no version " + version);
        }
        ObjectNode active = (ObjectNode) readActiveVersions();
        JsonNode section = active.get(type.plural());
        ObjectNode table = section instanceof ObjectNode object ? object : active.putObject(type.plural());
        table.put(key, version);
        write(directory.resolve(ACTIVE_VERSIONS), TomlWriter.write(active));
    }

    /** Deletes one version; returns false when there was no such version. */
    public synchronized boolean deleteVersion(ConnectorType type, String key, long version) {
        return delete(type, key, version, false);
    }

    /** Deletes every version of {@code key}; returns false when there was none. */
    public synchronized boolean deleteAll(ConnectorType type, String key) {
        return delete(type, key, 0, true);
    }

    private boolean delete(ConnectorType type, String key, long version, boolean all) {
        boolean deleted = false;
        for (Map.Entry<Path, ConnectorConfig> entry : readFiles().entrySet()) {
            ConnectorConfig config = entry.getValue();
            if (config.type() == type && config.key().equals(key) && (all || config.version() == version)) {
                try {
                    Files.deleteIfExists(entry.getKey());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                deleted = true;
            }
        }
        return deleted;
    }

    /** By (type, key, version); a later file in name order wins a tie. */
    private Map<String, ConnectorConfig> readAll() {
        Map<String, ConnectorConfig> configs = new LinkedHashMap<>();
        for (ConnectorConfig config : readFiles().values()) {
            configs.put(config.type().label() + "/" + config.key() + "/" + config.version(), config);
        }
        return configs;
    }

    private Map<Path, ConnectorConfig> readFiles() {
        Map<Path, ConnectorConfig> configs = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(directory)) {
            listing.filter(Files::isRegularFile)
                    .filter(path -> {
                        String name = path.getFileName().toString();
                        return name.endsWith(".toml") && !name.startsWith(".") && !name.equals("Cargo.toml");
                    })
                    .sorted()
                    .forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        for (Path file : files) {
            try {
                configs.put(file, ConnectorConfig.fromToml(Files.readString(file), file.toString(), env));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return configs;
    }

    private JsonNode readActiveVersions() {
        Path file = directory.resolve(ACTIVE_VERSIONS);
        if (!Files.isRegularFile(file)) {
            return Json.object();
        }
        try {
            return Json.fromToml(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void write(Path file, String content) {
        try {
            AtomicFiles.write(file, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
