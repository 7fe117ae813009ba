package io.whippet.cli;

import io.whippet.client.BlockingClient;
import io.whippet.protocol.response.ClientDetails;
import io.whippet.protocol.response.ClientGroup;
import io.whippet.protocol.response.ClientInfo;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code whippet client}: the connections the server has open. */
@Command(
        name = "client",
        aliases = "c",
        description = "Show connected clients.",
        mixinStandardHelpOptions = true,
        subcommands = {ClientCommands.Get.class, ClientCommands.ListClients.class})
final class ClientCommands {
    private ClientCommands() {}

    static Table table() {
        return Table.of("client_id", "user_id", "transport", "address", "consumer_groups_count");
    }

    static void row(Table table, ClientInfo client) {
        table.row(
                client.clientId(),
                client.userId() == ClientInfo.NO_USER ? null : client.userId(),
                client.transport().name().toLowerCase(Locale.ROOT),
                client.address(),
                client.consumerGroupsCount());
    }

    /** A client's details and the groups it joined (also used by {@code me}). */
    static void print(ClientDetails details, Printer out) {
        Table table = table();
        row(table, details.client());
        Table groups = Table.of("stream_id", "topic_id", "group_id");
        for (ClientGroup group : details.groups()) {
            groups.row(group.streamId(), group.topicId(), group.groupId());
        }
        out.details(table, "consumer_groups", groups);
    }

    @Command(name = "get", aliases = "g", description = "Show one client.", mixinStandardHelpOptions = true)
    static final class Get extends ServerCommand {
        @Parameters(index = "0", paramLabel = "CLIENT_ID", description = "client id")
        long clientId;

        @Override
        void run(BlockingClient client, Printer out) {
            print(client.client(clientId).orElseThrow(() -> CommandFailure.notFound("client " + clientId)), out);
        }
    }

    @Command(name = "list", aliases = "l", description = "List clients.", mixinStandardHelpOptions = true)
    static final class ListClients extends ServerCommand {
        @Mixin
        ListMode listMode = new ListMode();

        @Override
        void run(BlockingClient client, Printer out) {
            Table table = table();
            for (ClientInfo info : client.clients()) {
                row(table, info);
            }
            out.table(table, listMode.mode);
        }
    }
}
