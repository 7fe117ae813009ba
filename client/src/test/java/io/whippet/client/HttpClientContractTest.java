package io.whippet.client;

import io.whippet.testing.EmbeddedServer;

/** The client contract over the REST API, through {@code http.WhippetHttpClient}. */
class HttpClientContractTest extends ClientContractTest {
    @Override
    protected String connectionString(EmbeddedServer server, String credentials) {
        return httpUrl(server).replace("http://", "http://" + credentials + "@");
    }

    @Override
    protected boolean hasConnections() {
        return false;
    }
}
