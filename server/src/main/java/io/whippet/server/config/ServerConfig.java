package io.whippet.server.config;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The server's resolved configuration: every value parsed and checked once at start-up, so a bad
 * value stops the server with one line naming the key ({@link ConfigException}).
 */
public record ServerConfig(
        SystemConfig system,
        TcpConfig tcp,
        HttpConfig http,
        QuicConfig quic,
        MaintenanceConfig maintenance,
        HeartbeatConfig heartbeat,
        LoggingConfig logging,
        List<String> ignoredSettings) {

    /** The smallest segment we accept; smaller ones would roll on nearly every batch. */
    public static final long MIN_SEGMENT_SIZE_BYTES = 1L << 20;

    /** Segment positions are u32 in the index, so a segment must stay below 4 GiB. */
    public static final long MAX_SEGMENT_SIZE_BYTES = 1L << 30;

    public record SystemConfig(
            Path path,
            long segmentSizeBytes,
            long defaultMessageExpiryMicros,
            long defaultMaxTopicSizeBytes,
            boolean enforceFsync,
            long flushMessagesThreshold,
            long flushBytesThreshold,
            boolean validateChecksum,
            DeduplicationConfig deduplication,
            EncryptionConfig encryption) {}

    public record DeduplicationConfig(boolean enabled, int maxEntries, long expiryMicros) {}

    /** AES-256-GCM at rest; {@code key} is 32 bytes when enabled, empty otherwise. */
    public record EncryptionConfig(boolean enabled, byte[] key) {
        @Override
        public String toString() {
            return "EncryptionConfig[enabled=" + enabled + ", key=<redacted>]";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof EncryptionConfig that
                    && enabled == that.enabled
                    && java.security.MessageDigest.isEqual(key, that.key);
        }

        @Override
        public int hashCode() {
            return Boolean.hashCode(enabled);
        }
    }

    public record TlsConfig(boolean enabled, boolean selfSigned, String certFile, String keyFile) {}

    public record TcpConfig(boolean enabled, ListenAddress address, TlsConfig tls, TcpSocketConfig socket) {}

    /**
     * Options of accepted TCP connections, Iggy's {@code [tcp.socket]}: applied only with {@code
     * overrideDefaults}; a zero {@code lingerMicros} leaves SO_LINGER off.
     */
    public record TcpSocketConfig(
            boolean overrideDefaults,
            int recvBufferBytes,
            int sendBufferBytes,
            boolean keepalive,
            boolean nodelay,
            long lingerMicros) {}

    /** {@code [http.cors]}; an origin {@code *} allows any. */
    public record CorsConfig(
            boolean enabled,
            List<String> allowedMethods,
            List<String> allowedOrigins,
            List<String> allowedHeaders,
            List<String> exposedHeaders,
            boolean allowCredentials,
            boolean allowPrivateNetwork) {}

    /**
     * {@code [http.jwt]}, resolved: {@code secret} holds the HMAC key bytes (base64-decoded when so
     * configured), empty for a random key per start. Tokens are issued with {@code issuer} and
     * {@code audience} and accepted from {@code validIssuers} and {@code validAudiences}, which
     * always include those two.
     */
    public record JwtConfig(
            String algorithm,
            String issuer,
            String audience,
            List<String> validIssuers,
            List<String> validAudiences,
            long accessTokenExpiryMicros,
            long clockSkewMicros,
            long notBeforeMicros,
            byte[] secret) {
        @Override
        public String toString() {
            return "JwtConfig[algorithm=" + algorithm + ", issuer=" + issuer + ", audience=" + audience
                    + ", secret=<redacted>]";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof JwtConfig that
                    && algorithm.equals(that.algorithm)
                    && issuer.equals(that.issuer)
                    && audience.equals(that.audience)
                    && validIssuers.equals(that.validIssuers)
                    && validAudiences.equals(that.validAudiences)
                    && accessTokenExpiryMicros == that.accessTokenExpiryMicros
                    && clockSkewMicros == that.clockSkewMicros
                    && notBeforeMicros == that.notBeforeMicros
                    && java.security.MessageDigest.isEqual(secret, that.secret);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(algorithm, issuer, audience);
        }
    }

    /**
     * {@code [system.logging]}: {@code level} is a JUL-independent name (trace, debug, info, warn,
     * error, off); log files go to {@code directory} when {@code fileEnabled}. Zero sizes and
     * durations mean no limit / never.
     */
    public record LoggingConfig(
            String level,
            boolean fileEnabled,
            Path directory,
            long maxFileSizeBytes,
            long maxTotalSizeBytes,
            long rotationCheckIntervalMicros,
            long retentionMicros,
            long sysinfoPrintIntervalMicros) {}

    public record HttpConfig(
            boolean enabled,
            ListenAddress address,
            long maxRequestSizeBytes,
            CorsConfig cors,
            JwtConfig jwt,
            boolean metricsEnabled,
            String metricsEndpoint,
            boolean webUi,
            TlsConfig tls) {
        @Override
        public String toString() {
            return "HttpConfig[enabled=" + enabled + ", address=" + address + ", webUi=" + webUi
                    + ", secret=<redacted>]";
        }
    }

    /**
     * The {@code [quic]} section, Iggy 0.8.0's keys. A zero {@code maxIdleTimeoutMicros} never
     * closes an idle connection; a zero {@code datagramSendBufferBytes} turns QUIC DATAGRAM off.
     */
    public record QuicConfig(
            boolean enabled,
            ListenAddress address,
            TlsConfig tls,
            long maxConcurrentBidiStreams,
            long datagramSendBufferBytes,
            int initialMtuBytes,
            long sendWindowBytes,
            long receiveWindowBytes,
            long keepAliveIntervalMicros,
            long maxIdleTimeoutMicros,
            QuicSocketConfig socket,
            QuicEngine engine) {

        /** QUIC's smallest datagram (RFC 9000 section 14) and the largest UDP payload (64 KiB less headers). */
        public static final int MIN_MTU_BYTES = 1200;

        public static final int MAX_MTU_BYTES = 65_527;

        /** Flow-control limits are QUIC varints: at most 2^62 - 1. */
        public static final long MAX_WINDOW_BYTES = (1L << 62) - 1;
    }

    /**
     * Which QUIC stack serves {@code [quic]} ({@code quic.engine}, a Whippet key). ngtcp2 + GnuTLS
     * accepts clients that send no ALPN (Iggy's Rust SDK); Netty's quiche codec requires ALPN
     * {@code iggy}. {@code auto} takes ngtcp2 when its library loads, else quiche with a warning.
     */
    public enum QuicEngine {
        AUTO,
        NGTCP2,
        QUICHE
    }

    /** The UDP socket's buffers; the OS defaults apply unless {@code overrideDefaults}. */
    public record QuicSocketConfig(
            boolean overrideDefaults, int recvBufferBytes, int sendBufferBytes, boolean keepalive) {}

    public record MaintenanceConfig(
            boolean messageSaverEnabled,
            long messageSaverIntervalMicros,
            boolean cleanerEnabled,
            long cleanerIntervalMicros,
            int maxTokensPerUser,
            boolean tokenCleanerEnabled,
            long tokenCleanerIntervalMicros) {}

    public record HeartbeatConfig(boolean enabled, long intervalMicros) {}

    /** Embedded defaults with no file and no environment. */
    public static ServerConfig defaults() {
        return from(ConfigSource.defaults());
    }

    /** Embedded defaults, then the file (when not null), then {@code IGGY_*} variables. */
    public static ServerConfig load(@Nullable Path file, Map<String, String> environment) {
        return from(ConfigSource.load(file, environment));
    }

    public static ServerConfig from(ConfigSource source) {
        long segmentSize = source.sizeBytes("system.segment.size");
        if (segmentSize < MIN_SEGMENT_SIZE_BYTES || segmentSize > MAX_SEGMENT_SIZE_BYTES) {
            throw source.invalid("system.segment.size", "is out of range (expected: 1 MiB..1 GiB)");
        }
        var system = new SystemConfig(
                Path.of(source.string("system.path")),
                segmentSize,
                source.durationMicros("system.segment.message_expiry"),
                source.sizeBytes("system.topic.max_size"),
                source.bool("system.partition.enforce_fsync"),
                source.integer("system.partition.messages_required_to_save", 1, Integer.MAX_VALUE),
                source.sizeBytes("system.partition.size_of_messages_required_to_save"),
                source.bool("system.partition.validate_checksum"),
                new DeduplicationConfig(
                        source.bool("system.message_deduplication.enabled"),
                        (int) source.integer("system.message_deduplication.max_entries", 1, 10_000_000),
                        source.durationMicros("system.message_deduplication.expiry")),
                encryption(source));
        return new ServerConfig(
                system,
                new TcpConfig(
                        source.bool("tcp.enabled"),
                        source.address("tcp.address"),
                        tls(source, "tcp.tls"),
                        tcpSocket(source)),
                new HttpConfig(
                        source.bool("http.enabled"),
                        source.address("http.address"),
                        source.sizeBytes("http.max_request_size"),
                        cors(source),
                        jwt(source),
                        source.bool("http.metrics.enabled"),
                        source.string("http.metrics.endpoint"),
                        source.bool("http.web_ui"),
                        tls(source, "http.tls")),
                quic(source),
                new MaintenanceConfig(
                        source.bool("message_saver.enabled"),
                        positiveDuration(source, "message_saver.interval"),
                        source.bool("data_maintenance.messages.cleaner_enabled"),
                        positiveDuration(source, "data_maintenance.messages.interval"),
                        (int) source.integer("personal_access_token.max_tokens_per_user", 1, 100_000),
                        source.bool("personal_access_token.cleaner.enabled"),
                        positiveDuration(source, "personal_access_token.cleaner.interval")),
                new HeartbeatConfig(source.bool("heartbeat.enabled"), positiveDuration(source, "heartbeat.interval")),
                logging(source, system.path()),
                IggyOnlySettings.check(source));
    }

    private static TcpSocketConfig tcpSocket(ConfigSource source) {
        return new TcpSocketConfig(
                source.bool("tcp.socket.override_defaults"),
                (int) boundedSize(source, "tcp.socket.recv_buffer_size", 1, Integer.MAX_VALUE),
                (int) boundedSize(source, "tcp.socket.send_buffer_size", 1, Integer.MAX_VALUE),
                source.bool("tcp.socket.keepalive"),
                source.bool("tcp.socket.nodelay"),
                boundedDuration(source, "tcp.socket.linger", 0, 65_535_000_000L));
    }

    private static CorsConfig cors(ConfigSource source) {
        List<String> methods = source.strings("http.cors.allowed_methods").stream()
                .map(method -> method.toUpperCase(Locale.ROOT))
                .toList();
        for (String method : methods) {
            if (!method.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
                throw source.invalid("http.cors.allowed_methods", "has a method that is not a word: '" + method + "'");
            }
        }
        return new CorsConfig(
                source.bool("http.cors.enabled"),
                methods,
                source.strings("http.cors.allowed_origins"),
                source.strings("http.cors.allowed_headers"),
                source.strings("http.cors.exposed_headers"),
                source.bool("http.cors.allow_credentials"),
                source.bool("http.cors.allow_private_network"));
    }

    /** The HMAC algorithms; Iggy's RSA and ECDSA choices need key files Whippet does not read. */
    private static final List<String> JWT_ALGORITHMS = List.of("HS256", "HS384", "HS512");

    private static JwtConfig jwt(ConfigSource source) {
        String algorithm = source.string("http.jwt.algorithm").trim().toUpperCase(Locale.ROOT);
        if (!JWT_ALGORITHMS.contains(algorithm)) {
            throw source.invalid("http.jwt.algorithm", "is not supported (expected: one of " + JWT_ALGORITHMS + ")");
        }
        boolean base64 = source.bool("http.jwt.use_base64_secret");
        byte[] encoding = secret(source, "http.jwt.encoding_secret", base64);
        byte[] decoding = secret(source, "http.jwt.decoding_secret", base64);
        if (decoding.length > 0 && !java.security.MessageDigest.isEqual(encoding, decoding)) {
            // The secrets themselves are never echoed.
            throw new ConfigException(
                    "http.jwt.decoding_secret must equal http.jwt.encoding_secret for " + algorithm + " (or be empty)");
        }
        String issuer = source.string("http.jwt.issuer");
        String audience = source.string("http.jwt.audience");
        return new JwtConfig(
                algorithm,
                issuer,
                audience,
                including(issuer, source.strings("http.jwt.valid_issuers")),
                including(audience, source.strings("http.jwt.valid_audiences")),
                positiveDuration(source, "http.jwt.access_token_expiry"),
                boundedDuration(source, "http.jwt.clock_skew", 0, 86_400_000_000L),
                boundedDuration(source, "http.jwt.not_before", 0, 86_400_000_000L),
                encoding);
    }

    private static byte[] secret(ConfigSource source, String key, boolean base64) {
        String text = source.string(key);
        if (!base64) {
            return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(text.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + " is not valid base64 (http.jwt.use_base64_secret is true)");
        }
    }

    private static List<String> including(String first, List<String> rest) {
        var all = new java.util.LinkedHashSet<String>();
        all.add(first);
        all.addAll(rest);
        return List.copyOf(all);
    }

    private static LoggingConfig logging(ConfigSource source, Path systemPath) {
        String level = source.string("system.logging.level");
        if (LogLevels.parse(level).isEmpty()) {
            throw source.invalid(
                    "system.logging.level", "names no level (expected: trace, debug, info, warn, error or off)");
        }
        long maxFile = boundedSize(source, "system.logging.max_file_size", 0, Integer.MAX_VALUE);
        long maxTotal = source.sizeBytes("system.logging.max_total_size");
        return new LoggingConfig(
                level,
                source.bool("system.logging.file_enabled"),
                systemPath.resolve(source.string("system.logging.path")),
                maxFile,
                maxTotal == HumanUnits.UNLIMITED ? 0 : maxTotal,
                finiteDuration(source, "system.logging.rotation_check_interval"),
                finiteDuration(source, "system.logging.retention"),
                finiteDuration(source, "system.logging.sysinfo_print_interval"));
    }

    private static long boundedDuration(ConfigSource source, String key, long minMicros, long maxMicros) {
        long micros = source.durationMicros(key);
        if (micros < minMicros || micros > maxMicros) {
            throw source.invalid(key, "is out of range");
        }
        return micros;
    }

    private static QuicConfig quic(ConfigSource source) {
        long streams = source.integer("quic.max_concurrent_bidi_streams", 1, 1L << 60);
        long datagramBuffer = boundedSize(source, "quic.datagram_send_buffer_size", 0, Integer.MAX_VALUE);
        int mtu = (int) boundedSize(source, "quic.initial_mtu", QuicConfig.MIN_MTU_BYTES, QuicConfig.MAX_MTU_BYTES);
        long sendWindow = boundedSize(source, "quic.send_window", 1, QuicConfig.MAX_WINDOW_BYTES);
        long receiveWindow = boundedSize(source, "quic.receive_window", 1, QuicConfig.MAX_WINDOW_BYTES);
        long keepAlive = finiteDuration(source, "quic.keep_alive_interval");
        long idle = finiteDuration(source, "quic.max_idle_timeout");
        if (keepAlive > 0 && idle > 0 && keepAlive >= idle) {
            throw source.invalid(
                    "quic.keep_alive_interval", "must be shorter than quic.max_idle_timeout (or \"0 s\" for none)");
        }
        var socket = new QuicSocketConfig(
                source.bool("quic.socket.override_defaults"),
                (int) boundedSize(source, "quic.socket.recv_buffer_size", 1, Integer.MAX_VALUE),
                (int) boundedSize(source, "quic.socket.send_buffer_size", 1, Integer.MAX_VALUE),
                source.bool("quic.socket.keepalive"));
        return new QuicConfig(
                source.bool("quic.enabled"),
                source.address("quic.address"),
                new TlsConfig(
                        true,
                        source.bool("quic.certificate.self_signed"),
                        source.string("quic.certificate.cert_file"),
                        source.string("quic.certificate.key_file")),
                streams,
                datagramBuffer,
                mtu,
                sendWindow,
                receiveWindow,
                keepAlive,
                idle,
                socket,
                quicEngine(source));
    }

    private static QuicEngine quicEngine(ConfigSource source) {
        String engine = source.string("quic.engine").trim().toUpperCase(Locale.ROOT);
        for (QuicEngine candidate : QuicEngine.values()) {
            if (candidate.name().equals(engine)) {
                return candidate;
            }
        }
        throw source.invalid("quic.engine", "is not one of auto, ngtcp2, quiche");
    }

    private static long boundedSize(ConfigSource source, String key, long min, long max) {
        long bytes = source.sizeBytes(key);
        if (bytes == HumanUnits.UNLIMITED || bytes < min || bytes > max) {
            throw source.invalid(key, "is out of range (expected: " + min + " B.." + max + " B)");
        }
        return bytes;
    }

    /** A duration that may be zero ("off") but not unlimited. */
    private static long finiteDuration(ConfigSource source, String key) {
        long micros = source.durationMicros(key);
        if (micros < 0 || micros == HumanUnits.UNLIMITED) {
            throw source.invalid(key, "must be a duration (\"0 s\" for none)");
        }
        return micros;
    }

    private static long positiveDuration(ConfigSource source, String key) {
        long micros = source.durationMicros(key);
        if (micros <= 0 || micros == HumanUnits.UNLIMITED) {
            throw source.invalid(key, "must be a positive duration");
        }
        return micros;
    }

    private static TlsConfig tls(ConfigSource source, String prefix) {
        return new TlsConfig(
                source.bool(prefix + ".enabled"),
                source.bool(prefix + ".self_signed"),
                source.string(prefix + ".cert_file"),
                source.string(prefix + ".key_file"));
    }

    private static EncryptionConfig encryption(ConfigSource source) {
        boolean enabled = source.bool("system.encryption.enabled");
        if (!enabled) {
            return new EncryptionConfig(false, new byte[0]);
        }
        byte[] key;
        try {
            key = Base64.getDecoder()
                    .decode(source.string("system.encryption.key").trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("system.encryption.key is not valid base64");
        }
        if (key.length != 32) {
            // The key itself is never echoed, unlike other values.
            throw new ConfigException(
                    "system.encryption.key must be the base64 of 32 bytes (got " + key.length + " bytes)");
        }
        return new EncryptionConfig(true, key);
    }
}
