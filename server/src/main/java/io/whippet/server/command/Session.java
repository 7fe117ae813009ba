package io.whippet.server.command;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client connection's state: its client id, its transport and peer address, and who is
 * logged in on it. Authentication is per connection, as in Iggy. Written by the connection's
 * request thread (requests of a connection run one at a time), read by others (get clients), so
 * the mutable fields are volatile.
 */
public final class Session {
    /** Wire value of client-info user_id when nobody is logged in. */
    public static final long NO_USER = 0xFFFF_FFFFL;

    private static final AtomicInteger NEXT_CLIENT_ID = new AtomicInteger(1);

    private final int clientId;
    private final Transport transport;
    private final String address;
    private volatile long userId = NO_USER;
    private volatile long lastSeenMicros;

    /** Iggy's client-info transport codes. */
    public enum Transport {
        TCP(1),
        QUIC(2),
        HTTP(3);

        private final int code;

        Transport(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    public Session(Transport transport, String address, long nowMicros) {
        this.clientId = NEXT_CLIENT_ID.getAndIncrement();
        this.transport = transport;
        this.address = address;
        this.lastSeenMicros = nowMicros;
    }

    /** Non-zero and unique for the life of the process (0 is the invalid client id, error 101). */
    public int clientId() {
        return clientId;
    }

    public Transport transport() {
        return transport;
    }

    public String address() {
        return address;
    }

    public boolean authenticated() {
        return userId != NO_USER;
    }

    /** The logged-in user's id, or {@link #NO_USER}. */
    public long userId() {
        return userId;
    }

    public void login(long userId) {
        this.userId = userId;
    }

    public void logout() {
        this.userId = NO_USER;
    }

    public long lastSeenMicros() {
        return lastSeenMicros;
    }

    public void touch(long nowMicros) {
        this.lastSeenMicros = nowMicros;
    }

    @Override
    public String toString() {
        return "Session[client=" + clientId + ", " + transport + " " + address + "]";
    }
}
