package io.whippet.connectors.http;

import io.whippet.connectors.api.ConnectorContext;
import io.whippet.connectors.api.ConnectorPlugin;
import io.whippet.connectors.api.ConsumedMessage;
import io.whippet.connectors.api.MessagesMetadata;
import io.whippet.connectors.api.PluginCounter;
import io.whippet.connectors.api.PluginMetrics;
import io.whippet.connectors.api.Sink;
import io.whippet.connectors.api.TopicMetadata;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.io.ByteArrayOutputStream;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP sink ({@code path = "http"}, spec §10). {@code individual} and {@code raw} send one
 * request per message in order; {@code ndjson} and {@code json_array} one request per batch.
 *
 * <p>Failure accounting follows §10.7 with one deliberate difference: the runtime retries a batch
 * whose {@code consume} threw (at-least-once), so only failures a retry can fix make {@code
 * consume} throw: a send that failed after its retries. A message that cannot be serialised or is
 * larger than {@code max_payload_size_bytes} alone is counted as an error, logged and skipped
 * (sending it again would fail again). A batch body over the limit is split in halves until the
 * parts fit. In per-message modes 3 failed sends in a row end the batch early.
 *
 * <p>Counters ({@code iggy_connector_plugin_<name>_total}): {@code http_send_attempts} (logical
 * sends), {@code http_messages_delivered}, {@code http_retries} (each retried request), {@code
 * http_errors} (one per message not delivered by a call). Thread-safe: topics of the connector
 * call {@link #consume} concurrently over one pooled client.
 */
@ConnectorPlugin("http")
public final class HttpSink implements Sink {
    /** No separator between root values: ndjson writes its own newline after each one. */
    static final JsonMapper MAPPER = JsonMapper.builder(
                    JsonFactory.builder().rootValueSeparator((String) null).build())
            .build();

    private static final System.Logger LOG = System.getLogger(HttpSink.class.getName());
    static final int MAX_CONSECUTIVE_FAILURES = 3;

    private final InstantSource clock;
    private @Nullable HttpSinkConfig config;
    private @Nullable HttpSender sender;
    private @Nullable HttpClient client;
    private PluginCounter delivered = PluginMetrics.inMemory().counter("unused", "");
    private PluginCounter errors = delivered;
    private PluginCounter attempts = delivered;
    private PluginCounter retries = delivered;
    private final AtomicLong lastSuccessEpochSeconds = new AtomicLong();

    public HttpSink() {
        this(InstantSource.system());
    }

    HttpSink(InstantSource clock) {
        this.clock = clock;
    }

    @Override
    public void open(ConnectorContext context, JsonNode pluginConfig) {
        HttpSinkConfig parsed = HttpSinkConfig.parse(pluginConfig);
        PluginMetrics metrics = context.metrics();
        delivered = metrics.counter("http_messages_delivered", "Messages the endpoint accepted");
        errors = metrics.counter("http_errors", "Messages not delivered by a consume call");
        attempts = metrics.counter("http_send_attempts", "Logical sends (retries not included)");
        retries = metrics.counter("http_retries", "Requests sent again after a transient failure");
        HttpClient built = buildClient(parsed);
        HttpSender builtSender = new HttpSender(built, parsed, attempts, retries, clock);
        if (parsed.healthCheckEnabled()) {
            SendOutcome outcome = builtSender.send(parsed.healthCheckMethod(), new byte[0], "");
            if (!(outcome instanceof SendOutcome.Delivered)) {
                built.close();
                throw new WhippetException(
                        ErrorCode.DISCONNECTED,
                        "health check " + parsed.healthCheckMethod() + " " + parsed.safeUrl() + " failed: " + outcome);
            }
        }
        config = parsed;
        client = built;
        sender = builtSender;
        LOG.log(
                Level.INFO,
                () -> "http sink " + context.key() + " -> " + parsed.method() + " " + parsed.safeUrl() + " ("
                        + parsed.batchMode().name().toLowerCase(java.util.Locale.ROOT) + ")");
    }

    private static HttpClient buildClient(HttpSinkConfig config) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(config.timeout());
        if (config.tlsDangerAcceptInvalidCerts()) {
            // The JDK client reads this once, process-wide: host names go unchecked for every client.
            System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
            builder.sslContext(trustingEverything());
        }
        return builder.build();
    }

    private static SSLContext trustingEverything() {
        TrustManager trustAll = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new WhippetException(ErrorCode.ERROR, "cannot build a trust-all TLS context", e);
        }
    }

    @Override
    public void consume(TopicMetadata topic, MessagesMetadata batch, List<ConsumedMessage> messages) {
        HttpSinkConfig settings = config;
        HttpSender http = sender;
        if (settings == null || http == null) {
            throw new WhippetException(ErrorCode.INVALID_CONFIGURATION, "http sink: client not initialised");
        }
        if (messages.isEmpty()) {
            return;
        }
        if (settings.batchMode().perMessage) {
            consumeEach(settings, http, topic, batch.partitionId(), messages);
        } else {
            consumeBatch(settings, http, topic, batch.partitionId(), messages);
        }
    }

    private void consumeEach(
            HttpSinkConfig settings,
            HttpSender http,
            TopicMetadata topic,
            long partitionId,
            List<ConsumedMessage> messages) {
        ByteArrayOutputStream scratch = new ByteArrayOutputStream(1024);
        int sent = 0;
        int consecutiveFailures = 0;
        int httpFailures = 0;
        int skipped = 0;
        String lastError = "";
        for (int i = 0; i < messages.size(); i++) {
            ConsumedMessage message = messages.get(i);
            byte[] body;
            try {
                body = settings.batchMode() == BatchMode.RAW
                        ? JsonBodies.rawBytes(message.payload())
                        : JsonBodies.bytes(message, topic, partitionId, settings, scratch);
            } catch (RuntimeException e) {
                errors.increment();
                skipped++;
                LOG.log(Level.WARNING, "offset " + message.offset() + " skipped: cannot serialise: " + e.getMessage());
                continue;
            }
            if (tooLarge(settings, body.length)) {
                errors.increment();
                skipped++;
                LOG.log(
                        Level.WARNING,
                        "offset " + message.offset() + " skipped: " + body.length + " bytes (expected: <= "
                                + settings.maxPayloadSizeBytes() + ")");
                continue;
            }
            SendOutcome outcome = http.send(settings.method(), body, settings.batchMode().contentType);
            if (outcome instanceof SendOutcome.Delivered) {
                delivered.increment();
                sent++;
                consecutiveFailures = 0;
                lastSuccessEpochSeconds.set(clock.instant().getEpochSecond());
                continue;
            }
            errors.increment();
            httpFailures++;
            consecutiveFailures++;
            lastError = describe(outcome);
            if (consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) {
                int untried = messages.size() - i - 1;
                errors.increment(untried);
                LOG.log(
                        Level.WARNING,
                        MAX_CONSECUTIVE_FAILURES + " sends in a row failed; " + untried
                                + " messages of the batch not tried");
                break;
            }
        }
        if (httpFailures > 0) {
            int total = messages.size();
            int deliveredNow = sent;
            int failedNow = httpFailures;
            int skippedNow = skipped;
            LOG.log(
                    Level.WARNING,
                    () -> "partial delivery: " + deliveredNow + "/" + total + " delivered, " + failedNow
                            + " HTTP failures, " + skippedNow + " serialisation/size errors");
            throw new WhippetException(ErrorCode.ERROR, lastError);
        }
    }

    private void consumeBatch(
            HttpSinkConfig settings,
            HttpSender http,
            TopicMetadata topic,
            long partitionId,
            List<ConsumedMessage> messages) {
        byte[] body;
        try {
            body = JsonBodies.batch(messages, topic, partitionId, settings, settings.batchMode());
        } catch (RuntimeException e) {
            body = null; // some message cannot be serialised: value by value below skips just that one
        }
        if (body != null && !tooLarge(settings, body.length)) {
            send(settings, http, body, messages.size());
            return;
        }
        List<byte[]> values = new ArrayList<>(messages.size());
        ByteArrayOutputStream scratch = new ByteArrayOutputStream(1024);
        for (ConsumedMessage message : messages) {
            try {
                values.add(JsonBodies.bytes(message, topic, partitionId, settings, scratch));
            } catch (RuntimeException e) {
                errors.increment();
                LOG.log(Level.WARNING, "offset " + message.offset() + " skipped: cannot serialise: " + e.getMessage());
            }
        }
        if (values.isEmpty()) {
            LOG.log(Level.WARNING, "all " + messages.size() + " messages failed to serialise; nothing sent");
            return;
        }
        sendParts(settings, http, values);
    }

    /** Sends {@code values} as one body, or as halves when the body is over the size limit. */
    private void sendParts(HttpSinkConfig settings, HttpSender http, List<byte[]> values) {
        byte[] body = join(settings.batchMode(), values);
        if (tooLarge(settings, body.length)) {
            if (values.size() == 1) {
                errors.increment();
                LOG.log(
                        Level.WARNING,
                        "one message skipped: " + body.length + " bytes (expected: <= " + settings.maxPayloadSizeBytes()
                                + ")");
                return;
            }
            int half = values.size() / 2;
            sendParts(settings, http, values.subList(0, half));
            sendParts(settings, http, values.subList(half, values.size()));
            return;
        }
        send(settings, http, body, values.size());
    }

    /** One batch request carrying {@code count} messages; throws when it was not delivered. */
    private void send(HttpSinkConfig settings, HttpSender http, byte[] body, int count) {
        SendOutcome outcome = http.send(settings.method(), body, settings.batchMode().contentType);
        if (outcome instanceof SendOutcome.Delivered) {
            delivered.increment(count);
            lastSuccessEpochSeconds.set(clock.instant().getEpochSecond());
            return;
        }
        errors.increment(count);
        throw new WhippetException(ErrorCode.ERROR, describe(outcome) + " (" + count + " messages)");
    }

    private static byte[] join(BatchMode mode, List<byte[]> values) {
        int size = 2;
        for (byte[] value : values) {
            size += value.length + 1;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        if (mode == BatchMode.JSON_ARRAY) {
            out.write('[');
        }
        for (int i = 0; i < values.size(); i++) {
            if (mode == BatchMode.JSON_ARRAY && i > 0) {
                out.write(',');
            }
            out.writeBytes(values.get(i));
            if (mode == BatchMode.NDJSON) {
                out.write('\n');
            }
        }
        if (mode == BatchMode.JSON_ARRAY) {
            out.write(']');
        }
        return out.toByteArray();
    }

    private static boolean tooLarge(HttpSinkConfig settings, long bytes) {
        return settings.maxPayloadSizeBytes() > 0 && bytes > settings.maxPayloadSizeBytes();
    }

    private static String describe(SendOutcome outcome) {
        return switch (outcome) {
            case SendOutcome.Delivered d -> "delivered with status " + d.status();
            case SendOutcome.Rejected r -> "HTTP status " + r.status() + ": " + r.bodyPrefix();
            case SendOutcome.TransportFailed t -> "request failed after retries: " + t.message();
        };
    }

    /** Epoch seconds of the last successful send, 0 before any. */
    long lastSuccessEpochSeconds() {
        return lastSuccessEpochSeconds.get();
    }

    @Override
    public void close() {
        LOG.log(
                Level.INFO,
                () -> "http sink closed: " + attempts.count() + " send attempts, " + delivered.count()
                        + " messages delivered, " + errors.count() + " errors, " + retries.count()
                        + " retries, last success " + lastSuccessEpochSeconds.get());
        HttpClient current = client;
        client = null;
        sender = null;
        config = null;
        if (current != null) {
            current.close();
        }
    }
}
