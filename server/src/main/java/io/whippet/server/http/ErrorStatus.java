package io.whippet.server.http;

import io.whippet.protocol.ErrorCode;
import java.io.ByteArrayOutputStream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;

/**
 * Maps an {@link ErrorCode} to its HTTP status and error-body {@code field}, as upstream does,
 * and writes the error body. Clients classify errors by the {@code code} string, so the body is a
 * contract:
 *
 * <pre>{"id": u32, "code": "snake_case_name", "reason": "text", "field": "name" | null}</pre>
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
