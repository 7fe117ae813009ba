package io.whippet.server.quic;

import io.whippet.protocol.CommandCode;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The lock that keeps a QUIC connection's session changes from racing with the commands that read
 * it. Streams of one connection run concurrently; a command that changes who is logged in (login,
 * login with token, logout) takes the write lock, every other command the read lock. So a command
 * sees one login state from its permission check to its reply, and a login never interleaves with
 * another login or a logout of the same connection, while ordinary commands still run side by side.
 * Shared by both QUIC engines; any thread.
 */
public final class SessionLock {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    /** The lock to hold while running {@code code}: exclusive for the commands that change the session. */
    public Lock lockFor(int code) {
        boolean changesSession = code == CommandCode.LOGIN_USER.code()
                || code == CommandCode.LOGIN_WITH_PERSONAL_ACCESS_TOKEN.code()
                || code == CommandCode.LOGOUT_USER.code();
        return changesSession ? lock.writeLock() : lock.readLock();
    }
}
