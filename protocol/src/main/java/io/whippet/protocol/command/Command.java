package io.whippet.protocol.command;

import io.whippet.protocol.CommandCode;
import java.nio.ByteBuffer;

/**
 * A decoded request payload. One record per command code; {@link Commands#decode} picks the
 * decoder and {@link Commands#encodeRequest} frames an encoded command. Records are immutable
 * values; the only one that shares memory with its input is {@link SendMessages}.
 */
public sealed interface Command
        permits ChangePassword,
                CreateConsumerGroup,
                CreatePartitions,
                CreatePersonalAccessToken,
                CreateStream,
                CreateTopic,
                CreateUser,
                DeleteConsumerGroup,
                DeleteConsumerOffset,
                DeletePartitions,
                DeletePersonalAccessToken,
                DeleteSegments,
                DeleteStream,
                DeleteTopic,
                DeleteUser,
                FlushUnsavedBuffer,
                GetClient,
                GetClients,
                GetClusterMetadata,
                GetConsumerGroup,
                GetConsumerGroups,
                GetConsumerOffset,
                GetMe,
                GetPersonalAccessTokens,
                GetSnapshot,
                GetStats,
                GetStream,
                GetStreams,
                GetTopic,
                GetTopics,
                GetUser,
                GetUsers,
                JoinConsumerGroup,
                LeaveConsumerGroup,
                LoginUser,
                LoginWithPersonalAccessToken,
                LogoutUser,
                Ping,
                PollMessages,
                PurgeStream,
                PurgeTopic,
                SendMessages,
                StoreConsumerOffset,
                UpdatePermissions,
                UpdateStream,
                UpdateTopic,
                UpdateUser {
    CommandCode code();

    /** Bytes {@link #encode} writes. */
    int encodedSize();

    /** Writes the payload at the buffer's position; the buffer must be little-endian. */
    void encode(ByteBuffer out);
}
