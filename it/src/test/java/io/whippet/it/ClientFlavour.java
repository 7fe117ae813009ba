package io.whippet.it;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.apache.iggy.client.async.tcp.AsyncIggyTcpClient;
import org.apache.iggy.client.blocking.IggyBaseClient;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;

/**
 * The SDK transports a contract test can run over. Each builds a connected client through the SDK's
 * own builder; the caller closes it ({@link Clients} does that). The HTTP flavour slots in here once
 * the server speaks HTTP. The {@code _TLS} flavours need a server started with TLS ({@link #tls()}).
 *
 * <p>{@code poolSize} is the SDK's connection-pool size. The contract tests use 1: consumer-group
 * membership and {@code getMe} belong to one TCP connection, and with a larger pool the SDK may run
 * the next call on a fresh connection (it releases a connection only after completing the caller's
 * future).
 */
enum ClientFlavour {
    /** {@code IggyTcpClient}: the SDK's blocking TCP client. */
    BLOCKING_TCP {
        @Override
        IggyBaseClient connect(InetSocketAddress address, int poolSize) {
            IggyTcpClient client = builder(address, poolSize).build();
            client.connect();
            return client;
        }

        @Override
        IggyBaseClient login(InetSocketAddress address, String username, String password, int poolSize) {
            return builder(address, poolSize).credentials(username, password).buildAndLogin();
        }

        private org.apache.iggy.client.blocking.tcp.IggyTcpClientBuilder builder(
                InetSocketAddress address, int poolSize) {
            return builderFor(address, poolSize);
        }
    },
    /** {@code AsyncIggyTcpClient}, each future awaited by {@link AsyncBlockingClient}. */
    ASYNC_TCP {
        @Override
        IggyBaseClient connect(InetSocketAddress address, int poolSize) {
            AsyncIggyTcpClient client = builder(address, poolSize).build();
            AsyncBlockingClient.await(client.connect());
            return new AsyncBlockingClient(client);
        }

        @Override
        IggyBaseClient login(InetSocketAddress address, String username, String password, int poolSize) {
            // build + connect + login() rather than buildAndLogin(), so a refused login still closes the client.
            AsyncIggyTcpClient client =
                    builder(address, poolSize).credentials(username, password).build();
            try {
                AsyncBlockingClient.await(client.connect());
                AsyncBlockingClient.await(client.login());
            } catch (RuntimeException e) {
                Thread.ofVirtual().start(client::close);
                throw e;
            }
            return new AsyncBlockingClient(client);
        }

        private org.apache.iggy.client.async.tcp.AsyncIggyTcpClientBuilder builder(
                InetSocketAddress address, int poolSize) {
            return asyncBuilderFor(address, poolSize);
        }
    },
    /**
     * {@code IggyTcpClient} over TLS, trusting the {@link TestCertificate}; the server must be
     * started with TLS ({@link #tls()}).
     */
    BLOCKING_TCP_TLS {
        @Override
        IggyBaseClient connect(InetSocketAddress address, int poolSize) {
            IggyTcpClient client = builder(address, poolSize).build();
            client.connect();
            return client;
        }

        @Override
        IggyBaseClient login(InetSocketAddress address, String username, String password, int poolSize) {
            return builder(address, poolSize).credentials(username, password).buildAndLogin();
        }

        @Override
        boolean tls() {
            return true;
        }

        private org.apache.iggy.client.blocking.tcp.IggyTcpClientBuilder builder(
                InetSocketAddress address, int poolSize) {
            return builderFor(address, poolSize)
                    .enableTls()
                    .tlsCertificate(TestCertificate.certFile().toFile());
        }
    },
    /** {@code AsyncIggyTcpClient} over TLS, trusting the {@link TestCertificate}. */
    ASYNC_TCP_TLS {
        @Override
        IggyBaseClient connect(InetSocketAddress address, int poolSize) {
            AsyncIggyTcpClient client = builder(address, poolSize).build();
            AsyncBlockingClient.await(client.connect());
            return new AsyncBlockingClient(client);
        }

        @Override
        IggyBaseClient login(InetSocketAddress address, String username, String password, int poolSize) {
            AsyncIggyTcpClient client =
                    builder(address, poolSize).credentials(username, password).build();
            try {
                AsyncBlockingClient.await(client.connect());
                AsyncBlockingClient.await(client.login());
            } catch (RuntimeException e) {
                Thread.ofVirtual().start(client::close);
                throw e;
            }
            return new AsyncBlockingClient(client);
        }

        @Override
        boolean tls() {
            return true;
        }

        private org.apache.iggy.client.async.tcp.AsyncIggyTcpClientBuilder builder(
                InetSocketAddress address, int poolSize) {
            return asyncBuilderFor(address, poolSize)
                    .enableTls()
                    .tlsCertificate(TestCertificate.certFile().toFile());
        }
    };

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    /** Whether the server must serve TCP inside TLS (with the {@link TestCertificate}) for this flavour. */
    boolean tls() {
        return false;
    }

    /** The SDK's blocking builder for {@code address}, before any TLS option. */
    org.apache.iggy.client.blocking.tcp.IggyTcpClientBuilder builderFor(InetSocketAddress address, int poolSize) {
        return IggyTcpClient.builder()
                .host(address.getHostString())
                .port(address.getPort())
                .connectionPoolSize(poolSize)
                .requestTimeout(REQUEST_TIMEOUT);
    }

    /** The SDK's async builder for {@code address}, before any TLS option. */
    org.apache.iggy.client.async.tcp.AsyncIggyTcpClientBuilder asyncBuilderFor(
            InetSocketAddress address, int poolSize) {
        return AsyncIggyTcpClient.builder()
                .host(address.getHostString())
                .port(address.getPort())
                .connectionPoolSize(poolSize)
                .acquireTimeout(REQUEST_TIMEOUT)
                .requestTimeout(REQUEST_TIMEOUT);
    }

    /** A connected client that has not logged in. */
    abstract IggyBaseClient connect(InetSocketAddress address, int poolSize);

    /** A connected client logged in with the credentials given to the SDK's builder. */
    abstract IggyBaseClient login(InetSocketAddress address, String username, String password, int poolSize);
}
