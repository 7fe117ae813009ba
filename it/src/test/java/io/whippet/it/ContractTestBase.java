package io.whippet.it;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import org.apache.iggy.client.blocking.IggyBaseClient;
import org.apache.iggy.personalaccesstoken.PersonalAccessTokenInfo;
import org.apache.iggy.stream.StreamBase;
import org.apache.iggy.user.UserInfo;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One embedded server per test class, shared by its tests, reached through one SDK flavour chosen
 * by the subclass. One root client ({@link #root}) serves the whole class (tests must not log it
 * out); every other client a test opens is closed after it, so consumer-group memberships of those
 * clients end with the test.
 *
 * <p>After each test the server is emptied through the SDK: streams and non-root users are deleted
 * in descending id order, and root's tokens removed. Descending order matters: ids are reused most
 * recently freed first (wire-protocol.md, section 8), so deleting n-1 .. 0 makes the next test's
 * ids start at 0 again, as on a fresh server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class ContractTestBase {
    private @Nullable EmbeddedServer server;
    private @Nullable Clients clients;

    /** Root (iggy/iggy), logged in through the flavour's builder; shared by the class's tests. */
    @SuppressWarnings("NullAway.Init")
    IggyBaseClient root;

    abstract ClientFlavour flavour();

    @BeforeAll
    void startServer(@TempDir Path dataDir) {
        EmbeddedServer started = EmbeddedServer.start(dataDir.resolve("data"));
        server = started;
        clients = new Clients(flavour(), started::tcpAddress);
        root = clients.classRoot();
    }

    @AfterEach
    void emptyServer() {
        try {
            IggyBaseClient admin = root;
            admin.streams().getStreams().stream()
                    .sorted(Comparator.comparing(StreamBase::id).reversed())
                    .forEach(s -> admin.streams().deleteStream(s.id()));
            admin.users().getUsers().stream()
                    .filter(u -> u.id() != 0)
                    .sorted(Comparator.comparing(UserInfo::id).reversed())
                    .forEach(u -> admin.users().deleteUser(u.id()));
            admin.personalAccessTokens().getPersonalAccessTokens().stream()
                    .map(PersonalAccessTokenInfo::name)
                    .forEach(name -> admin.personalAccessTokens().deletePersonalAccessToken(name));
        } finally {
            clients().closeTestClients();
        }
    }

    @AfterAll
    void stopServer() {
        if (clients != null) {
            clients.close();
        }
        if (server != null) {
            server.close();
        }
    }

    Clients clients() {
        if (clients == null) {
            throw new IllegalStateException("server not started");
        }
        return clients;
    }

    EmbeddedServer server() {
        if (server == null) {
            throw new IllegalStateException("server not started");
        }
        return server;
    }
}
