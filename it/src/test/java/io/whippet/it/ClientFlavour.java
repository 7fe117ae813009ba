package io.whippet.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.apache.iggy.client.async.tcp.AsyncIggyTcpClient;
import org.apache.iggy.client.blocking.IggyBaseClient;
import org.apache.iggy.client.blocking.http.IggyHttpClient;
import org.apache.iggy.client.blocking.http.IggyHttpClientBuilder;
import org.apache.iggy.client.blocking.tcp.IggyTcpClient;

/**
 * The SDK transports a contract test can run over. Each builds a connected client through the SDK's
 * own builder; the caller closes it ({@link Clients} does that). The {@code _TLS} flavours need a
 * server started with TLS ({@link #tls()}).
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
    },
    /**
     * {@code IggyHttpClient}: the SDK's blocking REST client. HTTP has no connections the server
     * keeps state on, so the SDK refuses {@code getMe} and consumer-group join/leave locally, and
     * every group-kind consumer is sent as a plain consumer (http-api.md, sections 1 and 4.8).
     * {@code poolSize} does not apply: the SDK's Apache client pools connections itself.
     */
    BLOCKING_HTTP {
        @Override
        IggyBaseClient connect(InetSocketAddress address, int poolSize) {
            return builder(address).build();
        }

        @Override
        IggyBaseClient login(InetSocketAddress address, String username, String password, int poolSize) {
            IggyHttpClient client =
                    builder(address).credentials(username, password).build();
            try {
                client.login();
            } catch (RuntimeException e) {
                closeQuietly(client);
                throw e;
            }
            return client;
        }

        @Override
        InetSocketAddress address(EmbeddedServer server) {
            return server.httpAddress();
        }

        @Override
        boolean sessionful() {
            return false;
        }

        private IggyHttpClientBuilder builder(InetSocketAddress address) {
            return IggyHttpClient.builder()
                    .host(address.getHostString())
                    .port(address.getPort())
                    .connectionTimeout(REQUEST_TIMEOUT)
                    .requestTimeout(REQUEST_TIMEOUT);
        }

        private static void closeQuietly(IggyHttpClient client) {
            try {
                client.close();
            } catch (IOException ignored) {
                // The login already failed; that is the error the caller sees.
            }
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

    /** Where this flavour reaches {@code server}. */
    InetSocketAddress address(EmbeddedServer server) {
        return server.tcpAddress();
    }

    /**
     * Whether the server keeps a session per client: a connection with its own client id, its
     * consumer-group memberships and {@code getMe}. False over HTTP, where every request stands
     * alone (http-api.md, section 1).
     */
    boolean sessionful() {
        return true;
    }
}
