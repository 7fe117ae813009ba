package io.whippet.server.metadata;

import io.whippet.protocol.CompressionAlgorithm;
import io.whippet.protocol.Permissions;
import io.whippet.protocol.UserStatus;
import org.jspecify.annotations.Nullable;

/**
 * One change to the metadata model, as it is logged. Every input that is not a pure function of the
 * model (assigned ids, timestamps, password and token hashes, resolved defaults) is decided before
 * the command is built, so applying the same commands in the same order always yields the same
 * model. Commands are validated before they are logged; applying a logged command cannot fail.
 *
 * <p>Each type has a stable {@link #type()} code: it is the {@code u16 type} of a log entry, so a
 * code is never renumbered or reused.
 */
public sealed interface MetadataCommand {

    /** The entry type in the metadata log. */
    int type();

    record CreateStream(long streamId, String name, long createdAtMicros) implements MetadataCommand {
        @Override
        public int type() {
            return 1;
        }
    }

    record UpdateStream(long streamId, String name) implements MetadataCommand {
        @Override
        public int type() {
            return 2;
        }
    }

    record DeleteStream(long streamId) implements MetadataCommand {
        @Override
        public int type() {
            return 3;
        }
    }

    /** Creates a topic with partitions 0..partitionsCount-1, all stamped {@code createdAtMicros}. */
    record CreateTopic(
            long streamId,
            long topicId,
            String name,
            long createdAtMicros,
            int partitionsCount,
            CompressionAlgorithm compression,
            long messageExpiryMicros,
            long maxTopicSizeBytes,
            int replicationFactor)
            implements MetadataCommand {
        @Override
        public int type() {
            return 10;
        }
    }

    record UpdateTopic(
            long streamId,
            long topicId,
            String name,
            CompressionAlgorithm compression,
            long messageExpiryMicros,
            long maxTopicSizeBytes,
            int replicationFactor)
            implements MetadataCommand {
        @Override
        public int type() {
            return 11;
        }
    }

    record DeleteTopic(long streamId, long topicId) implements MetadataCommand {
        @Override
        public int type() {
            return 12;
        }
    }

    /** Appends {@code count} partitions after the highest existing id. */
    record CreatePartitions(long streamId, long topicId, int count, long createdAtMicros) implements MetadataCommand {
        @Override
        public int type() {
            return 20;
        }
    }

    /** Removes the {@code count} partitions with the highest ids. */
    record DeletePartitions(long streamId, long topicId, int count) implements MetadataCommand {
        @Override
        public int type() {
            return 21;
        }
    }

    record CreateConsumerGroup(long streamId, long topicId, long groupId, String name) implements MetadataCommand {
        @Override
        public int type() {
            return 30;
        }
    }

    record DeleteConsumerGroup(long streamId, long topicId, long groupId) implements MetadataCommand {
        @Override
        public int type() {
            return 31;
        }
    }

    /** {@code permissions} null means the user has no permissions block. */
    record CreateUser(
            long userId,
            String username,
            String passwordHash,
            UserStatus status,
            @Nullable Permissions permissions,
            long createdAtMicros)
            implements MetadataCommand {
        @Override
        public int type() {
            return 40;
        }

        @Override
        public String toString() {
            return "CreateUser[userId=" + userId + ", username=" + username + "]";
        }
    }

    /** Both fields carry the resulting values (unchanged ones repeated), so replay needs no merging. */
    record UpdateUser(long userId, String username, UserStatus status) implements MetadataCommand {
        @Override
        public int type() {
            return 41;
        }
    }

    /** {@code permissions} null clears the user's permissions block. */
    record UpdatePermissions(long userId, @Nullable Permissions permissions) implements MetadataCommand {
        @Override
        public int type() {
            return 42;
        }
    }

    record ChangePassword(long userId, String passwordHash) implements MetadataCommand {
        @Override
        public int type() {
            return 43;
        }

        @Override
        public String toString() {
            return "ChangePassword[userId=" + userId + "]";
        }
    }

    /** Deletes the user and every personal access token the user owns. */
    record DeleteUser(long userId) implements MetadataCommand {
        @Override
        public int type() {
            return 44;
        }
    }

    record CreatePersonalAccessToken(long userId, String name, String tokenHashHex, long expiryAtMicros)
            implements MetadataCommand {
        @Override
        public int type() {
            return 50;
        }

        @Override
        public String toString() {
            return "CreatePersonalAccessToken[userId=" + userId + ", name=" + name + "]";
        }
    }

    record DeletePersonalAccessToken(long userId, String name) implements MetadataCommand {
        @Override
        public int type() {
            return 51;
        }
    }
}
