package dev.xanthus.relay;

import dev.xanthus.core.terminal.TerminalSessionRepository;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions this relay holds, and the housekeeping that keeps DynamoDB in step with them: throttled activity writes
 * (lease renewal), idle timeouts, and the poll for termination requests from the API.
 */
final class SessionRegistry {

    private static final Logger log = LoggerFactory.getLogger(SessionRegistry.class);
    /** A session's item is rewritten at least this often even when nothing changed, to renew its live lease. */
    private static final Duration LEASE_RENEWAL = TerminalSessionRepository.LIVE_LEASE.dividedBy(3);

    private final Map<String, RelaySession> byId = new ConcurrentHashMap<>();
    private volatile boolean draining;

    void add(RelaySession session) {
        byId.put(session.id(), session);
    }

    void remove(RelaySession session) {
        byId.remove(session.id(), session);
    }

    Optional<RelaySession> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    boolean contains(String id) {
        return byId.containsKey(id);
    }

    Collection<RelaySession> all() {
        return List.copyOf(byId.values());
    }

    int size() {
        return byId.size();
    }

    boolean draining() {
        return draining;
    }

    void startDraining() {
        draining = true;
    }

    /** Writes changed totals (and due lease renewals) and ends idle or terminated sessions. Runs off the event loops. */
    void flushState(TerminalSessionRepository repo, Duration idleTimeout) {
        long now = System.currentTimeMillis();
        for (RelaySession s : all()) {
            if (s.ended()) {
                continue;
            }
            if (now - s.lastActivity().toEpochMilli() > idleTimeout.toMillis()) {
                s.end(new Outcome.Failure("IDLE_TIMEOUT", "the session was idle for too long", Protocol.CLOSE_IDLE));
                continue;
            }
            long in = s.bytesIn();
            long out = s.bytesOut();
            if (in == s.flushedIn && out == s.flushedOut && now - s.lastFlushMillis < LEASE_RENEWAL.toMillis()) {
                continue;
            }
            try {
                boolean terminate = repo.recordActivity(s.accountId(), s.id(), s.lastActivity(), in, out);
                s.flushedIn = in;
                s.flushedOut = out;
                s.lastFlushMillis = now;
                if (terminate) {
                    terminated(s);
                }
            } catch (RuntimeException e) {
                log.warn("cannot write the state of terminal session {}: {}", s.id(), e.toString());
            }
        }
    }

    /** One Query for all termination requests; ends the ones this relay holds. */
    void pollTerminations(TerminalSessionRepository repo) {
        if (byId.isEmpty()) {
            return;
        }
        try {
            Set<String> ids = repo.pendingTerminations();
            ids.forEach(id -> find(id).ifPresent(this::terminated));
        } catch (RuntimeException e) {
            log.warn("cannot poll terminal termination requests: {}", e.toString());
        }
    }

    private void terminated(RelaySession s) {
        s.end(new Outcome.Failure(
                "SESSION_TERMINATED", "the session was ended from the API", Protocol.CLOSE_TERMINATED));
        // a detached session has no socket to resume into any more
        remove(s);
    }
}
