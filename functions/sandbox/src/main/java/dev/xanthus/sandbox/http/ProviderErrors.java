package dev.xanthus.sandbox.http;

import java.util.Map;

/** How the simulated provider words the errors the shared server produces on its behalf. */
public interface ProviderErrors {

    /** No route matches the method and path. */
    SimResponse noRoute();

    /** A handler rejected malformed input. */
    SimResponse badRequest(String message);

    /** A handler failed unexpectedly. */
    SimResponse internalError();

    /** The provider's 429, advising a wait. */
    SimResponse rateLimited(long retryAfterSeconds);

    /**
     * Errors as a JSON object with one message member, {@code field} (GitHub's {@code message}, a bare {@code error}):
     * for providers without an error envelope of their own. A bad request carries the handler's message.
     */
    static ProviderErrors plain(String field, String notFound, String internal, String rateLimited) {
        return new ProviderErrors() {
            @Override
            public SimResponse noRoute() {
                return SimResponse.json(404, Map.of(field, notFound));
            }

            @Override
            public SimResponse badRequest(String message) {
                return SimResponse.json(400, Map.of(field, message));
            }

            @Override
            public SimResponse internalError() {
                return SimResponse.json(500, Map.of(field, internal));
            }

            @Override
            public SimResponse rateLimited(long retryAfterSeconds) {
                return SimResponse.json(429, Map.of(field, rateLimited))
                        .withHeader("Retry-After", Long.toString(retryAfterSeconds));
            }
        };
    }
}
