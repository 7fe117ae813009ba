package io.whippet.client;

import io.whippet.client.http.WhippetHttpClient;
import io.whippet.testing.EmbeddedServer;

class HttpClientContractTest extends ClientContractTest {
    @Override
    protected WhippetClient newClient(EmbeddedServer server) {
        String url = httpUrl(server).replace("http://", "http://iggy:iggy@");
        return WhippetClient.create(ConnectionString.parse(url));
    }

    @Override
    protected WhippetClient newClientWithToken(EmbeddedServer server, String token) {
        return WhippetHttpClient.create(
                ConnectionString.parse(httpUrl(server).replace("http://", "http://" + token + "@")));
    }

    @Override
    protected boolean hasConnections() {
        return false;
    }
}
