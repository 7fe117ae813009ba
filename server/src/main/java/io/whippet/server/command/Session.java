package io.whippet.server.command;

import io.whippet.protocol.Xxh32;
import java.nio.charset.StandardCharsets;

/**
 * One client connection's state: its client id, its transport and peer address, and who is
 * logged in on it. Authentication is per connection, as in Iggy. Written by the connection's
 * request thread (requests of a connection run one at a time), read by others (get clients), so
 * the mutable fields are volatile.
 */
public final class Session {
    /** Wire value of client-info user_id when nobody is logged in. */
    public static final long NO_USER = 0xFFFF_FFFFL;

    private final long clientId;
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
        // As Iggy 0.8.0: the XXH32 of the peer address, unique while that address is connected.
        long hash = Xxh32.hash(address.getBytes(StandardCharsets.UTF_8));
        this.clientId = hash == 0 ? 1 : hash;
        this.transport = transport;
        this.address = address;
        this.lastSeenMicros = nowMicros;
    }

    /** The u32 client id: XXH32 of the peer address, never 0 (the invalid client id, error 101). */
    public long clientId() {
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
