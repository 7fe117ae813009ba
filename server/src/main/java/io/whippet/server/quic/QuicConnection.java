package io.whippet.server.quic;

import io.netty.handler.codec.quic.QuicChannel;
import io.netty.util.AttributeKey;
import io.whippet.server.command.Session;
import io.whippet.server.tcp.EventLoopBudget;
import java.util.concurrent.locks.Lock;

/**
 * One QUIC connection's shared state: the {@link Session} every stream of the connection acts
 * in, and the lock that keeps session changes from racing with the commands that read it.
 *
 * <p>Streams run concurrently, each on its own virtual thread, under the connection's {@link
 * SessionLock}. Ordering between streams is not promised, as in Iggy: a client that needs an order
 * waits for one reply before the next request.
 *
 * <p>A quick request (a send without fsync) runs on the connection's event loop instead, as on
 * TCP, when {@link #budget} allows it and its lock is free at once; all streams of a connection
 * share that event loop, which confines the budget.
 */
final class QuicConnection {
    static final AttributeKey<QuicConnection> KEY = AttributeKey.valueOf(QuicConnection.class, "connection");

    private final QuicChannel channel;
    private final Session session;
    private final SessionLock lock = new SessionLock();
    private final EventLoopBudget budget = new EventLoopBudget();
    private final RequestBudget.Connection requestBytes;

    QuicConnection(QuicChannel channel, Session session, RequestBudget.Connection requestBytes) {
        this.channel = channel;
        this.session = session;
        this.requestBytes = requestBytes;
    }

    QuicChannel channel() {
        return channel;
    }

    Session session() {
        return session;
    }

    /** The bytes this connection's unfinished requests may hold; any thread. */
    RequestBudget.Connection requestBytes() {
        return requestBytes;
    }

    /** Whether a quick request may run on the event loop; use only there. */
    EventLoopBudget budget() {
        return budget;
    }

    /** The lock to hold while running {@code code}; see {@link SessionLock}. */
    Lock lockFor(int code) {
        return lock.lockFor(code);
    }
}
