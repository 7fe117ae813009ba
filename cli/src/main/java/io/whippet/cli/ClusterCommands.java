package io.whippet.cli;

import io.whippet.client.BlockingClient;
import io.whippet.protocol.response.ClusterMetadata;
import io.whippet.protocol.response.ClusterNode;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code whippet cluster metadata}: the cluster's nodes (a single node for Whippet). */
@Command(
        name = "cluster",
        aliases = "cl",
        description = "Show the cluster.",
        mixinStandardHelpOptions = true,
        subcommands = ClusterCommands.Metadata.class)
final class ClusterCommands {
    private ClusterCommands() {}

    @Command(
            name = "metadata",
            aliases = "m",
            description = "Show the cluster's nodes.",
            mixinStandardHelpOptions = true)
    static final class Metadata extends ServerCommand {
        @Override
        void run(BlockingClient client, Printer out) {
            ClusterMetadata metadata = client.clusterMetadata();
            out.info("Cluster '" + metadata.name() + "'");
            Table table =
                    Table.of("name", "ip", "tcp_port", "quic_port", "http_port", "websocket_port", "role", "status");
            for (ClusterNode node : metadata.nodes()) {
                table.row(
                        node.name(),
                        node.ip(),
                        node.tcpPort(),
                        node.quicPort(),
                        node.httpPort(),
                        node.websocketPort(),
                        node.role().name().toLowerCase(Locale.ROOT),
                        node.status().name().toLowerCase(Locale.ROOT));
            }
            out.table(table);
        }
    }
}
