package io.whippet.connectors.runtime;

import io.whippet.connectors.api.PluginConfig;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * How a sink's batches are retried: the {@code [delivery]} table of a sink config (our addition;
 * upstream has none).
 *
 * <pre>
 * [delivery]
 * mode = "at_least_once"      # or "at_most_once": the server commits on poll, consume errors ignored (upstream)
 * max_attempts = 10           # attempts per batch, the first included; 0 = retry forever
 * initial_backoff = "100ms"   # doubles per failed attempt ...
 * max_backoff = "5s"          # ... up to this
 * on_exhausted = "stop"       # or "dead_letter": publish the batch there, store the offset, go on
 * dead_letter_stream = ""     # default: the source stream
 * dead_letter_topic = ""      # default: "&lt;topic&gt;_dlq"; created when missing
 * </pre>
 */
public record Delivery(
        boolean atLeastOnce,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        boolean deadLetter,
        String deadLetterStream,
        String deadLetterTopic) {
    public static Delivery defaults() {
        return new Delivery(true, 10, Duration.ofMillis(100), Duration.ofSeconds(5), false, "", "");
    }

    static Delivery parse(JsonNode table) {
        PluginConfig config = new PluginConfig(table);
        String mode = config.string("mode", "at_least_once");
        if (!mode.equals("at_least_once") && !mode.equals("at_most_once")) {
            throw PluginConfig.invalid("delivery.mode", mode, "at_least_once or at_most_once");
        }
        String exhausted = config.string("on_exhausted", "stop");
        if (!exhausted.equals("stop") && !exhausted.equals("dead_letter")) {
            throw PluginConfig.invalid("delivery.on_exhausted", exhausted, "stop or dead_letter");
        }
        long attempts = config.number("max_attempts", 10);
        if (attempts < 0 || attempts > Integer.MAX_VALUE) {
            throw new WhippetException(
                    ErrorCode.INVALID_CONFIGURATION, "delivery.max_attempts: " + attempts + " (expected: >= 0)");
        }
        return new Delivery(
                mode.equals("at_least_once"),
                (int) attempts,
                config.duration("initial_backoff", Duration.ofMillis(100)),
                config.duration("max_backoff", Duration.ofSeconds(5)),
                exhausted.equals("dead_letter"),
                config.string("dead_letter_stream", ""),
                config.string("dead_letter_topic", ""));
    }

    /** The wait before attempt {@code attempt + 1} (attempt counts from 1): doubling, capped. */
    Duration backoffAfter(int attempt) {
        long base = initialBackoff.toMillis();
        long millis = base << Math.min(attempt - 1, 30);
        if (millis < 0 || millis > maxBackoff.toMillis()) {
            millis = maxBackoff.toMillis();
        }
        return Duration.ofMillis(millis);
    }
}
