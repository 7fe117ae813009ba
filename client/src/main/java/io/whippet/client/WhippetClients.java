package io.whippet.client;

import java.util.concurrent.CompletionException;

/** Picks the client for a configuration's transport, so callers need not name one. */
public final class WhippetClients {
    private WhippetClients() {}

    /** A client for {@code config.transport()}; it connects on first use or {@code connect()}. */
    public static WhippetClient create(ClientConfig config) {
        return WhippetClient.create(config);
    }

    /** Parses the connection string ({@code iggy://}, {@code iggy+quic://} or {@code http://}), connects and logs in. */
    public static WhippetClient connect(String connectionString) {
        WhippetClient client = create(ConnectionString.parse(connectionString));
        try {
            client.connect().join();
        } catch (CompletionException e) {
            client.close();
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return client;
    }
}
