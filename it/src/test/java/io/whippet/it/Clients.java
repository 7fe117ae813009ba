package io.whippet.it;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.iggy.client.blocking.IggyBaseClient;

/**
 * Opens SDK clients of one {@link ClientFlavour} against one server and closes every one of them.
 * The address is asked for on each open, so clients opened after a server restart reach the new
 * port. Owned by the test thread.
 *
 * <p>Closing is asynchronous: the SDK closes its sockets at once but then waits out Netty's
 * two-second graceful shutdown of the client's event loops, which would add seconds to every test.
 * {@link #closeTestClients()} starts those closes on virtual threads; {@link #close()} waits for all
 * of them, so nothing outlives the test class.
 */
final class Clients implements AutoCloseable {
    static final String ROOT_USERNAME = "iggy";
    static final String ROOT_PASSWORD = "iggy";

    private final ClientFlavour flavour;
    private final Supplier<InetSocketAddress> address;
    private final List<IggyBaseClient> testClients = new ArrayList<>();
    private final List<IggyBaseClient> classClients = new ArrayList<>();
    private final List<Thread> closing = new ArrayList<>();

    Clients(ClientFlavour flavour, Supplier<InetSocketAddress> address) {
        this.flavour = flavour;
        this.address = address;
    }

    ClientFlavour flavour() {
        return flavour;
    }

    /** A root client (iggy/iggy) that stays open until {@link #close()}. */
    IggyBaseClient classRoot() {
        IggyBaseClient client = flavour.login(address.get(), ROOT_USERNAME, ROOT_PASSWORD, 1);
        classClients.add(client);
        return client;
    }

    /** A client logged in as {@code username} that stays open until {@link #close()}. */
    IggyBaseClient classLogin(String username, String password) {
        IggyBaseClient client = flavour.login(address.get(), username, password, 1);
        classClients.add(client);
        return client;
    }

    /** A new client logged in as root (iggy/iggy), closed after the test. */
    IggyBaseClient root() {
        return login(ROOT_USERNAME, ROOT_PASSWORD);
    }

    /** A new client logged in through the builder's credentials; login failures propagate. */
    IggyBaseClient login(String username, String password) {
        return login(username, password, 1);
    }

    /** A new client logged in through the builder, with an SDK connection pool of {@code poolSize}. */
    IggyBaseClient login(String username, String password, int poolSize) {
        return track(flavour.login(address.get(), username, password, poolSize));
    }

    /** A new connected client that has not logged in. */
    IggyBaseClient anonymous() {
        return track(flavour.connect(address.get(), 1));
    }

    /** A new client logged in with a personal access token. */
    IggyBaseClient withToken(String token) {
        IggyBaseClient client = anonymous();
        client.personalAccessTokens().loginWithPersonalAccessToken(token);
        return client;
    }

    private IggyBaseClient track(IggyBaseClient client) {
        testClients.add(client);
        return client;
    }

    /** Closes one client now and waits (the server then sees its connection drop). */
    void closeNow(IggyBaseClient client) {
        testClients.remove(client);
        classClients.remove(client);
        closeQuietly(client);
    }

    /** Starts closing every client opened since the last call, except the class-level ones. */
    void closeTestClients() {
        for (IggyBaseClient client : testClients) {
            closing.add(Thread.ofVirtual().name("close-client").start(() -> closeQuietly(client)));
        }
        testClients.clear();
    }

    @Override
    public void close() {
        closeTestClients();
        for (IggyBaseClient client : classClients) {
            closing.add(Thread.ofVirtual().name("close-client").start(() -> closeQuietly(client)));
        }
        classClients.clear();
        for (Thread thread : closing) {
            try {
                thread.join(java.time.Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        closing.clear();
    }

    private static void closeQuietly(IggyBaseClient client) {
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // Closing a client whose server is gone may fail; the test has its result already.
            }
        }
    }
}
