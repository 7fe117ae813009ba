package io.whippet.client;

import io.whippet.client.tcp.TcpClient;
import io.whippet.testing.EmbeddedServer;
import org.junit.jupiter.api.BeforeAll;

/** The client contract over TLS: a server with its self-signed certificate, verified by the client. */
class TlsTcpClientContractTest extends ClientContractTest {
    /** Hides the plaintext server start of the base class. */
    @BeforeAll
    static void startServer() {
        server = EmbeddedServer.startWithTls();
    }

    @Override
    protected WhippetClient newClient(EmbeddedServer server) {
        return TcpClient.create(ConnectionString.parse(server.connectionString()));
    }
}
