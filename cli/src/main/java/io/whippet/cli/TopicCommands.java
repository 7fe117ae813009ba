package io.whippet.cli;

import io.whippet.client.BlockingClient;
import io.whippet.protocol.CompressionAlgorithm;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.command.CreateTopic;
import io.whippet.protocol.command.UpdateTopic;
import io.whippet.protocol.response.PartitionInfo;
import io.whippet.protocol.response.TopicDetails;
import io.whippet.protocol.response.TopicInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code whippet topic}: create (partitions, compression, max size, expiry), delete, update, get,
 * list and purge topics. Sizes read like {@code 10GB} or {@code unlimited}, expiry like {@code 7days}
 * or {@code 1h 30m} or {@code none}; {@code server_default} leaves either to the server.
 */
@Command(
        name = "topic",
        aliases = "t",
        description = "Manage topics.",
        mixinStandardHelpOptions = true,
        subcommands = {
            TopicCommands.Create.class,
            TopicCommands.Delete.class,
            TopicCommands.Update.class,
            TopicCommands.Get.class,
            TopicCommands.ListTopics.class,
            TopicCommands.Purge.class
        })
final class TopicCommands {
    private TopicCommands() {}

    static Table table() {
        return Table.of(
                "id",
                "created_at",
                "name",
                "size",
                "max_topic_size",
                "message_expiry",
                "compression",
                "messages_count",
                "partitions_count");
    }

    static void row(Table table, TopicInfo topic) {
        table.row(
                topic.id(),
                new Cell.Micros(topic.createdAtMicros()),
                topic.name(),
                new Cell.Bytes(topic.sizeBytes()),
                new Cell.Bytes(topic.maxTopicSizeBytes()),
                new Cell.Duration(topic.messageExpiryMicros(), "server default", "never"),
                topic.compressionAlgorithm().name().toLowerCase(Locale.ROOT),
                new Cell.Unsigned(topic.messagesCount()),
                topic.partitionsCount());
    }

