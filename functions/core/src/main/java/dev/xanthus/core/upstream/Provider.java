package dev.xanthus.core.upstream;

import dev.xanthus.core.error.AppException;
import java.util.Map;

/**
 * A provider as its failures name it: {@code code} prefixes the error codes ({@code HETZNER_UNREACHABLE}), {@code
 * name} starts the messages. What every provider's translation says alike is said here once.
 */
record Provider(String code, String name) {

    /** 502: the provider could not be reached at all, so the advice is about this server's network, not the call. */
    AppException unreachable(String reason, Throwable cause) {
        return new AppException.Upstream(
                code + "_UNREACHABLE",
                name + ": " + reason + ". Check this server's network connection, then try again.",
                Map.of(),
                cause);
    }
}
