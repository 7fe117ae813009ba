package io.whippet.server.command;

import io.whippet.server.auth.Permissioner;
import io.whippet.server.auth.PersonalAccessTokens;
import io.whippet.server.auth.UserAccounts;
import io.whippet.server.config.ServerConfig;
import io.whippet.server.metadata.ConsumerGroupMembers;
import io.whippet.server.metadata.Metadata;
import io.whippet.server.partition.DataPlane;
import java.time.InstantSource;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What command handlers share: the metadata, the data plane, group membership, auth, the
 * connected clients and the clock.
 *
 * <p>{@code structureLock} serializes commands that change metadata and the data plane together
 * (create/delete streams, topics, partitions, groups, purges), so the two never disagree about
 * which partitions exist. Message traffic never takes it.
 */
public record CommandContext(
        ServerConfig config,
        Metadata metadata,
        DataPlane dataPlane,
        ConsumerGroupMembers members,
        UserAccounts accounts,
        PersonalAccessTokens tokens,
        Permissioner permissioner,
        ClientRegistry clients,
        InstantSource clock,
        long startTimeMicros,
        ReentrantLock structureLock) {

    public long nowMicros() {
        var instant = clock.instant();
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}
