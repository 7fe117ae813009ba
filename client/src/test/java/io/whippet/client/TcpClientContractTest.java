package io.whippet.client;

import io.whippet.testing.EmbeddedServer;

class TcpClientContractTest extends ClientContractTest {
    @Override
    protected String connectionString(EmbeddedServer server, String credentials) {
        return "iggy://" + credentials + "@" + server.host() + ":" + server.tcpPort();
    }
}
