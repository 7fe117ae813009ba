package io.whippet.client.producer;

import io.whippet.client.BlockingClient;
import io.whippet.client.WhippetClient;
import io.whippet.protocol.Identifier;
import org.jspecify.annotations.Nullable;

/**
 * Creates a missing stream and topic before producing. Tolerates losing a creation race to
 * another producer (an "already exists" answer counts as success).
 */
public final class TopicProvisioner {
    private TopicProvisioner() {}

    public static void ensure(
            WhippetClient client,
            Identifier streamId,
            Identifier topicId,
            boolean createStream,
            @Nullable TopicSetup topicSetup) {
        if (createStream && BlockingClient.await(client.stream(streamId)).isEmpty()) {
            try {
                BlockingClient.await(client.createStream(name(streamId, "stream")));
            } catch (RuntimeException e) {
                if (!Producer.alreadyExists(e)) {
                    throw e;
                }
            }
        }
        if (topicSetup != null
                && BlockingClient.await(client.topic(streamId, topicId)).isEmpty()) {
            try {
                BlockingClient.await(
                        client.createTopic(Producer.createTopic(streamId, name(topicId, "topic"), topicSetup)));
            } catch (RuntimeException e) {
                if (!Producer.alreadyExists(e)) {
                    throw e;
                }
            }
        }
    }

    private static String name(Identifier id, String what) {
        if (id instanceof Identifier.Named named) {
            return named.name();
        }
        throw new IllegalArgumentException(what + " id: " + id + " (expected: a name, to create it when missing)");
    }
}
