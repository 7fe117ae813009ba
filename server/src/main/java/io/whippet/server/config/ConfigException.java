package io.whippet.server.config;

/** A configuration problem, phrased as one line that names the key and where its value came from. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
