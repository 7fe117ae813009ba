package io.whippet.cli;

import io.whippet.client.BlockingClient;
import io.whippet.protocol.Identifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code whippet partition}: add partitions to a topic or remove its last ones. */
@Command(
        name = "partition",
        aliases = "p",
        description = "Add or remove partitions.",
        mixinStandardHelpOptions = true,
        subcommands = {PartitionCommands.Create.class, PartitionCommands.Delete.class})
final class PartitionCommands {
    private PartitionCommands() {}

    @Command(
            name = "create",
            aliases = "c",
            description = "Add partitions to a topic.",
            mixinStandardHelpOptions = true)
    static final class Create extends ServerCommand {
        @Parameters(index = "0", paramLabel = "STREAM", description = "stream id or name")
        Identifier stream = Identifier.of(0);

        @Parameters(index = "1", paramLabel = "TOPIC", description = "topic id or name")
        Identifier topic = Identifier.of(0);

        @Parameters(index = "2", paramLabel = "COUNT", description = "partitions to add (1..100000)")
        long count;

        @Override
        void run(BlockingClient client, Printer out) {
            client.createPartitions(stream, topic, count);
            out.info("Added " + count + " partition(s) to " + Ids.describe("topic", topic) + " in "
                    + Ids.describe("stream", stream) + ".");
        }
    }

    @Command(
            name = "delete",
            aliases = "d",
            description = "Remove a topic's last partitions.",
            mixinStandardHelpOptions = true)
    static final class Delete extends ServerCommand {
        @Parameters(index = "0", paramLabel = "STREAM", description = "stream id or name")
        Identifier stream = Identifier.of(0);

        @Parameters(index = "1", paramLabel = "TOPIC", description = "topic id or name")
        Identifier topic = Identifier.of(0);

        @Parameters(index = "2", paramLabel = "COUNT", description = "partitions to remove")
        long count;

        @Override
        void run(BlockingClient client, Printer out) {
            client.deletePartitions(stream, topic, count);
            out.info("Removed " + count + " partition(s) from " + Ids.describe("topic", topic) + " in "
                    + Ids.describe("stream", stream) + ".");
        }
    }
}
