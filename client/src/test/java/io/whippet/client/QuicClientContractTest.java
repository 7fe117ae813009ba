package io.whippet.client;

import io.whippet.testing.EmbeddedServer;

/** The whole client contract over QUIC, against the server's self-signed certificate. */
class QuicClientContractTest extends ClientContractTest {
    @Override
    protected String connectionString(EmbeddedServer server, String credentials) {
        return "iggy+quic://" + credentials + "@" + server.host() + ":"
                + server.quicAddress().getPort() + "?tls_validate_certificate=false";
    }
}