    static CompressionAlgorithm compression(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "none" -> CompressionAlgorithm.NONE;
            case "gzip" -> CompressionAlgorithm.GZIP;
            default -> throw new UsageException("compression: " + text + " (expected: none or gzip)");
        };
    }

    @Command(
            name = "create",
            aliases = "c",
            description = "Create a topic with partitions 0..N-1.",
            mixinStandardHelpOptions = true)
    static final class Create extends ServerCommand {
        @Parameters(index = "0", paramLabel = "STREAM", description = "stream id or name")
        Identifier stream = Identifier.of(0);

        @Parameters(index = "1", paramLabel = "NAME", description = "topic name")
        String name = "";

        @Parameters(index = "2", paramLabel = "PARTITIONS", description = "number of partitions")
        long partitions;

        @Parameters(index = "3", paramLabel = "COMPRESSION", description = "none or gzip")
        String compression = "none";

        @Parameters(
                index = "4..*",
                paramLabel = "EXPIRY",
                description = "message expiry, e.g. 7days, 1h 30m, none (default: server_default)")
        List<String> expiry = new ArrayList<>();

        @Option(
                names = {"-m", "--max-topic-size"},
                paramLabel = "SIZE",
                description = "e.g. 10GB, unlimited (default: server_default)")
        String maxTopicSize = "server_default";

        @Option(
                names = {"-r", "--replication-factor"},
                description = "replicas (default: 1)")
        int replicationFactor;

        @Override
        void run(BlockingClient client, Printer out) {
            CreateTopic request = new CreateTopic(
                    stream,
                    partitions,
                    compression(compression),
                    Units.durationMicros(expiry),
                    Units.sizeBytes(maxTopicSize),
                    replicationFactor,
                    name);
            TopicDetails created = client.createTopic(request);
            if (out.json()) {
                Table table = table();
                row(table, created.topic());
                out.details(table);
            }
            out.info("Topic '" + created.topic().name() + "' created with ID "
                    + created.topic().id() + " and " + created.topic().partitionsCount() + " partition(s) in "
                    + Ids.describe("stream", stream) + ".");
        }
    }

    @Command(name = "delete", aliases = "d", description = "Delete a topic.", mixinStandardHelpOptions = true)
    static final class Delete extends ServerCommand {
        @Parameters(index = "0", paramLabel = "STREAM", description = "stream id or name")
        Identifier stream = Identifier.of(0);

        @Parameters(index = "1", paramLabel = "TOPIC", description = "topic id or name")
        Identifier topic = Identifier.of(0);

        @Override
        void run(BlockingClient client, Printer out) {
            client.deleteTopic(stream, topic);
            out.info("Topic " + topic + " deleted from " + Ids.describe("stream", stream) + ".");
        }
    }

    @Command(
            name = "update",
            aliases = "u",
            description = "Change a topic's name, compression, max size and expiry.",
            mixinStandardHelpOptions = true)
    static final class Update extends ServerCommand {
        @Parameters(index = "0", paramLabel = "STREAM", description = "stream id or name")
        Identifier stream = Identifier.of(0);

        @Parameters(index = "1", paramLabel = "TOPIC", description = "topic id or name")
        Identifier topic = Identifier.of(0);

        @Parameters(index = "2", paramLabel = "NAME", description = "new (or same) name")
        String name = "";

        @Parameters(index = "3", paramLabel = "COMPRESSION", description = "none or gzip")
        String compression = "none";

        @Parameters(index = "4..*", paramLabel = "EXPIRY", description = "message expiry (default: server_default)")
        List<String> expiry = new ArrayList<>();

        @Option(
                names = {"-m", "--max-topic-size"},
                paramLabel = "SIZE",
                description = "e.g. 10GB, unlimited (default: server_default)")
        String maxTopicSize = "server_default";

        @Option(
                names = {"-r", "--replication-factor"},
                description = "replicas (default: 1)")
        int replicationFactor;

        @Override
        void run(BlockingClient client, Printer out) {
            client.updateTopic(new UpdateTopic(
                    stream,
                    topic,
                    compression(compression),
                    Units.durationMicros(expiry),
                    Units.sizeBytes(maxTopicSize),
                    replicationFactor,
                    name));
            out.info("Topic " + topic + " in " + Ids.describe("stream", stream) + " updated.");
        }
    }

    @Command(
            name = "get",
            aliases = "g",
            description = "Show a topic and its partitions.",
            mixinStandardHelpOptions = true)
    static final class Get extends ServerCommand {
        @Parameters(index = "0", paramLabel = "STREAM", description = "stream id or name")
        Identifier stream = Identifier.of(0);

        @Parameters(index = "1", paramLabel = "TOPIC", description = "topic id or name")
        Identifier topic = Identifier.of(0);

        @Override
        void run(BlockingClient client, Printer out) {
            TopicDetails details = client.topic(stream, topic)
                    .orElseThrow(() -> CommandFailure.notFound(
                            Ids.describe("topic", topic) + " in " + Ids.describe("stream", stream)));
            Table table = table();
            row(table, details.topic());
            Table partitions =
                    Table.of("id", "created_at", "segments_count", "current_offset", "size", "messages_count");
            for (PartitionInfo partition : details.partitions()) {
                partitions.row(
                        partition.id(),
                        new Cell.Micros(partition.createdAtMicros()),
                        partition.segmentsCount(),
                        new Cell.Unsigned(partition.currentOffset()),
                        new Cell.Bytes(partition.sizeBytes()),
                        new Cell.Unsigned(partition.messagesCount()));
            }
            out.details(table, "partitions", partitions);
        }
    }

    @Command(
            name = "list",
            aliases = "l",
            description = "List the topics of a stream.",
            mixinStandardHelpOptions = true)
    static final class ListTopics extends ServerCommand {
        @Parameters(index = "0", paramLabel = "STREAM", description = "stream id or name")
        Identifier stream = Identifier.of(0);

        @Mixin
        ListMode listMode = new ListMode();

        @Override
        void run(BlockingClient client, Printer out) {
            Table table = table();
            for (TopicInfo topic : client.topics(stream)) {
                row(table, topic);
            }
            out.table(table, listMode.mode);
        }
    }

    @Command(
            name = "purge",
            aliases = "p",
            description = "Delete every message of a topic.",
            mixinStandardHelpOptions = true)
    static final class Purge extends ServerCommand {
        @Parameters(index = "0", paramLabel = "STREAM", description = "stream id or name")
        Identifier stream = Identifier.of(0);

        @Parameters(index = "1", paramLabel = "TOPIC", description = "topic id or name")
        Identifier topic = Identifier.of(0);

        @Override
        void run(BlockingClient client, Printer out) {
            client.purgeTopic(stream, topic);
            out.info("Topic " + topic + " in " + Ids.describe("stream", stream) + " purged.");
        }
    }
}
