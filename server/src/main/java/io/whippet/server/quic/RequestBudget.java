package io.whippet.server.quic;

import io.whippet.server.tcp.FrameLimits;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * How many bytes the request payloads of QUIC streams may hold at once, from the moment a
 * request's header declares its length until the request has run (or its stream is gone): per
 * connection, and for all connections of one endpoint together.
 *
 * <p>Why: on TCP a connection has one request frame in flight, but a QUIC client may open up to
 * {@code max_concurrent_bidi_streams} (10,000 by default) streams at once. Each stream's payload
 * buffer is made as soon as its 8-byte header is in, so without a budget a client that sends
 * headers only (a 64 KiB login before authentication, a 64 MiB batch after) made the server
 * allocate gigabytes for a few kilobytes of traffic. A request over the budget is refused on its
 * stream like a frame over {@link FrameLimits}; the connection and its other streams go on.
 *
 * <p>Thread-safe: reservations are taken on the endpoint's I/O thread and may be released by the
 * thread that ran the request.
 */
public final class RequestBudget {
    /** Requests gathered at once before login: a login and a few pings. */
    static final int UNAUTHENTICATED_REQUESTS = 4;
    /** Largest requests gathered at once per logged-in connection. */
    static final int AUTHENTICATED_REQUESTS = 2;

    private final long maxUnauthenticatedBytes;
    private final long maxConnectionBytes;
    private final long maxEndpointBytes;
    private final AtomicLong endpointBytes = new AtomicLong();

    RequestBudget(long maxUnauthenticatedBytes, long maxConnectionBytes, long maxEndpointBytes) {
        this.maxUnauthenticatedBytes = maxUnauthenticatedBytes;
        this.maxConnectionBytes = maxConnectionBytes;
        this.maxEndpointBytes = maxEndpointBytes;
    }

    /**
     * Room for {@value #UNAUTHENTICATED_REQUESTS} of the largest requests allowed before login and
     * {@value #AUTHENTICATED_REQUESTS} of the largest allowed after it per connection; for the
     * whole endpoint, a quarter of the heap (request payloads of the ngtcp2 engine live there) but
     * at least one connection's share.
     */
    public static RequestBudget of(FrameLimits limits) {
        long connection =
                AUTHENTICATED_REQUESTS * (long) Math.max(limits.maxSendPayloadBytes(), limits.maxControlPayloadBytes());
        return new RequestBudget(
                UNAUTHENTICATED_REQUESTS * (long) limits.maxUnauthenticatedPayloadBytes(),
                connection,
                Math.max(connection, Runtime.getRuntime().maxMemory() / 4));
    }

    /** A new connection's share, empty. */
    public Connection connection() {
        return new Connection();
    }

    /** The bytes one connection's requests hold. */
    public final class Connection {
        private final AtomicLong bytes = new AtomicLong();

        private Connection() {}

        /**
         * Reserves {@code requestBytes} for a request, or answers why not (null when reserved).
         * {@code authenticated}: whether the connection is logged in, which sets its limit.
         */
        public @Nullable String tryReserve(long requestBytes, boolean authenticated) {
            long limit = authenticated ? maxConnectionBytes : maxUnauthenticatedBytes;
            long held = bytes.addAndGet(requestBytes);
            if (held > limit) {
                bytes.addAndGet(-requestBytes);
                return "the connection's unfinished requests would hold " + held + " bytes (limit " + limit + ")";
            }
            long total = endpointBytes.addAndGet(requestBytes);
            if (total > maxEndpointBytes) {
                endpointBytes.addAndGet(-requestBytes);
                bytes.addAndGet(-requestBytes);
                return "unfinished QUIC requests of all connections would hold " + total + " bytes (limit "
                        + maxEndpointBytes + ")";
            }
            return null;
        }

        /** Gives back what {@link #tryReserve} took for one request. */
        public void release(long requestBytes) {
            if (requestBytes > 0) {
                bytes.addAndGet(-requestBytes);
                endpointBytes.addAndGet(-requestBytes);
            }
        }

        /** What this connection's requests hold now (tests and diagnostics). */
        public long heldBytes() {
            return bytes.get();
        }
    }

    /** What all connections' requests hold now (tests and diagnostics). */
    public long heldBytes() {
        return endpointBytes.get();
    }
}
