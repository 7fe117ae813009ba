package io.whippet.client;

import io.whippet.client.tcp.TcpClient;
import io.whippet.testing.EmbeddedServer;

class TcpClientContractTest extends ClientContractTest {
    @Override
    protected WhippetClient newClient(EmbeddedServer server) {
        return TcpClient.create(ConnectionString.parse(server.connectionString()));
    }

    @Override
    protected WhippetClient newClientWithToken(EmbeddedServer server, String token) {
        return TcpClient.create(
                ConnectionString.parse("iggy://" + token + "@" + server.host() + ":" + server.tcpPort()));
    }

    @Override
    protected boolean hasConnections() {
        return true;
    }
}
