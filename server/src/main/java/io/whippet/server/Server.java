package io.whippet.server;

import io.whippet.protocol.ErrorCode;
import io.whippet.server.command.CommandProcessor;
import io.whippet.server.command.Reply;
import io.whippet.server.command.Session;
import io.whippet.server.config.ServerConfig;
import io.whippet.server.tcp.FrameLimits;
import io.whippet.server.tcp.TcpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A running Whippet server: the assembled components and their lifecycle. {@link WhippetServer}
 * is the command-line entry point; tests start one in-process with {@link #start}.
 *
 * <p>Shutdown order: stop accepting, let in-flight requests finish, close transports, then flush
 * and close storage (which writes the clean-shutdown markers).
 */
public final class Server implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Server.class.getName());

    private final ServerConfig config;
    private final ExecutorService requestExecutor;
    private final @Nullable TcpServer tcp;
    private boolean closed;

    private Server(ServerConfig config, ExecutorService requestExecutor, @Nullable TcpServer tcp) {
        this.config = config;
        this.requestExecutor = requestExecutor;
        this.tcp = tcp;
    }

    public static Server start(ServerConfig config, ServerOptions options) throws IOException {
        InstantSource clock = InstantSource.system();
        ExecutorService requestExecutor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("request-", 0).factory());
        CommandProcessor processor = new PingOnlyProcessor();
        TcpServer tcp = null;
        try {
            if (config.tcp().enabled()) {
                tcp = TcpServer.start(
                        config.tcp().address(), FrameLimits.defaults(), processor, requestExecutor, clock);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            requestExecutor.shutdownNow();
            throw new IOException("interrupted while starting", e);
        }
        return new Server(config, requestExecutor, tcp);
    }

    public ServerConfig config() {
        return config;
    }

    /** The bound TCP address (the real port when configured with port 0). */
    public Optional<InetSocketAddress> tcpAddress() {
        return tcp == null ? Optional.empty() : Optional.of(tcp.localAddress());
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (tcp != null) {
            tcp.stopAccepting();
        }
        requestExecutor.shutdown();
        try {
            if (!requestExecutor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.log(System.Logger.Level.WARNING, "requests still running after 10 s; closing anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (tcp != null) {
            tcp.close();
        }
    }

    /** Placeholder until the command layer lands: answers ping, refuses everything else. */
    private static final class PingOnlyProcessor implements CommandProcessor {
        @Override
        public Reply process(Session session, int code, ByteBuffer payload) {
            return code == 1 ? Reply.EMPTY : Reply.error(ErrorCode.INVALID_COMMAND, "unknown command " + code);
        }

        @Override
        public void connected(Session session) {}

        @Override
        public void disconnected(Session session) {}
    }
}
