package io.whippet.cli;

import io.whippet.client.BlockingClient;
import io.whippet.protocol.Consumer;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.OptionalPartitionId;
import io.whippet.protocol.response.ConsumerOffsetInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code whippet consumer-offset}: read, store or delete a consumer's (or group's) offset. */
@Command(
        name = "consumer-offset",
        aliases = "o",
        description = "Read and store consumer offsets.",
        mixinStandardHelpOptions = true,
        subcommands = {
            ConsumerOffsetCommands.Get.class,
            ConsumerOffsetCommands.Set.class,
            ConsumerOffsetCommands.Delete.class
        })
final class ConsumerOffsetCommands {
    private ConsumerOffsetCommands() {}

    /** The arguments every offset command shares. */
    abstract static class OffsetCommand extends ServerCommand {
        @Parameters(index = "0", paramLabel = "CONSUMER", description = "consumer (or group) id or name")
        Identifier consumer = Identifier.of(0);

        @Parameters(index = "1", paramLabel = "STREAM", description = "stream id or name")
        Identifier stream = Identifier.of(0);

        @Parameters(index = "2", paramLabel = "TOPIC", description = "topic id or name")
        Identifier topic = Identifier.of(0);

        @Parameters(index = "3", paramLabel = "PARTITION", description = "partition id")
        long partition;

        @Option(
                names = {"-k", "--kind"},
                paramLabel = "consumer|consumer-group",
                description = "whose offset (default: consumer)")
        String kind = "consumer";

        Consumer who() {
            return switch (kind) {
                case "consumer", "c" -> Consumer.consumer(consumer);
                case "consumer-group", "consumer_group", "group", "g" -> Consumer.group(consumer);
                default ->
                    throw new UsageException("consumer kind: " + kind + " (expected: consumer or consumer-group)");
            };
        }

        String describe() {
            return (kind.startsWith("c") && !kind.contains("group") ? "consumer " : "consumer group ") + consumer;
        }
    }

    @Command(name = "get", aliases = "g", description = "Show a stored offset.", mixinStandardHelpOptions = true)
    static final class Get extends OffsetCommand {
        @Override
        void run(BlockingClient client, Printer out) {
            ConsumerOffsetInfo info = client.consumerOffset(who(), stream, topic, OptionalPartitionId.of(partition))
                    .orElseThrow(() -> new CommandFailure(
                            io.whippet.protocol.ErrorCode.CONSUMER_OFFSET_NOT_FOUND,
                            "no offset stored for " + describe() + " on partition " + partition));
            Table table = Table.of("consumer", "stream", "topic", "partition_id", "current_offset", "stored_offset");
            table.row(
                    consumer.toString(),
                    stream.toString(),
                    topic.toString(),
                    info.partitionId(),
                    new Cell.Unsigned(info.currentOffset()),
                    new Cell.Unsigned(info.storedOffset()));
            out.details(table);
        }
    }

    @Command(name = "set", aliases = "s", description = "Store an offset.", mixinStandardHelpOptions = true)
    static final class Set extends OffsetCommand {
        @Parameters(index = "4", paramLabel = "OFFSET", description = "offset to store")
        long offset;

        @Override
        void run(BlockingClient client, Printer out) {
            client.storeConsumerOffset(who(), stream, topic, OptionalPartitionId.of(partition), offset);
            out.info("Stored offset " + offset + " for " + describe() + " on partition " + partition + ".");
        }
    }

    @Command(name = "delete", aliases = "d", description = "Delete a stored offset.", mixinStandardHelpOptions = true)
    static final class Delete extends OffsetCommand {
        @Override
        void run(BlockingClient client, Printer out) {
            client.deleteConsumerOffset(who(), stream, topic, OptionalPartitionId.of(partition));
            out.info("Deleted the offset of " + describe() + " on partition " + partition + ".");
        }
    }
}
