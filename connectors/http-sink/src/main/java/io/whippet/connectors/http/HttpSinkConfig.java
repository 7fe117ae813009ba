package io.whippet.connectors.http;

import io.whippet.connectors.api.Durations;
import io.whippet.connectors.api.PluginConfig;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Every {@code [plugin_config]} option of the HTTP sink (spec §10.1), checked in the order of §10.2.
 * Immutable.
 */
record HttpSinkConfig(
        URI url,
        HttpMethod method,
        Duration timeout,
        long maxPayloadSizeBytes,
        Map<String, String> headers,
        BatchMode batchMode,
        boolean includeMetadata,
        boolean includeChecksum,
        boolean includeOriginTimestamp,
        boolean healthCheckEnabled,
        HttpMethod healthCheckMethod,
        int maxRetries,
        Duration retryDelay,
        int retryBackoffMultiplier,
        Duration maxRetryDelay,
        Set<Integer> successStatusCodes,
        boolean tlsDangerAcceptInvalidCerts,
        int maxConnections,
        boolean verboseLogging) {
    private static final System.Logger LOG = System.getLogger(HttpSinkConfig.class.getName());
    static final Set<Integer> TRANSIENT_STATUSES = Set.of(429, 500, 502, 503, 504);
    /** RFC 9110 token characters, for header names. */
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";

    static HttpSinkConfig parse(JsonNode root) {
        PluginConfig config = new PluginConfig(root);
        // 1. success codes
        List<Integer> codes = new ArrayList<>();
        JsonNode codesNode = config.node("success_status_codes");
        if (codesNode.isMissingNode() || codesNode.isNull()) {
            codes.addAll(List.of(200, 201, 202, 204));
        } else {
            codesNode.forEach(code -> codes.add(code.asInt()));
        }
        if (codes.isEmpty()) {
            throw PluginConfig.invalid("success_status_codes", "[]", "at least one code");
        }
        for (int code : codes) {
            if (code < 200 || code > 599) {
                throw PluginConfig.invalid("success_status_codes", String.valueOf(code), "codes in 200..599");
            }
            // 2. a transient code that counts as success is never retried
            if (TRANSIENT_STATUSES.contains(code)) {
                LOG.log(
                        Level.WARNING,
                        "success_status_codes contains " + code + ", a retryable status: it will"
                                + " count as success and never be retried");
            }
        }
        // 3. url
        String urlText = config.string("url", "");
        URI url;
        try {
            url = new URI(urlText);
        } catch (URISyntaxException e) {
            throw PluginConfig.invalid("url", urlText, "an http or https URL");
        }
        if (urlText.isEmpty()
                || url.getScheme() == null
                || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
                || url.getHost() == null) {
            throw PluginConfig.invalid("url", urlText, "an http or https URL");
        }
        // 4, 5. headers
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> header : config.node("headers").properties()) {
            String name = header.getKey();
            String value = header.getValue().asString();
            if (name.equalsIgnoreCase("content-type")) {
                LOG.log(Level.WARNING, "custom Content-Type header dropped: the batch mode sets it");
                continue;
            }
            if (!name.matches(TOKEN)) {
                throw PluginConfig.invalid("headers", name, "a valid HTTP header name");
            }
            if (!value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c != 0x7F && c <= 0xFF))) {
                throw PluginConfig.invalid("headers." + name, "<invalid value>", "a valid HTTP header value");
            }
            if (Set.of("connection", "content-length", "expect", "host", "upgrade")
                    .contains(name.toLowerCase())) {
                throw PluginConfig.invalid("headers", name, "a header the HTTP client lets callers set");
            }
            headers.put(name, value);
        }
        Duration retryDelay = config.duration("retry_delay", Duration.ofSeconds(1));
        Duration maxRetryDelay = config.duration("max_retry_delay", Duration.ofSeconds(30));
        if (retryDelay.compareTo(maxRetryDelay) > 0) {
            LOG.log(Level.WARNING, "retry_delay " + retryDelay + " > max_retry_delay " + maxRetryDelay + "; swapped");
            Duration swap = retryDelay;
            retryDelay = maxRetryDelay;
            maxRetryDelay = swap;
        }
        long maxRetries = config.number("max_retries", 3);
        if (maxRetries < 0 || maxRetries > Integer.MAX_VALUE) {
            throw PluginConfig.invalid("max_retries", String.valueOf(maxRetries), "0..2^31-1");
        }
        BatchMode mode = BatchMode.parse(config.string("batch_mode", "individual"));
        HttpMethod method = HttpMethod.parse("method", config.string("method", "POST"));
        boolean includeMetadata = config.bool("include_metadata", true);
        boolean insecure = config.bool("tls_danger_accept_invalid_certs", false);
        // 8. construction-time warnings
        if (mode == BatchMode.RAW && includeMetadata) {
            LOG.log(Level.WARNING, "batch_mode=raw ignores include_metadata=true");
        }
        if ((method == HttpMethod.GET || method == HttpMethod.HEAD) && mode != BatchMode.INDIVIDUAL) {
            LOG.log(Level.WARNING, method + " with batch_mode " + mode + " sends a request body");
        }
        if (insecure) {
            LOG.log(Level.WARNING, "tls_danger_accept_invalid_certs=true: certificates and host names are NOT checked");
        }
        return new HttpSinkConfig(
                url,
                method,
                timeout(config),
                config.number("max_payload_size_bytes", 10 * 1024 * 1024),
                Map.copyOf(headers),
                mode,
                includeMetadata,
                config.bool("include_checksum", false),
                config.bool("include_origin_timestamp", false),
                config.bool("health_check_enabled", false),
                HttpMethod.parse("health_check_method", config.string("health_check_method", "HEAD")),
                (int) maxRetries,
                retryDelay,
                (int) Math.max(1, config.number("retry_backoff_multiplier", 2)),
                maxRetryDelay,
                Set.copyOf(codes),
                insecure,
                (int) config.number("max_connections", 10),
                config.bool("verbose_logging", false));
    }

    /** An unparsable timeout logs a warning and falls back to 30 s (as upstream). */
    private static Duration timeout(PluginConfig config) {
        String text = config.string("timeout", "30s");
        try {
            return Durations.parse(text);
        } catch (WhippetException e) {
            LOG.log(Level.WARNING, "timeout: " + text + " is not a duration; using 30s");
            return Duration.ofSeconds(30);
        }
    }

    /** The URL without any {@code user:pass@} part, for logs. */
    String safeUrl() {
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), url.getQuery(), null)
                    .toString();
        } catch (URISyntaxException e) {
            throw new WhippetException(ErrorCode.INVALID_CONFIGURATION, "url: cannot be shown");
        }
    }
}
