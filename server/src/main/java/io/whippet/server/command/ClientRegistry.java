package io.whippet.server.command;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The sessions currently connected, by client id, for GetClients/GetClient and stats. Thread-safe. */
public final class ClientRegistry {
    private final Map<Long, Session> sessions = new ConcurrentHashMap<>();

    void add(Session session) {
        sessions.put(session.clientId(), session);
    }

    void remove(Session session) {
        sessions.remove(session.clientId());
    }

    public Optional<Session> session(long clientId) {
        return Optional.ofNullable(sessions.get(clientId));
    }

    public Collection<Session> sessions() {
        return sessions.values();
    }

    public int size() {
        return sessions.size();
    }
}
