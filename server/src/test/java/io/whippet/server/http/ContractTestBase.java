package io.whippet.server.http;

import io.whippet.server.Server;
import java.nio.file.Path;
import org.apache.iggy.client.blocking.IggyBaseClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One server per contract class and one SDK client over the subclass's transport. Contract
 * classes are written once per resource and subclassed per transport.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
abstract class ContractTestBase {
    Server server;
    IggyBaseClient client;

    abstract Transport transport();

    @BeforeAll
    void startServer(@TempDir Path dataDir) {
        server = TestServer.start(dataDir, transport().serverEnvironment());
        client = transport().connect(server);
    }

    @AfterAll
    void stopServer() throws Exception {
        if (client instanceof AutoCloseable closeable) {
            closeable.close();
        }
        server.close();
    }
}
