package io.whippet.server.http;

import io.whippet.protocol.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * Maps an {@link ErrorCode} to its HTTP status, error-body {@code code} string and {@code field},
 * and writes the error body. Clients classify errors by the {@code code} string, so the body is a
 * contract:
 *
 * <pre>{"id": u32, "code": "snake_case_name" | "decimal id", "reason": "text", "field": "name" | null}</pre>
 *
 * <p>Upstream puts the snake_case variant name in {@code code}. The Java 0.8.0 SDK ignores
 * {@code id} and resolves {@code code} against its own enum, whose names differ from upstream's for
 * most codes and sometimes name another number ({@code client_not_found} is 52 there, 100 here). It
 * also accepts a decimal number in {@code code}. So {@link #code} keeps the upstream name where the
 * SDK reads it as the right number and sends the number otherwise: the SDK then raises the same
 * exception as over TCP. Clients that read {@code id} (the Rust SDK reads neither) see no change.
 */
final class ErrorStatus {
    private ErrorStatus() {}

    static int of(ErrorCode code) {
        return switch (code) {
            case STREAM_ID_NOT_FOUND,
                    TOPIC_ID_NOT_FOUND,
                    PARTITION_NOT_FOUND,
                    SEGMENT_NOT_FOUND,
                    CLIENT_NOT_FOUND,
                    CONSUMER_GROUP_ID_NOT_FOUND,
                    CONSUMER_GROUP_NAME_NOT_FOUND,
                    CONSUMER_GROUP_MEMBER_NOT_FOUND,
                    CONSUMER_OFFSET_NOT_FOUND,
                    RESOURCE_NOT_FOUND -> 404;
            case UNAUTHENTICATED, ACCESS_TOKEN_MISSING, INVALID_ACCESS_TOKEN, INVALID_PERSONAL_ACCESS_TOKEN -> 401;
            case UNAUTHORIZED -> 403;
            default -> 400;
        };
    }

    /** Upstream names the Java 0.8.0 SDK resolves to the same number as ours. */
    private static final Set<ErrorCode> NAMES_THE_JAVA_SDK_READS = EnumSet.of(
            ErrorCode.ERROR,
            ErrorCode.INVALID_COMMAND,
            ErrorCode.INVALID_FORMAT,
            ErrorCode.RESOURCE_NOT_FOUND,
            ErrorCode.UNAUTHENTICATED,
            ErrorCode.UNAUTHORIZED,
            ErrorCode.INVALID_CREDENTIALS,
            ErrorCode.INVALID_USERNAME,
            ErrorCode.INVALID_PASSWORD,
            ErrorCode.USER_ALREADY_EXISTS,
            ErrorCode.USER_INACTIVE,
            ErrorCode.STREAM_ID_NOT_FOUND,
            ErrorCode.STREAM_NAME_NOT_FOUND,
            ErrorCode.INVALID_STREAM_NAME,
            ErrorCode.TOPIC_ID_NOT_FOUND,
            ErrorCode.TOPIC_NAME_NOT_FOUND,
            ErrorCode.INVALID_TOPIC_NAME,
            ErrorCode.PARTITION_NOT_FOUND,
            ErrorCode.SEGMENT_NOT_FOUND,
            ErrorCode.SEGMENT_CLOSED,
            ErrorCode.CONSUMER_GROUP_ID_NOT_FOUND,
            ErrorCode.CONSUMER_GROUP_NAME_NOT_FOUND,
            ErrorCode.INVALID_CONSUMER_GROUP_NAME);

    /** The {@code code} string of the error body (see the class doc). */
    static String code(ErrorCode code) {
        return NAMES_THE_JAVA_SDK_READS.contains(code) ? code.snakeName() : Integer.toString(code.code());
    }

    static @Nullable String field(ErrorCode code) {
        return switch (code) {
            case STREAM_ID_NOT_FOUND, INVALID_STREAM_ID -> "stream_id";
            case TOPIC_ID_NOT_FOUND, INVALID_TOPIC_ID -> "topic_id";
            case PARTITION_NOT_FOUND -> "partition_id";
            case SEGMENT_NOT_FOUND -> "segment_id";
            case CLIENT_NOT_FOUND -> "client_id";
            case STREAM_NAME_ALREADY_EXISTS,
                    INVALID_STREAM_NAME,
                    TOPIC_NAME_ALREADY_EXISTS,
                    INVALID_TOPIC_NAME,
                    CONSUMER_GROUP_NAME_ALREADY_EXISTS,
                    PERSONAL_ACCESS_TOKEN_ALREADY_EXISTS -> "name";
            case INVALID_OFFSET -> "offset";
            case INVALID_CONSUMER_GROUP_ID -> "consumer_group_id";
            case USER_ALREADY_EXISTS -> "username";
            default -> null;
        };
    }

    static byte[] body(int id, String code, String reason, @Nullable String field) {
        var out = new ByteArrayOutputStream(128);
        try (JsonGenerator json = Json.generator(out)) {
            json.writeStartObject();
            json.writeNumberProperty("id", id);
            json.writeStringProperty("code", code);
            json.writeStringProperty("reason", reason);
            if (field == null) {
                json.writeNullProperty("field");
            } else {
                json.writeStringProperty("field", field);
            }
            json.writeEndObject();
        }
        return out.toByteArray();
    }
}
