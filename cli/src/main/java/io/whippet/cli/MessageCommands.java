package io.whippet.cli;

import io.whippet.client.BlockingClient;
import io.whippet.protocol.Identifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code whippet message}: send, poll and flush messages. */
@Command(
        name = "message",
        aliases = "m",
        description = "Send and poll messages.",
        mixinStandardHelpOptions = true,
        subcommands = {SendCommand.class, PollCommand.class, MessageCommands.Flush.class})
final class MessageCommands {
    private MessageCommands() {}

    @Command(
            name = "flush",
            aliases = "f",
            description = "Write a partition's buffered messages to disk.",
            mixinStandardHelpOptions = true)
    static final class Flush extends ServerCommand {
        @Parameters(index = "0", paramLabel = "STREAM", description = "stream id or name")
        Identifier stream = Identifier.of(0);

        @Parameters(index = "1", paramLabel = "TOPIC", description = "topic id or name")
        Identifier topic = Identifier.of(0);

        @Parameters(index = "2", paramLabel = "PARTITION", description = "partition id")
        long partition;

        @Option(
                names = {"-f", "--fsync"},
                description = "also fsync the files")
        boolean fsync;

        @Override
        void run(BlockingClient client, Printer out) {
            client.flushUnsavedBuffer(stream, topic, partition, fsync);
            out.info("Flushed partition " + partition + " of " + Ids.describe("topic", topic) + " in "
                    + Ids.describe("stream", stream) + (fsync ? " with fsync." : "."));
        }
    }
}
