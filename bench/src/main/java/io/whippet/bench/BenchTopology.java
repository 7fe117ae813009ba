package io.whippet.bench;

import io.whippet.client.BlockingClient;
import io.whippet.client.Message;
import io.whippet.protocol.CompressionAlgorithm;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.Partitioning;
import io.whippet.protocol.command.CreateTopic;
import io.whippet.protocol.response.StreamInfo;
import io.whippet.protocol.response.TopicDetails;
import java.util.ArrayList;
import java.util.List;

/**
 * The streams a benchmark uses ({@code bench-stream-1..N}, each with topic {@code bench-topic}) and
 * their preparation: kinds that produce start from fresh streams (unless reusing them); kinds that
 * only consume read what an earlier producing run left, and top it up when it is not enough.
 * Consumer groups are recreated so their offsets start at zero.
 */
final class BenchTopology {
    static final String STREAM_PREFIX = "bench-stream-";
    static final String TOPIC_NAME = "bench-topic";

    private BenchTopology() {}

    static String streamName(int index) {
        return STREAM_PREFIX + (index + 1);
    }

    static String groupName(int index) {
        return "bench-group-" + (index + 1);
    }

    static void prepare(BlockingClient admin, BenchParams params) {
        BenchParams.Topology topology = params.topology();
        BenchKind kind = params.kind();
        if (kind.produces() && !topology.reuseStreams()) {
            for (StreamInfo stream : admin.streams()) {
                if (stream.name().startsWith(STREAM_PREFIX)) {
                    admin.deleteStream(Identifier.of(stream.id()));
                }
            }
        }
        for (int s = 0; s < topology.streams(); s++) {
            Identifier stream = Identifier.of(streamName(s));
            if (admin.stream(stream).isEmpty()) {
                admin.createStream(streamName(s));
            }
            if (admin.topic(stream, ActorContext.TOPIC).isEmpty()) {
                admin.createTopic(
                        new CreateTopic(stream, topology.partitions(), CompressionAlgorithm.NONE, 0, 0, 0, TOPIC_NAME));
            }
            if (kind.usesGroups()) {
                for (int g = 0; g < topology.consumerGroups(); g++) {
                    Identifier group = Identifier.of(groupName(g));
                    if (admin.consumerGroup(stream, ActorContext.TOPIC, group).isPresent()) {
                        admin.deleteConsumerGroup(stream, ActorContext.TOPIC, group);
                    }
                    admin.createConsumerGroup(stream, ActorContext.TOPIC, groupName(g));
                }
            }
            if (!kind.produces()) {
                seed(admin, params, s);
            }
        }
    }

    /** Members of group {@code g} reading stream {@code s}. */
    static int groupMembers(BenchParams.Topology topology, int s, int g) {
        int members = 0;
        for (int i = 0; i < topology.consumers(); i++) {
            if (i % topology.streams() == s && (i / topology.streams()) % topology.consumerGroups() == g) {
                members++;
            }
        }
        return members;
    }

    private static void seed(BlockingClient admin, BenchParams params, int s) {
        BenchParams.Topology topology = params.topology();
        long perActor = params.workload().messagesPerActor();
        long needed = perActor;
        if (params.kind().usesGroups()) {
            for (int g = 0; g < topology.consumerGroups(); g++) {
                needed = Math.max(needed, perActor * groupMembers(topology, s, g));
            }
        }
        Identifier stream = Identifier.of(streamName(s));
        TopicDetails topic = admin.topic(stream, ActorContext.TOPIC).orElseThrow();
        long present = params.kind().usesGroups()
                ? topic.topic().messagesCount()
                : topic.partitions().getFirst().messagesCount();
        if (present >= needed) {
            return;
        }
        System.err.printf(
                "bench: seeding %s with %d messages (it holds %d)%n", streamName(s), needed - present, present);
        int perBatch = params.workload().messagesPerBatch();
        byte[] payload = new byte[params.workload().messageSizeBytes()];
        List<Message> batch = new ArrayList<>(perBatch);
        for (int i = 0; i < perBatch; i++) {
            batch.add(Message.of(payload));
        }
        Partitioning partitioning = params.kind().usesGroups() ? Partitioning.balanced() : Partitioning.partitionId(0);
        for (long sent = present; sent < needed; sent += perBatch) {
            admin.sendMessages(stream, ActorContext.TOPIC, partitioning, batch);
        }
    }
}
