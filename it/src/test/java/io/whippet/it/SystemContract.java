package io.whippet.it;

import static io.whippet.it.ServerErrors.assertAuthentication;
import static io.whippet.it.ServerErrors.assertServerError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.iggy.client.blocking.IggyBaseClient;
import org.apache.iggy.exception.IggyNotConnectedException;
import org.apache.iggy.exception.IggyServerException;
import org.apache.iggy.message.Partitioning;
import org.apache.iggy.system.ClientInfo;
import org.apache.iggy.system.ClientInfoDetails;
import org.apache.iggy.system.Stats;
import org.apache.iggy.user.UserStatus;
import org.junit.jupiter.api.Test;

/** Ping, get me, clients and stats (command codes 1, 10, 20, 21, 22). */
abstract class SystemContract extends ContractTestBase {

    @Test
    void pingIsAnsweredWithoutLogin() {
        IggyBaseClient anonymous = clients().anonymous();

        anonymous.system().ping();
        root.system().ping();
    }

    @Test
    void getMeDescribesThisConnection() {
        assumeSessions("the SDK refuses getMe itself: no connection to describe (http-api.md 6)");

        ClientInfoDetails me = root.system().getMe();

        assertThat(me.address()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(me.clientId()).isEqualTo(Xxh32.hash(me.address()));
        assertThat(me.transport()).isEqualTo("Tcp");
        // Root is user 0, which the 0.8.0 SDK shows as "no user".
        assertThat(me.userId()).isEmpty();
        assertThat(me.consumerGroupsCount()).isZero();
        assertThat(me.consumerGroups()).isEmpty();
    }

    @Test
    void getMeShowsTheLoggedInUser() {
        assumeSessions("the SDK refuses getMe itself: no connection to describe (http-api.md 6)");

        root.users().createUser("alice", "secret1", UserStatus.Active, Optional.empty());
        IggyBaseClient alice = clients().login("alice", "secret1");

        ClientInfoDetails me = alice.system().getMe();

        assertThat(me.userId()).contains(1L);
    }

    @Test
    void getClientsListsEveryOpenConnection() {
        assumeSessions("the SDK refuses getMe itself: no connection to describe (http-api.md 6)");

        root.users().createUser("alice", "secret1", UserStatus.Active, Optional.empty());
        IggyBaseClient alice = clients().login("alice", "secret1");
        ClientInfoDetails aliceMe = alice.system().getMe();
        ClientInfoDetails rootMe = root.system().getMe();

        List<ClientInfo> all = root.system().getClients();

        assertThat(all).extracting(ClientInfo::clientId).contains(rootMe.clientId(), aliceMe.clientId());
        ClientInfo aliceInfo = all.stream()
                .filter(c -> c.clientId().equals(aliceMe.clientId()))
                .findFirst()
                .orElseThrow();
        assertThat(aliceInfo.userId()).contains(1L);
        assertThat(aliceInfo.address()).isEqualTo(aliceMe.address());
        assertThat(aliceInfo.transport()).isEqualTo("Tcp");
    }

    @Test
    void getClientByIdMatchesGetMe() {
        assumeSessions("the SDK refuses getMe itself: no connection to describe (http-api.md 6)");

        ClientInfoDetails me = root.system().getMe();

        ClientInfoDetails byId = root.system().getClient(me.clientId());

        assertThat(byId).isEqualTo(me);
    }

    @Test
    void getClientWithIdZeroIsInvalidClientId() {
        assertServerError(() -> root.system().getClient(0L), IggyServerException.class, 101);
    }

    @Test
    void getStatsCountsWhatWasCreated() {
        root.streams().createStream("stats-a");
        root.streams().createStream("stats-b");
        Sdk.createTopic(root, 0, 2, "t0");
        Sdk.createTopic(root, 1, 3, "t1");
        Sdk.createTopic(root, 1, 1, "t2");
        Sdk.send(root, 0, 0, 1, Sdk.texts("m", 0, 4));
        root.messages().sendMessages(Sdk.stream(1), Sdk.topic(0), Partitioning.balanced(), Sdk.texts("n", 0, 3));
        root.consumerGroups().createConsumerGroup(Sdk.stream(1), Sdk.topic(0), "g");

        Stats stats = root.system().getStats();

        assertThat(stats.streamsCount()).isEqualTo(2);
        assertThat(stats.topicsCount()).isEqualTo(3);
        assertThat(stats.partitionsCount()).isEqualTo(6);
        assertThat(stats.segmentsCount()).isGreaterThanOrEqualTo(6);
        assertThat(stats.messagesCount()).isEqualTo(7);
        assertThat(stats.consumerGroupsCount()).isEqualTo(1);
        // Connections only: the HTTP flavour's requests open no client on the server.
        assertThat(stats.clientsCount())
                .isGreaterThanOrEqualTo(clients().flavour().sessionful() ? 1 : 0);
        assertThat(stats.processId()).isEqualTo(ProcessHandle.current().pid());
        assertThat(stats.startTime().signum()).isPositive();
        assertThat(stats.iggyServerVersion()).isNotBlank();
    }

    @Test
    void getStatsWithoutLoginIsUnauthenticated() {
        IggyBaseClient anonymous = clients().anonymous();

        // The SDK sends get stats without a session (it does not guard code 10), so this is the server's 40.
        assertAuthentication(() -> anonymous.system().getStats(), 40);
    }

    @Test
    void concurrentCallsOverAPooledClientAllSucceed() throws Exception {
        root.streams().createStream("pooled");
        IggyBaseClient pooled = clients().login(Clients.ROOT_USERNAME, Clients.ROOT_PASSWORD, 5);
        awaitSdkMarkedAuthenticated(pooled);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> {
                int seen = 0;
                for (int j = 0; j < 10; j++) {
                    seen += pooled.streams().getStreams().size();
                }
                return seen;
            });
        }

        // Each new pooled connection gets the login replayed by the SDK before its first command.
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (Future<Integer> result : threads.invokeAll(calls)) {
                assertThat(result.get()).isEqualTo(10);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * The TCP SDK (0.8.0) completes the caller's login future before it records that it is
     * authenticated, and with a pool larger than one the next call may check that record first and
     * fail locally ("Not authenticated", nothing sent). A race of the SDK's, not the server's: wait
     * until the record is there, so the test exercises the login replay on new connections.
     */
    private static void awaitSdkMarkedAuthenticated(IggyBaseClient client) throws InterruptedException {
        long deadlineNanos = System.nanoTime() + 5_000_000_000L;
        while (true) {
            try {
                client.streams().getStreams();
                return;
            } catch (IggyNotConnectedException e) {
                if (System.nanoTime() > deadlineNanos) {
                    throw e;
                }
                Thread.sleep(10);
            }
        }
    }
}
