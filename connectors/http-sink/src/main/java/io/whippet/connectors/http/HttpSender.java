package io.whippet.connectors.http;

import io.whippet.connectors.api.PluginCounter;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Optional;

/**
 * Sends one request body with the retry rules of spec §10.6: a transport error or status 429, 500,
 * 502, 503 or 504 is retried after the policy's delay (or the response's {@code Retry-After},
 * capped); a success status ends it; any other status fails at once. Thread-safe: the JDK client is
 * shared and pools keep-alive connections.
 */
final class HttpSender {
    private static final System.Logger LOG = System.getLogger(HttpSender.class.getName());

    private final HttpClient client;
    private final HttpSinkConfig config;
    private final RetryPolicy policy;
    private final PluginCounter attempts;
    private final PluginCounter retries;
    private final InstantSource clock;

    HttpSender(
            HttpClient client,
            HttpSinkConfig config,
            PluginCounter attempts,
            PluginCounter retries,
            InstantSource clock) {
        this.client = client;
        this.config = config;
        this.policy = new RetryPolicy(
                config.maxRetries(), config.retryDelay(), config.retryBackoffMultiplier(), config.maxRetryDelay());
        this.attempts = attempts;
        this.retries = retries;
        this.clock = clock;
    }

    RetryPolicy policy() {
        return policy;
    }

    SendOutcome send(HttpMethod method, byte[] body, String contentType) {
        attempts.increment();
        for (int retry = 0; ; retry++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(config.url()).timeout(config.timeout());
            config.headers().forEach(request::header);
            if (!contentType.isEmpty()) {
                request.header("content-type", contentType);
            }
            request.method(
                    method.name(),
                    body.length == 0
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            Optional<Duration> retryAfter = Optional.empty();
            String failure;
            try {
                HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (config.verboseLogging()) {
                    LOG.log(Level.DEBUG, () -> method + " " + config.safeUrl() + " -> " + status);
                }
                if (config.successStatusCodes().contains(status)) {
                    return new SendOutcome.Delivered(status);
                }
                if (!HttpSinkConfig.TRANSIENT_STATUSES.contains(status) || retry >= policy.maxRetries()) {
                    return new SendOutcome.Rejected(status, prefix(response.body()));
                }
                Optional<String> header = response.headers().firstValue("retry-after");
                if (header.isPresent()) {
                    retryAfter = RetryPolicy.parseRetryAfter(header.get(), clock.instant());
                    LOG.log(Level.WARNING, "status " + status + " with Retry-After: " + header.get());
                }
                failure = "status " + status;
            } catch (IOException e) {
                failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                if (retry >= policy.maxRetries()) {
                    return new SendOutcome.TransportFailed(failure);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WhippetException(ErrorCode.ERROR, "interrupted while sending to " + config.safeUrl());
            }
            Duration delay = policy.delay(retry + 1, retryAfter);
            retries.increment();
            if (config.verboseLogging() || retry == 0) {
                String cause = failure;
                int next = retry + 1;
                LOG.log(
                        Level.INFO,
                        () -> config.safeUrl() + ": " + cause + "; retry " + next + " in " + delay.toMillis() + " ms");
            }
            pause(delay);
        }
    }

    private void pause(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WhippetException(ErrorCode.ERROR, "interrupted while waiting to retry " + config.safeUrl());
        }
    }

    /** The first 500 bytes of a response body, cut on a UTF-8 boundary. */
    static String prefix(byte[] body) {
        if (body.length <= 500) {
            return new String(body, StandardCharsets.UTF_8);
        }
        int end = 500;
        while (end > 0 && (body[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(Arrays.copyOf(body, end), StandardCharsets.UTF_8);
    }

    static Instant now() {
        return Instant.now();
    }
}
