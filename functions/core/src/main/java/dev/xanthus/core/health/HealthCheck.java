package dev.xanthus.core.health;

import java.util.Optional;

/** One dependency or bundled resource the service relies on. */
public interface HealthCheck {

    /** Reported as {@code ok}, {@code warning} (works, but someone must act soon) or {@code failing}. */
    enum Result {
        OK,
        WARNING,
        FAILING;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    String name();

    Result check();

    /** A sentence for whoever runs the service, shown beside a warning or failure. */
    default Optional<String> detail() {
        return Optional.empty();
    }
}
