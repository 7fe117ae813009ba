package io.whippet.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * The user's named connection profiles, in Iggy's layout under the Whippet home ({@code
 * $WHIPPET_HOME}, else {@code ~/.whippet}):
 *
 * <pre>
 * contexts.toml      one table per context      [production]
 *                                               tcp_server_address = "10.0.0.5:8090"
 *                                               username = "ops"
 * .active_context    the active context's name  production
 * </pre>
 *
 * A context named {@code default} always exists (empty unless written). Files are rewritten whole
 * through a temp file and a rename, readable by the owner only (they may hold passwords). Used by
 * one command at a time.
 */
final class ContextStore {
    static final String DEFAULT = "default";
    private static final String CONTEXTS_FILE = "contexts.toml";
    private static final String ACTIVE_FILE = ".active_context";

    private final Path home;

    ContextStore(Path home) {
        this.home = home;
    }

    Path home() {
        return home;
    }

    /** Every context by name, {@code default} included. */
    Map<String, ContextProfile> all() {
        Map<String, ContextProfile> contexts = new TreeMap<>();
        contexts.put(DEFAULT, ContextProfile.empty());
        Path file = home.resolve(CONTEXTS_FILE);
        if (!Files.exists(file)) {
            return contexts;
        }
        TomlParseResult toml;
        try {
            toml = Toml.parse(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (toml.hasErrors()) {
            throw new UsageException(file + ": " + toml.errors().getFirst());
        }
        for (String name : toml.keySet()) {
            TomlTable table = toml.getTable(TomlKeys.quote(name));
            if (table != null) {
                contexts.put(name, profile(table));
            }
        }
        return contexts;
    }

    String activeName() {
        Path file = home.resolve(ACTIVE_FILE);
        if (!Files.exists(file)) {
            return DEFAULT;
        }
        try {
            String name = Files.readString(file, StandardCharsets.UTF_8).trim();
            return name.isEmpty() ? DEFAULT : name;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The profile named {@code name}; an unknown name is a usage error. */
    ContextProfile profile(String name) {
        ContextProfile profile = all().get(name);
        if (profile == null) {
            throw new UsageException("context '" + name + "' does not exist (see 'whippet context list')");
        }
        return profile;
    }

    void use(String name) {
        profile(name);
        write(ACTIVE_FILE, name + "\n");
    }

    void create(String name, ContextProfile profile) {
        Map<String, ContextProfile> contexts = all();
        if (contexts.containsKey(name)
                && !(name.equals(DEFAULT) && contexts.get(name).entries().isEmpty())) {
            throw new UsageException("context '" + name + "' already exists");
        }
        contexts.put(name, profile);
        save(contexts);
    }

    void delete(String name) {
        Map<String, ContextProfile> contexts = all();
        if (name.equals(DEFAULT)) {
            throw new UsageException("the default context cannot be deleted");
        }
        if (contexts.remove(name) == null) {
            throw new UsageException("context '" + name + "' does not exist (see 'whippet context list')");
        }
        save(contexts);
        if (activeName().equals(name)) {
            write(ACTIVE_FILE, DEFAULT + "\n");
        }
    }

    private void save(Map<String, ContextProfile> contexts) {
        StringBuilder toml = new StringBuilder();
        for (Map.Entry<String, ContextProfile> context : contexts.entrySet()) {
            Map<String, Object> entries = context.getValue().entries();
            if (context.getKey().equals(DEFAULT) && entries.isEmpty()) {
                continue;
            }
            if (!toml.isEmpty()) {
                toml.append('\n');
            }
            toml.append('[').append(TomlKeys.quote(context.getKey())).append("]\n");
            for (Map.Entry<String, Object> entry : entries.entrySet()) {
                toml.append(entry.getKey())
                        .append(" = ")
                        .append(TomlKeys.value(entry.getValue()))
                        .append('\n');
            }
        }
        write(CONTEXTS_FILE, toml.toString());
    }

    private void write(String fileName, String content) {
        try {
            Files.createDirectories(home);
            Path target = home.resolve(fileName);
            Path temp = Files.createTempFile(home, fileName, ".tmp");
            try {
                restrictToOwner(temp);
                Files.writeString(temp, content, StandardCharsets.UTF_8);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + home.resolve(fileName), e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        if (Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static ContextProfile profile(TomlTable table) {
        return new ContextProfile(
                string(table, "transport"),
                string(table, "tcp_server_address"),
                table.getBoolean("tcp_tls_enabled"),
                string(table, "tcp_tls_domain"),
                string(table, "http_api_url"),
                string(table, "quic_server_address"),
                string(table, "username"),
                string(table, "password"),
                string(table, "token"));
    }

    private static @Nullable String string(TomlTable table, String key) {
        Object value = table.get(key);
        return value == null ? null : value.toString();
    }

    /** TOML quoting for keys and string values. */
    static final class TomlKeys {
        private TomlKeys() {}

        /** A bare key when it is one ({@code [a-zA-Z0-9_-]+}), else a quoted one. */
        static String quote(String key) {
            return key.matches("[A-Za-z0-9_-]+") ? key : string(key);
        }

        static String value(Object value) {
            return value instanceof Boolean ? value.toString() : string(value.toString());
        }

        static String string(String text) {
            StringBuilder quoted = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '"' -> quoted.append("\\\"");
                    case '\\' -> quoted.append("\\\\");
                    case '\n' -> quoted.append("\\n");
                    case '\t' -> quoted.append("\\t");
                    case '\r' -> quoted.append("\\r");
                    default -> {
                        if (Character.isISOControl(c)) {
                            quoted.append(String.format("\\u%04x", (int) c));
                        } else {
                            quoted.append(c);
                        }
                    }
                }
            }
            return quoted.append('"').toString();
        }
    }
}
