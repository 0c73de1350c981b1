package dev.xanthus.core.session;

import java.time.Instant;
import java.util.Optional;

/** Stores sessions; a session past its expiry is never returned, whether or not the store has deleted it yet. */
public interface SessionRepository {

    void put(Session session);

    Optional<Session> find(String id);

    void markTokenValidated(String id, Instant at);

    void delete(String id);
}
