package io.whippet.server.metadata;

import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.WhippetException;
import java.nio.charset.StandardCharsets;

/**
 * Checks of request values that need no model: lengths, limits, and the resolution of a topic's
 * "server default" settings. {@link Metadata} runs them before taking its writer lock; checks
 * against the model (duplicates, existence) run under the lock. Lengths are UTF-8 byte counts, as
 * Iggy 0.8.0 measures them.
 */
final class MetadataValidation {
    private MetadataValidation() {}

    /** Resolves 0 ("server default") settings and checks the topic size and replication factor. */
    static TopicSettings resolve(TopicSettings settings, MetadataOptions options) {
        long expiry = settings.messageExpiryMicros() == 0
                ? options.defaultMessageExpiryMicros()
                : settings.messageExpiryMicros();
        long maxSize =
                settings.maxTopicSizeBytes() == 0 ? options.defaultMaxTopicSizeBytes() : settings.maxTopicSizeBytes();
        if (maxSize != TopicInfo.UNLIMITED_SIZE && Long.compareUnsigned(maxSize, options.segmentSizeBytes()) < 0) {
            throw new WhippetException(
                    ErrorCode.INVALID_TOPIC_SIZE,
                    "max topic size bytes: " + Long.toUnsignedString(maxSize) + " (expected: >= segment size "
                            + options.segmentSizeBytes() + ")");
        }
        if (settings.replicationFactor() < 0 || settings.replicationFactor() > 255) {
            throw new WhippetException(
                    ErrorCode.INVALID_REPLICATION_FACTOR,
                    "replication factor: " + settings.replicationFactor() + " (expected: 0..255)");
        }
        int replicationFactor = settings.replicationFactor() == 0 ? 1 : settings.replicationFactor();
        return new TopicSettings(settings.name(), settings.compression(), expiry, maxSize, replicationFactor);
    }

    /**
     * A partition count of a create request. {@code count} is a u32 from the wire held in an int:
     * negative means above 2^31, which is too many as well.
     */
    static void partitionsCount(int count, boolean zeroAllowed) {
        if (count < 0 || count > Metadata.MAX_PARTITIONS_PER_REQUEST) {
            throw new WhippetException(
                    ErrorCode.TOO_MANY_PARTITIONS,
                    "partitions count: " + Integer.toUnsignedString(count) + " (expected: <= "
                            + Metadata.MAX_PARTITIONS_PER_REQUEST + ")");
        }
        if (count == 0 && !zeroAllowed) {
            throw new WhippetException(ErrorCode.INVALID_PARTITIONS_COUNT, "partitions count: 0 (expected: >= 1)");
        }
    }

    /** Stream, topic and group names: 1..255 bytes, compared exactly (no case folding). */
    static void name(String name, ErrorCode code, String what) {
        int bytes = bytes(name);
        if (bytes < 1 || bytes > 255) {
            throw new WhippetException(code, what + " bytes: " + bytes + " (expected: 1..255)");
        }
    }

    static void username(String username) {
        int bytes = bytes(username);
        if (bytes < 3 || bytes > 50) {
            throw new WhippetException(ErrorCode.INVALID_USERNAME, "username bytes: " + bytes + " (expected: 3..50)");
        }
    }

    static void personalAccessTokenName(String name) {
        int bytes = bytes(name);
        if (bytes < 3 || bytes > 30) {
            throw new WhippetException(
                    ErrorCode.INVALID_PERSONAL_ACCESS_TOKEN_NAME,
                    "personal access token name bytes: " + bytes + " (expected: 3..30)");
        }
    }

    private static int bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }
}
