package io.whippet.cli;

import io.whippet.client.BlockingClient;
import io.whippet.protocol.Identifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code whippet segment delete}: removes a partition's oldest segments. */
@Command(
        name = "segment",
        aliases = "seg",
        description = "Remove old segments.",
        mixinStandardHelpOptions = true,
        subcommands = SegmentCommands.Delete.class)
final class SegmentCommands {
    private SegmentCommands() {}

    @Command(
            name = "delete",
            aliases = "d",
            description = "Remove a partition's oldest segments.",
            mixinStandardHelpOptions = true)
    static final class Delete extends ServerCommand {
        @Parameters(index = "0", paramLabel = "STREAM", description = "stream id or name")
        Identifier stream = Identifier.of(0);

        @Parameters(index = "1", paramLabel = "TOPIC", description = "topic id or name")
        Identifier topic = Identifier.of(0);

        @Parameters(index = "2", paramLabel = "PARTITION", description = "partition id")
        long partition;

        @Parameters(index = "3", paramLabel = "COUNT", description = "segments to remove, oldest first")
        long count;

        @Override
        void run(BlockingClient client, Printer out) {
            client.deleteSegments(stream, topic, partition, count);
            out.info("Removed " + count + " segment(s) from partition " + partition + " of "
                    + Ids.describe("topic", topic) + " in " + Ids.describe("stream", stream) + ".");
        }
    }
}
