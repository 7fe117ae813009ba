package io.whippet.server;

import org.jspecify.annotations.Nullable;

/**
 * Start-up choices that are not configuration: how the root user is created on first boot and
 * whether to wipe the data directory first.
 *
 * @param rootUsername from {@code IGGY_ROOT_USERNAME}, or null
 * @param rootPassword from {@code IGGY_ROOT_PASSWORD}, or null
 * @param defaultRootCredentials {@code --with-default-root-credentials}: iggy/iggy when unset
 * @param fresh {@code --fresh}: delete the data directory before starting
 */
public record ServerOptions(
        @Nullable String rootUsername, @Nullable String rootPassword, boolean defaultRootCredentials, boolean fresh) {
    public static final String DEFAULT_ROOT_USERNAME = "iggy";
    public static final String DEFAULT_ROOT_PASSWORD = "iggy";

    /** For tests: root is iggy/iggy, data kept. */
    public static ServerOptions development() {
        return new ServerOptions(null, null, true, false);
    }

    @Override
    public String toString() {
        return "ServerOptions[rootUsername=" + rootUsername + ", rootPassword=<redacted>, defaultRootCredentials="
                + defaultRootCredentials + ", fresh=" + fresh + "]";
    }
}
