package io.whippet.client;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Parses Iggy-style connection strings into a {@link ClientConfig}.
 *
 * <pre>
 * iggy[+tcp]://USER:PASSWORD@HOST[:PORT][?OPTION=VALUE&amp;...]
 * iggy[+tcp]://TOKEN@HOST[:PORT][?...]              (a personal access token: no colon)
 * iggy+quic://USER:PASSWORD@HOST[:PORT][?...]       (QUIC; the port defaults to 8080)
 * http[s]://[USER:PASSWORD@ | TOKEN@]HOST[:PORT][?...] (the REST API; credentials optional)
 * </pre>
 *
 * <p>The scheme picks the transport: {@code iggy://} is TCP (default port 8090), {@code http://}
 * is the REST API (default port 3000), {@code https://} the REST API over TLS.
 *
 * User, password and token are percent-decoded; an IPv6 host goes in brackets. Options: {@code
 * tls}, {@code tls_domain}, {@code tls_ca_file}, {@code tls_validate_certificate}, {@code
 * reconnection_retries} (a number or {@code unlimited}), {@code reconnection_interval}, {@code
 * heartbeat_interval}, {@code request_timeout} (durations like {@code 500ms}, {@code 5s}, {@code
 * 1m}; a bare number is ms). Unknown options are an error, so a typo is not silently ignored.
 */
public final class ConnectionString {
    private ConnectionString() {}

    public static ClientConfig parse(String connectionString) {
        ClientTransport transport = transport(connectionString);
        boolean https = connectionString.regionMatches(true, 0, "https://", 0, "https://".length());
        String rest = stripScheme(connectionString);
        int at = rest.lastIndexOf('@', indexOrEnd(rest, '?'));
        Credentials credentials;
        if (at >= 0) {
            credentials = credentials(rest.substring(0, at), connectionString);
        } else if (transport == ClientTransport.HTTP) {
            credentials = Credentials.none(); // public routes (ping) need none; login() can follow
        } else {
            throw invalid(connectionString, "credentials missing (expected: user:password@ or token@)");
        }
        rest = rest.substring(at + 1);
        int query = rest.indexOf('?');
        String authority = query < 0 ? rest : rest.substring(0, query);
        if (authority.endsWith("/")) {
            authority = authority.substring(0, authority.length() - 1);
        }
        ClientConfig config = address(authority, transport, connectionString)
                .withCredentials(credentials)
                .withTransport(transport);
        if (https) {
            config = config.withTls(new TlsSettings(true, "", null, true));
        }
        if (query >= 0) {
            for (String option : rest.substring(query + 1).split("&")) {
                if (!option.isEmpty()) {
                    config = option(config, option, connectionString);
                }
            }
        }
        return config;
    }

    /** Parses {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h} or a bare number of ms. */
    public static long durationMs(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("ms")) {
                return Long.parseLong(value.substring(0, value.length() - 2).trim());
            }
            if (value.endsWith("s")) {
                return Math.round(Double.parseDouble(
                                value.substring(0, value.length() - 1).trim())
                        * 1_000);
            }
            if (value.endsWith("m")) {
                return Math.round(Double.parseDouble(
                                value.substring(0, value.length() - 1).trim())
                        * 60_000);
            }
            if (value.endsWith("h")) {
                return Math.round(Double.parseDouble(
                                value.substring(0, value.length() - 1).trim())
                        * 3_600_000);
            }
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("duration: " + text + " (expected: e.g. 500ms, 5s, 1m)", e);
        }
    }

    private static final String[] TCP_SCHEMES = {"iggy://", "iggy+tcp://", "whippet://", "whippet+tcp://"};
    private static final String[] QUIC_SCHEMES = {"iggy+quic://", "whippet+quic://"};
    private static final String[] HTTP_SCHEMES = {"http://", "https://", "iggy+http://", "whippet+http://"};

    private static ClientTransport transport(String text) {
        for (String scheme : HTTP_SCHEMES) {
            if (text.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return ClientTransport.HTTP;
            }
        }
        for (String scheme : QUIC_SCHEMES) {
            if (text.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return ClientTransport.QUIC;
            }
        }
        return ClientTransport.TCP;
    }

    private static String stripScheme(String text) {
        for (String[] schemes : new String[][] {TCP_SCHEMES, QUIC_SCHEMES, HTTP_SCHEMES}) {
            for (String scheme : schemes) {
                if (text.regionMatches(true, 0, scheme, 0, scheme.length())) {
                    return text.substring(scheme.length());
                }
            }
        }
        throw invalid(text, "scheme (expected: iggy://, iggy+tcp://, iggy+quic://, http:// or https://)");
    }

    private static Credentials credentials(String userInfo, String whole) {
        int colon = userInfo.indexOf(':');
        if (colon < 0) {
            if (userInfo.isEmpty()) {
                throw invalid(whole, "empty token");
            }
            return Credentials.token(decode(userInfo));
        }
        String username = decode(userInfo.substring(0, colon));
        String password = decode(userInfo.substring(colon + 1));
        if (username.isEmpty() || password.isEmpty()) {
            throw invalid(whole, "empty username or password");
        }
        return Credentials.password(username, password);
    }

    private static ClientConfig address(String authority, ClientTransport transport, String whole) {
        String host;
        String portText;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw invalid(whole, "unclosed IPv6 bracket");
            }
            host = authority.substring(1, close);
            portText = authority.length() > close + 1 && authority.charAt(close + 1) == ':'
                    ? authority.substring(close + 2)
                    : "";
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? "" : authority.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw invalid(whole, "empty host");
        }
        int port = transport.defaultPort();
        if (!portText.isEmpty()) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw invalid(whole, "port: " + portText + " (expected: 0..65535)");
            }
        }
        return ClientConfig.defaults().withTransport(transport).withAddress(host, port);
    }

    private static ClientConfig option(ClientConfig config, String option, String whole) {
        int equals = option.indexOf('=');
        String key = (equals < 0 ? option : option.substring(0, equals)).toLowerCase(Locale.ROOT);
        String value = equals < 0 ? "true" : decode(option.substring(equals + 1));
        TlsSettings tls = config.tls();
        ReconnectPolicy reconnect = config.reconnect();
        return switch (key) {
            case "tls" ->
                config.withTls(
                        new TlsSettings(bool(value, whole), tls.domain(), tls.caFile(), tls.validateCertificate()));
            case "tls_domain" ->
                config.withTls(new TlsSettings(tls.enabled(), value, tls.caFile(), tls.validateCertificate()));
            case "tls_ca_file" ->
                config.withTls(new TlsSettings(tls.enabled(), tls.domain(), value, tls.validateCertificate()));
            case "tls_validate_certificate" ->
                config.withTls(new TlsSettings(tls.enabled(), tls.domain(), tls.caFile(), bool(value, whole)));
            case "reconnection_retries" -> {
                int retries = value.equalsIgnoreCase("unlimited") ? Integer.MAX_VALUE : Integer.parseInt(value);
                yield config.withReconnect(new ReconnectPolicy(
                        retries, reconnect.intervalMs(), Math.max(reconnect.maxIntervalMs(), reconnect.intervalMs())));
            }
            case "reconnection_interval" -> {
                long interval = durationMs(value);
                yield config.withReconnect(new ReconnectPolicy(
                        reconnect.maxRetries(), interval, Math.max(interval, reconnect.maxIntervalMs())));
            }
            case "heartbeat_interval" -> config.withHeartbeatIntervalMs(durationMs(value));
            case "request_timeout" -> config.withRequestTimeoutMs(durationMs(value));
            default ->
                throw invalid(
                        whole,
                        "option: " + key + " (expected: tls, tls_domain, tls_ca_file, "
                                + "tls_validate_certificate, reconnection_retries, reconnection_interval, heartbeat_interval, "
                                + "request_timeout)");
        };
    }

    private static boolean bool(String value, String whole) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw invalid(whole, "boolean: " + value + " (expected: true or false)");
        };
    }

    private static int indexOrEnd(String text, char c) {
        int index = text.indexOf(c);
        return index < 0 ? text.length() : index;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException invalid(String whole, String what) {
        String redacted = whole.replaceAll("//[^@]*@", "//<credentials>@");
        return new IllegalArgumentException("connection string " + redacted + ": " + what);
    }
}
