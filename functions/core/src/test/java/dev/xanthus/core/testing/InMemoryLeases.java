package dev.xanthus.core.testing;

import dev.xanthus.core.error.AppException;
import dev.xanthus.core.lock.Leases;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@link Leases} in memory for unit tests: a lease held by another answers 409 {@code BUSY} at once (no waiting), and
 * every lease taken is recorded, so a test can say which resource a service locked.
 */
public final class InMemoryLeases implements Leases {

    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final List<String> taken = new ArrayList<>();

    @Override
    public <T> T exclusive(String accountId, String resource, String what, Supplier<T> work) {
        String key = accountId + "/" + resource;
        if (!held.add(key)) {
            throw new AppException.Conflict(
                    "BUSY", "Another request is already changing " + what + ".", Map.of("resource", resource));
        }
        synchronized (taken) {
            taken.add(resource);
        }
        try {
            return work.get();
        } finally {
            held.remove(key);
        }
    }

    /** Holds {@code resource} of {@code accountId} as another request would, until {@link #release}. */
    public void holdElsewhere(String accountId, String resource) {
        held.add(accountId + "/" + resource);
    }

    public void release(String accountId, String resource) {
        held.remove(accountId + "/" + resource);
    }

    /** The resources leased so far, in order. */
    public List<String> taken() {
        synchronized (taken) {
            return List.copyOf(taken);
        }
    }
}
