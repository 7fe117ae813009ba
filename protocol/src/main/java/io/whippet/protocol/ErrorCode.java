package io.whippet.protocol;

import java.util.Locale;
import java.util.Optional;

/**
 * Every status a Whippet server sends, with the number and name Apache Iggy 0.8.0 gives it.
 *
 * <p>The number is the TCP status word (and the {@code id} of an HTTP error body); the name, in
 * snake_case, is the HTTP body's {@code code}, which clients match as a string. Both are wire
 * contracts: a code is never renumbered or renamed, and a retired one is never reused, because
 * shipped SDKs keep their own tables.
 */
public enum ErrorCode {
    ERROR(1, "Error"),
    INVALID_CONFIGURATION(2, "Invalid configuration"),
    INVALID_COMMAND(3, "Invalid command"),
    INVALID_FORMAT(4, "Invalid format"),
    FEATURE_UNAVAILABLE(5, "Feature is unavailable"),
    INVALID_IDENTIFIER(6, "Invalid identifier"),
    DISCONNECTED(8, "Disconnected"),
    RESOURCE_NOT_FOUND(20, "Resource not found"),
    STALE_CLIENT(30, "Stale client"),
    UNAUTHENTICATED(40, "Unauthenticated"),
    UNAUTHORIZED(41, "Unauthorized"),
    INVALID_CREDENTIALS(42, "Invalid credentials"),
    INVALID_USERNAME(43, "Invalid username"),
    INVALID_PASSWORD(44, "Invalid password"),
    INVALID_USER_STATUS(45, "Invalid user status"),
    USER_ALREADY_EXISTS(46, "User already exists"),
    USER_INACTIVE(47, "User inactive"),
    CANNOT_DELETE_USER(48, "Cannot delete user"),
    CANNOT_CHANGE_PERMISSIONS(49, "Cannot change permissions"),
    INVALID_PERSONAL_ACCESS_TOKEN_NAME(50, "Invalid personal access token name"),
    PERSONAL_ACCESS_TOKEN_ALREADY_EXISTS(51, "Personal access token already exists"),
    PERSONAL_ACCESS_TOKENS_LIMIT_REACHED(52, "Personal access tokens limit reached"),
    INVALID_PERSONAL_ACCESS_TOKEN(53, "Invalid personal access token"),
    PERSONAL_ACCESS_TOKEN_EXPIRED(54, "Personal access token expired"),
    USERS_LIMIT_REACHED(55, "Users limit reached"),
    INVALID_PERSONAL_ACCESS_TOKEN_EXPIRY(56, "Invalid personal access token expiry"),
    INVALID_ENCRYPTION_KEY(70, "Invalid encryption key"),
    CANNOT_ENCRYPT_DATA(71, "Cannot encrypt data"),
    CANNOT_DECRYPT_DATA(72, "Cannot decrypt data"),
    INVALID_JWT_ALGORITHM(73, "Invalid JWT algorithm"),
    INVALID_JWT_SECRET(74, "Invalid JWT secret"),
    JWT_MISSING(75, "JWT is missing"),
    CANNOT_GENERATE_JWT(76, "Cannot generate JWT"),
    ACCESS_TOKEN_MISSING(77, "Access token is missing"),
    INVALID_ACCESS_TOKEN(78, "Invalid access token"),
    CLIENT_NOT_FOUND(100, "Client not found"),
    INVALID_CLIENT_ID(101, "Invalid client ID"),
    STREAM_ID_NOT_FOUND(1009, "Stream not found"),
    STREAM_NAME_NOT_FOUND(1010, "Stream not found"),
    STREAM_NAME_ALREADY_EXISTS(1012, "Stream already exists"),
    INVALID_STREAM_NAME(1013, "Invalid stream name"),
    INVALID_STREAM_ID(1014, "Invalid stream ID"),
    INVALID_TOPIC_SIZE(1019, "Max topic size cannot be lower than segment size"),
    TOO_MANY_STREAMS(1020, "Too many streams"),
    TOPIC_ID_NOT_FOUND(2010, "Topic not found"),
    TOPIC_NAME_NOT_FOUND(2011, "Topic not found"),
    TOPIC_NAME_ALREADY_EXISTS(2013, "Topic already exists"),
    INVALID_TOPIC_NAME(2014, "Invalid topic name"),
    TOO_MANY_PARTITIONS(2015, "Too many partitions"),
    INVALID_TOPIC_ID(2016, "Invalid topic ID"),
    INVALID_REPLICATION_FACTOR(2018, "Invalid replication factor"),
    INVALID_PARTITIONS_COUNT(2019, "Invalid partitions count"),
    TOO_MANY_TOPICS(2021, "Too many topics"),
    PARTITION_NOT_FOUND(3007, "Partition not found"),
    NO_PARTITIONS(3008, "Topic has no partitions"),
    CONSUMER_OFFSET_NOT_FOUND(3021, "Consumer offset not found"),
    SEGMENT_NOT_FOUND(4000, "Segment not found"),
    SEGMENT_CLOSED(4001, "Segment is closed"),
    INVALID_SEGMENT_SIZE(4002, "Segment size is invalid"),
    CANNOT_SAVE_MESSAGES_TO_SEGMENT(4006, "Cannot save messages to segment"),
    CANNOT_SAVE_INDEX_TO_SEGMENT(4007, "Cannot save index to segment"),
    INVALID_MESSAGES_COUNT(4009, "Invalid messages count"),
    CANNOT_APPEND_MESSAGE(4010, "Cannot append message"),
    CANNOT_READ_MESSAGE(4011, "Cannot read message"),
    TOO_BIG_USER_HEADERS(4017, "Too big headers payload"),
    INVALID_HEADER_KEY(4018, "Invalid header key"),
    INVALID_HEADER_VALUE(4019, "Invalid header value"),
    TOO_BIG_MESSAGE_PAYLOAD(4022, "Too big message payload"),
    TOO_MANY_MESSAGES(4023, "Too many messages"),
    EMPTY_MESSAGE_PAYLOAD(4024, "Empty message payload"),
    INVALID_MESSAGE_PAYLOAD_LENGTH(4025, "Invalid message payload length"),
    INVALID_MESSAGE_CHECKSUM(4027, "Invalid message checksum"),
    INVALID_KEY_VALUE_LENGTH(4028, "Invalid key value length"),
    COMMAND_LENGTH_ERROR(4029, "Command length error"),
    INVALID_SEGMENTS_COUNT(4030, "Invalid segments count"),
    NON_ZERO_OFFSET(4031, "Non-zero offset"),
    NON_ZERO_TIMESTAMP(4032, "Non-zero timestamp"),
    MISSING_INDEX(4033, "Missing index"),
    INVALID_INDEXES_BYTE_SIZE(4034, "Invalid indexes byte size"),
    INVALID_INDEXES_COUNT(4035, "Invalid indexes count"),
    INVALID_MESSAGES_SIZE(4036, "Invalid messages byte size"),
    TOO_SMALL_MESSAGE(4037, "Too small message"),
    INVALID_OFFSET(4100, "Invalid offset"),
    CONSUMER_GROUP_ID_NOT_FOUND(5000, "Consumer group not found"),
    INVALID_CONSUMER_GROUP_ID(5002, "Invalid consumer group ID"),
    CONSUMER_GROUP_NAME_NOT_FOUND(5003, "Consumer group not found"),
    CONSUMER_GROUP_NAME_ALREADY_EXISTS(5004, "Consumer group already exists"),
    INVALID_CONSUMER_GROUP_NAME(5005, "Invalid consumer group name"),
    CONSUMER_GROUP_MEMBER_NOT_FOUND(5006, "Consumer group member not found"),
    CANNOT_READ_FILE(10002, "Cannot read file"),
    CANNOT_WRITE_TO_FILE(10006, "Cannot write to file"),
    CANNOT_DELETE_FILE(10008, "Cannot delete file"),
    CANNOT_SYNC_FILE(10009, "Cannot sync file"),
    IO_ERROR(13000, "IO error");

    private final int code;
    private final String reason;
    private final String snakeName;

    ErrorCode(int code, String reason) {
        this.code = code;
        this.reason = reason;
        this.snakeName = name().toLowerCase(Locale.ROOT);
    }

    /** The numeric status on the wire. */
    public int code() {
        return code;
    }

    /** The upstream variant name in snake_case, e.g. {@code stream_id_not_found}. */
    public String snakeName() {
        return snakeName;
    }

    /** A short human description, used when no more specific message is at hand. */
    public String reason() {
        return reason;
    }

    /** The error with this wire number, if Whippet knows it. */
    public static Optional<ErrorCode> fromCode(int code) {
        for (ErrorCode value : values()) {
            if (value.code == code) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
