package io.whippet.client;

import io.whippet.testing.EmbeddedServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole client contract over QUIC on the quiche engine ({@code quic.engine = "quiche"}), which
 * a server without the ngtcp2 library falls back to; {@link QuicClientContractTest} covers the
 * engine {@code auto} picks.
 */
class QuicheClientContractTest extends QuicClientContractTest {
    @BeforeAll
    static void restartOnQuiche() {
        server.close();
        Map<String, String> environment = new HashMap<>(EmbeddedServer.QUIC_ON);
        environment.put("IGGY_HTTP_ENABLED", "true");
        environment.put("IGGY_HTTP_ADDRESS", "127.0.0.1:0");
        environment.put("IGGY_QUIC_ENGINE", "quiche");
        server = EmbeddedServer.start(environment);
    }
}
