package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Frames;
import io.whippet.protocol.WhippetException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Dispatch from a command code to its decoder, and request framing for clients and tests. */
public final class Commands {
    private Commands() {}

    /**
     * Decodes the payload of a request with this code, reading from the buffer's position.
     * Malformed payloads raise {@code WhippetException} with the code the spec gives; bytes after
     * a valid payload are ignored.
     */
    public static Command decode(CommandCode code, ByteBuffer payload) {
        return switch (code) {
            case PING -> Ping.decode(payload);
            case GET_STATS -> GetStats.decode(payload);
            case GET_SNAPSHOT -> GetSnapshot.decode(payload);
            case GET_CLUSTER_METADATA -> GetClusterMetadata.decode(payload);
            case GET_ME -> GetMe.decode(payload);
            case GET_CLIENT -> GetClient.decode(payload);
            case GET_CLIENTS -> GetClients.decode(payload);
            case GET_USER -> GetUser.decode(payload);
            case GET_USERS -> GetUsers.decode(payload);
            case CREATE_USER -> CreateUser.decode(payload);
            case DELETE_USER -> DeleteUser.decode(payload);
            case UPDATE_USER -> UpdateUser.decode(payload);
            case UPDATE_PERMISSIONS -> UpdatePermissions.decode(payload);
            case CHANGE_PASSWORD -> ChangePassword.decode(payload);
            case LOGIN_USER -> LoginUser.decode(payload);
            case LOGOUT_USER -> LogoutUser.decode(payload);
            case GET_PERSONAL_ACCESS_TOKENS -> GetPersonalAccessTokens.decode(payload);
            case CREATE_PERSONAL_ACCESS_TOKEN -> CreatePersonalAccessToken.decode(payload);
            case DELETE_PERSONAL_ACCESS_TOKEN -> DeletePersonalAccessToken.decode(payload);
            case LOGIN_WITH_PERSONAL_ACCESS_TOKEN -> LoginWithPersonalAccessToken.decode(payload);
            case POLL_MESSAGES -> PollMessages.decode(payload);
            case SEND_MESSAGES -> SendMessages.decode(payload);
            case FLUSH_UNSAVED_BUFFER -> FlushUnsavedBuffer.decode(payload);
            case GET_CONSUMER_OFFSET -> GetConsumerOffset.decode(payload);
            case STORE_CONSUMER_OFFSET -> StoreConsumerOffset.decode(payload);
            case DELETE_CONSUMER_OFFSET -> DeleteConsumerOffset.decode(payload);
            case GET_STREAM -> GetStream.decode(payload);
            case GET_STREAMS -> GetStreams.decode(payload);
            case CREATE_STREAM -> CreateStream.decode(payload);
            case DELETE_STREAM -> DeleteStream.decode(payload);
            case UPDATE_STREAM -> UpdateStream.decode(payload);
            case PURGE_STREAM -> PurgeStream.decode(payload);
            case GET_TOPIC -> GetTopic.decode(payload);
            case GET_TOPICS -> GetTopics.decode(payload);
            case CREATE_TOPIC -> CreateTopic.decode(payload);
            case DELETE_TOPIC -> DeleteTopic.decode(payload);
            case UPDATE_TOPIC -> UpdateTopic.decode(payload);
            case PURGE_TOPIC -> PurgeTopic.decode(payload);
            case CREATE_PARTITIONS -> CreatePartitions.decode(payload);
            case DELETE_PARTITIONS -> DeletePartitions.decode(payload);
            case DELETE_SEGMENTS -> DeleteSegments.decode(payload);
            case GET_CONSUMER_GROUP -> GetConsumerGroup.decode(payload);
            case GET_CONSUMER_GROUPS -> GetConsumerGroups.decode(payload);
            case CREATE_CONSUMER_GROUP -> CreateConsumerGroup.decode(payload);
            case DELETE_CONSUMER_GROUP -> DeleteConsumerGroup.decode(payload);
            case JOIN_CONSUMER_GROUP -> JoinConsumerGroup.decode(payload);
            case LEAVE_CONSUMER_GROUP -> LeaveConsumerGroup.decode(payload);
        };
    }

    /**
     * Decodes a payload for a raw command code as read from a frame; a code that 0.8.0 does not
     * know is error 3.
     */
    public static Command decode(int code, ByteBuffer payload) {
        CommandCode command = CommandCode.fromCode(code)
                .orElseThrow(() -> new WhippetException(
                        ErrorCode.INVALID_COMMAND, "command code: " + code + " (expected: a 0.8.0 command code)"));
        return decode(command, payload);
    }

    /** The command as a payload alone, little-endian, ready to read. */
    public static ByteBuffer encodePayload(Command command) {
        ByteBuffer out = ByteBuffer.allocate(command.encodedSize()).order(ByteOrder.LITTLE_ENDIAN);
        command.encode(out);
        return out.flip();
    }

    /** The command as a whole request frame {@code [length][code][payload]}, ready to read. */
    public static ByteBuffer encodeRequest(Command command) {
        int payloadBytes = command.encodedSize();
        ByteBuffer out =
                ByteBuffer.allocate(Frames.REQUEST_HEADER_BYTES + payloadBytes).order(ByteOrder.LITTLE_ENDIAN);
        Frames.encodeRequestHeader(out, command.code(), payloadBytes);
        command.encode(out);
        return out.flip();
    }
}
