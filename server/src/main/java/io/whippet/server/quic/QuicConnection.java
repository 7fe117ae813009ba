package io.whippet.server.quic;

import io.netty.handler.codec.quic.QuicChannel;
import io.netty.util.AttributeKey;
import io.whippet.protocol.CommandCode;
import io.whippet.server.command.Session;
import io.whippet.server.tcp.EventLoopBudget;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One QUIC connection's shared state: the {@link Session} every stream of the connection acts
 * in, and the lock that keeps session changes from racing with the commands that read it.
 *
 * <p>Streams run concurrently, each on its own virtual thread. A command that changes who is
 * logged in (login, login with token, logout) takes the write lock; every other command takes the
 * read lock. So a command sees one login state from its permission check to its reply, and a
 * login never interleaves with another login or a logout of the same connection, while ordinary
 * commands (sends, polls, reads) still run side by side. Ordering between streams is not
 * promised, as in Iggy: a client that needs an order waits for one reply before the next request.
 *
 * <p>A quick request (a send without fsync) runs on the connection's event loop instead, as on
 * TCP, when {@link #budget} allows it and its lock is free at once; all streams of a connection
 * share that event loop, which confines the budget.
 */
final class QuicConnection {
    static final AttributeKey<QuicConnection> KEY = AttributeKey.valueOf(QuicConnection.class, "connection");

    private final QuicChannel channel;
    private final Session session;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
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

    /** The lock to hold while running {@code code}: exclusive for the commands that change the session. */
    Lock lockFor(int code) {
        boolean changesSession = code == CommandCode.LOGIN_USER.code()
                || code == CommandCode.LOGIN_WITH_PERSONAL_ACCESS_TOKEN.code()
                || code == CommandCode.LOGOUT_USER.code();
        return changesSession ? lock.writeLock() : lock.readLock();
    }
}
