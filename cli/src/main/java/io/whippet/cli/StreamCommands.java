package io.whippet.cli;

import io.whippet.client.BlockingClient;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.response.StreamDetails;
import io.whippet.protocol.response.StreamInfo;
import io.whippet.protocol.response.TopicInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code whippet stream}: create, delete, update, get, list and purge streams. */
@Command(
        name = "stream",
        aliases = "s",
        description = "Manage streams.",
        mixinStandardHelpOptions = true,
        subcommands = {
            StreamCommands.Create.class,
            StreamCommands.Delete.class,
            StreamCommands.Update.class,
            StreamCommands.Get.class,
            StreamCommands.ListStreams.class,
            StreamCommands.Purge.class
        })
final class StreamCommands {
    private StreamCommands() {}

    static Table table() {
        return Table.of("id", "created_at", "name", "size", "messages_count", "topics_count");
    }

    static void row(Table table, StreamInfo stream) {
        table.row(
                stream.id(),
                new Cell.Micros(stream.createdAtMicros()),
                stream.name(),
                new Cell.Bytes(stream.sizeBytes()),
                new Cell.Unsigned(stream.messagesCount()),
                stream.topicsCount());
    }

    @Command(name = "create", aliases = "c", description = "Create a stream.", mixinStandardHelpOptions = true)
    static final class Create extends ServerCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "stream name")
        String name = "";

        @Override
        void run(BlockingClient client, Printer out) {
            StreamInfo stream = client.createStream(name);
            if (out.json()) {
                Table table = table();
                row(table, stream);
                out.details(table);
            }
            out.info("Stream '" + stream.name() + "' created with ID " + stream.id() + ".");
        }
    }

    @Command(
            name = "delete",
            aliases = "d",
            description = "Delete a stream and everything in it.",
            mixinStandardHelpOptions = true)
    static final class Delete extends ServerCommand {
        @Parameters(index = "0", paramLabel = "STREAM", description = "stream id or name")
        Identifier stream = Identifier.of(0);

        @Override
        void run(BlockingClient client, Printer out) {
            client.deleteStream(stream);
            out.info("Stream " + stream + " deleted.");
        }
    }

    @Command(name = "update", aliases = "u", description = "Rename a stream.", mixinStandardHelpOptions = true)
    static final class Update extends ServerCommand {
        @Parameters(index = "0", paramLabel = "STREAM", description = "stream id or name")
        Identifier stream = Identifier.of(0);

        @Parameters(index = "1", paramLabel = "NAME", description = "new name")
        String name = "";

        @Override
        void run(BlockingClient client, Printer out) {
            client.updateStream(stream, name);
            out.info("Stream " + stream + " renamed to '" + name + "'.");
        }
    }

    @Command(
            name = "get",
            aliases = "g",
            description = "Show a stream and its topics.",
            mixinStandardHelpOptions = true)
    static final class Get extends ServerCommand {
        @Parameters(index = "0", paramLabel = "STREAM", description = "stream id or name")
        Identifier stream = Identifier.of(0);

        @Override
        void run(BlockingClient client, Printer out) {
            StreamDetails details =
                    client.stream(stream).orElseThrow(() -> CommandFailure.notFound(Ids.describe("stream", stream)));
            Table table = table();
            row(table, details.stream());
            Table topics = TopicCommands.table();
            for (TopicInfo topic : details.topics()) {
                TopicCommands.row(topics, topic);
            }
            out.details(table, "topics", topics);
        }
    }

    @Command(name = "list", aliases = "l", description = "List streams.", mixinStandardHelpOptions = true)
    static final class ListStreams extends ServerCommand {
        @Mixin
        ListMode listMode = new ListMode();

        @Override
        void run(BlockingClient client, Printer out) {
            Table table = table();
            for (StreamInfo stream : client.streams()) {
                row(table, stream);
            }
            out.table(table, listMode.mode);
        }
    }

    @Command(
            name = "purge",
            aliases = "p",
            description = "Delete every message of a stream, keep its topics.",
            mixinStandardHelpOptions = true)
    static final class Purge extends ServerCommand {
        @Parameters(index = "0", paramLabel = "STREAM", description = "stream id or name")
        Identifier stream = Identifier.of(0);

        @Override
        void run(BlockingClient client, Printer out) {
            client.purgeStream(stream);
            out.info("Stream " + stream + " purged.");
        }
    }
}
