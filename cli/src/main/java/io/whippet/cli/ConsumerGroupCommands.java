package io.whippet.cli;

import io.whippet.client.BlockingClient;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.response.ConsumerGroupDetails;
import io.whippet.protocol.response.ConsumerGroupInfo;
import io.whippet.protocol.response.ConsumerGroupMember;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code whippet consumer-group}: create, delete, get and list a topic's consumer groups. */
@Command(
        name = "consumer-group",
        aliases = "g",
        description = "Manage consumer groups.",
        mixinStandardHelpOptions = true,
        subcommands = {
            ConsumerGroupCommands.Create.class,
            ConsumerGroupCommands.Delete.class,
            ConsumerGroupCommands.Get.class,
            ConsumerGroupCommands.ListGroups.class
        })
final class ConsumerGroupCommands {
    private ConsumerGroupCommands() {}

    static Table table() {
        return Table.of("id", "name", "partitions_count", "members_count");
    }

    static void row(Table table, ConsumerGroupInfo group) {
        table.row(group.id(), group.name(), group.partitionsCount(), group.membersCount());
    }

    @Command(name = "create", aliases = "c", description = "Create a consumer group.", mixinStandardHelpOptions = true)
    static final class Create extends ServerCommand {
        @Parameters(index = "0", paramLabel = "STREAM", description = "stream id or name")
        Identifier stream = Identifier.of(0);

        @Parameters(index = "1", paramLabel = "TOPIC", description = "topic id or name")
        Identifier topic = Identifier.of(0);

        @Parameters(index = "2", paramLabel = "NAME", description = "group name")
        String name = "";

        @Override
        void run(BlockingClient client, Printer out) {
            ConsumerGroupInfo group = client.createConsumerGroup(stream, topic, name);
            if (out.json()) {
                Table table = table();
                row(table, group);
                out.details(table);
            }
            out.info("Consumer group '" + group.name() + "' created with ID " + group.id() + ".");
        }
    }

    @Command(name = "delete", aliases = "d", description = "Delete a consumer group.", mixinStandardHelpOptions = true)
    static final class Delete extends ServerCommand {
        @Parameters(index = "0", paramLabel = "STREAM", description = "stream id or name")
        Identifier stream = Identifier.of(0);

        @Parameters(index = "1", paramLabel = "TOPIC", description = "topic id or name")
        Identifier topic = Identifier.of(0);

        @Parameters(index = "2", paramLabel = "GROUP", description = "group id or name")
        Identifier group = Identifier.of(0);

        @Override
        void run(BlockingClient client, Printer out) {
            client.deleteConsumerGroup(stream, topic, group);
            out.info("Consumer group " + group + " deleted.");
        }
    }

    @Command(
            name = "get",
            aliases = "g",
            description = "Show a consumer group and its members.",
            mixinStandardHelpOptions = true)
    static final class Get extends ServerCommand {
        @Parameters(index = "0", paramLabel = "STREAM", description = "stream id or name")
        Identifier stream = Identifier.of(0);

        @Parameters(index = "1", paramLabel = "TOPIC", description = "topic id or name")
        Identifier topic = Identifier.of(0);

        @Parameters(index = "2", paramLabel = "GROUP", description = "group id or name")
        Identifier group = Identifier.of(0);

        @Override
        void run(BlockingClient client, Printer out) {
            ConsumerGroupDetails details = client.consumerGroup(stream, topic, group)
                    .orElseThrow(() -> CommandFailure.notFound(Ids.describe("consumer group", group)));
            Table table = table();
            row(table, details.group());
            Table members = Table.of("member_id", "partitions");
            for (ConsumerGroupMember member : details.members()) {
                members.row(member.memberId(), member.partitionIds());
            }
            out.details(table, "members", members);
        }
    }

    @Command(
            name = "list",
            aliases = "l",
            description = "List a topic's consumer groups.",
            mixinStandardHelpOptions = true)
    static final class ListGroups extends ServerCommand {
        @Parameters(index = "0", paramLabel = "STREAM", description = "stream id or name")
        Identifier stream = Identifier.of(0);

        @Parameters(index = "1", paramLabel = "TOPIC", description = "topic id or name")
        Identifier topic = Identifier.of(0);

        @Mixin
        ListMode listMode = new ListMode();

        @Override
        void run(BlockingClient client, Printer out) {
            Table table = table();
            for (ConsumerGroupInfo group : client.consumerGroups(stream, topic)) {
                row(table, group);
            }
            out.table(table, listMode.mode);
        }
    }
}
