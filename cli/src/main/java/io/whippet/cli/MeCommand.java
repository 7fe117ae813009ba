package io.whippet.cli;

import io.whippet.client.BlockingClient;
import picocli.CommandLine.Command;

/** {@code whippet me}: this connection as the server sees it (client id, user, transport, address). */
@Command(name = "me", description = "Show this connection as the server sees it.", mixinStandardHelpOptions = true)
final class MeCommand extends ServerCommand {
    @Override
    void run(BlockingClient client, Printer out) {
        ClientCommands.print(client.me(), out);
    }
}
