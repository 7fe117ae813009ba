package io.whippet.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.iggy.client.blocking.IggyBaseClient;
import org.apache.iggy.personalaccesstoken.PersonalAccessTokenInfo;
import org.apache.iggy.stream.StreamBase;
import org.apache.iggy.user.UserInfo;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
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
 * <p>After each test the server is emptied through the SDK so the next test sees ids as on a fresh
 * server (first stream 0, first user 1). Freed ids are reused most recently freed first
 * (wire-protocol.md, section 8), so deleting is not enough when a test freed ids itself: the
 * cleanup first refills every freed stream slot (creating streams until their ids are 0..n-1 and n
 * covers every id seen), then deletes them from the highest id down, which leaves the free list in
 * ascending order. Users are deleted from the highest id down; no test frees a user id below one
 * it leaves behind. A shared server (rather than one per test) matters because every login and
 * user creation costs the server a password hash.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class ContractTestBase {
    /** At least this many stream slots are refilled after each test. */
    private static final int STREAM_RESET_DEPTH = 8;

    private @Nullable EmbeddedServer server;
    private @Nullable Clients clients;
    private long streamIdHighWater;

    /** Root (iggy/iggy), logged in through the flavour's builder; shared by the class's tests. */
    @SuppressWarnings("NullAway.Init")
    IggyBaseClient root;

    abstract ClientFlavour flavour();

    /** Users the cleanup keeps besides root (a subclass's long-lived principals). */
    boolean keepUser(UserInfo user) {
        return false;
    }

    @BeforeAll
    void startServer(@TempDir Path dataDir) {
        EmbeddedServer started =
                EmbeddedServer.start(dataDir.resolve("data"), flavour().tls());
        server = started;
        clients = new Clients(flavour(), () -> flavour().address(started));
        root = clients.classRoot();
    }

    @AfterEach
    void emptyServer() {
        try {
            clients().closeTestClients();
            resetStreams();
            root.users().getUsers().stream()
                    .filter(u -> u.id() != 0 && !keepUser(u))
                    .sorted(Comparator.comparing(UserInfo::id).reversed())
                    .forEach(u -> root.users().deleteUser(u.id()));
            root.personalAccessTokens().getPersonalAccessTokens().stream()
                    .map(PersonalAccessTokenInfo::name)
                    .forEach(name -> root.personalAccessTokens().deletePersonalAccessToken(name));
        } finally {
            clients().closeTestClients();
        }
    }

    private void resetStreams() {
        for (StreamBase stream : root.streams().getStreams()) {
            streamIdHighWater = Math.max(streamIdHighWater, stream.id() + 1);
            root.streams().deleteStream(stream.id());
        }
        List<Long> ids = new ArrayList<>();
        while (ids.size() < Math.max(STREAM_RESET_DEPTH, streamIdHighWater) || !isZeroToN(ids)) {
            if (ids.size() > 10_000) {
                throw new IllegalStateException("stream ids never became 0..n-1: " + ids);
            }
            long id = root.streams().createStream("id-reset-" + ids.size()).id();
            ids.add(id);
            streamIdHighWater = Math.max(streamIdHighWater, id + 1);
        }
        ids.stream()
                .sorted(Comparator.reverseOrder())
                .forEach(id -> root.streams().deleteStream(id));
    }

    private static boolean isZeroToN(List<Long> ids) {
        return ids.stream()
                .sorted()
                .toList()
                .equals(java.util.stream.LongStream.range(0, ids.size()).boxed().toList());
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

    /**
     * Skips the rest of a test over a flavour whose server keeps no session per client (HTTP): there
     * a request has no connection to carry a client id, {@code getMe} or a group membership
     * (http-api.md, sections 1 and 6). {@code why} completes "over HTTP ...".
     */
    void assumeSessions(String why) {
        Assumptions.assumeTrue(flavour().sessionful(), () -> "over HTTP " + why);
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
