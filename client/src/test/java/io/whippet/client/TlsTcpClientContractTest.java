package io.whippet.client;

import io.whippet.testing.EmbeddedServer;
import org.junit.jupiter.api.BeforeAll;

/** The client contract over TLS: a server with its self-signed certificate, verified by the client. */
class TlsTcpClientContractTest extends ClientContractTest {
    /** Hides the plaintext server start of the base class. */
    @BeforeAll
    static void startServer() {
        server = EmbeddedServer.startWithTls();
    }

    /** The server's own connection string, which carries the TLS options, with these credentials. */
    @Override
    protected String connectionString(EmbeddedServer server, String credentials) {
        String withRoot = server.connectionString();
        String root = EmbeddedServer.ROOT_USERNAME + ":" + EmbeddedServer.ROOT_PASSWORD + "@";
        return withRoot.replace(root, credentials + "@");
    }
}
