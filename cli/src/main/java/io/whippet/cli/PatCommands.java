package io.whippet.cli;

import io.whippet.client.BlockingClient;
import io.whippet.protocol.response.PersonalAccessTokenInfo;
import io.whippet.protocol.response.RawPersonalAccessToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code whippet pat}: create, delete and list personal access tokens of the logged-in user. */
@Command(
        name = "pat",
        description = "Manage personal access tokens.",
        mixinStandardHelpOptions = true,
        subcommands = {PatCommands.Create.class, PatCommands.Delete.class, PatCommands.ListTokens.class})
final class PatCommands {
    private PatCommands() {}

    @Command(
            name = "create",
            aliases = "c",
            description = "Create a token; its secret is printed once.",
            mixinStandardHelpOptions = true)
    static final class Create extends ServerCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "token name")
        String name = "";

        @Parameters(index = "1..*", paramLabel = "EXPIRY", description = "e.g. 30days, none (default: server default)")
        List<String> expiry = new ArrayList<>();

        @Override
        void run(BlockingClient client, Printer out) {
            long expiryMicros = Units.durationMicros(expiry);
            RawPersonalAccessToken token = client.createPersonalAccessToken(name, expiryMicros);
            if (out.json()) {
                out.json(Map.of("name", name, "token", token.token()));
                return;
            }
            out.info("Personal access token '" + name + "' created; it is shown only now:");
            root().terminal().out().println(token.token());
        }
    }

    @Command(name = "delete", aliases = "d", description = "Delete a token.", mixinStandardHelpOptions = true)
    static final class Delete extends ServerCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "token name")
        String name = "";

        @Override
        void run(BlockingClient client, Printer out) {
            client.deletePersonalAccessToken(name);
            out.info("Personal access token '" + name + "' deleted.");
        }
    }

    @Command(name = "list", aliases = "l", description = "List your tokens.", mixinStandardHelpOptions = true)
    static final class ListTokens extends ServerCommand {
        @Mixin
        ListMode listMode = new ListMode();

        @Override
        void run(BlockingClient client, Printer out) {
            Table table = Table.of("name", "expires_at");
            for (PersonalAccessTokenInfo token : client.personalAccessTokens()) {
                table.row(token.name(), new Cell.Micros(token.expiryAtMicros()));
            }
            out.table(table, listMode.mode);
        }
    }
}
