package dev.xanthus.core.lock;

import java.util.function.Supplier;

/**
 * Short exclusive leases on one account's resources (a domain being configured, a host name being claimed, an app
 * being upgraded). Workers KV has no conditional writes, so without them two requests on two Lambda instances could
 * both pass a "not yet used" check and both write. {@link DynamoLeases} holds them in DynamoDB.
 */
public interface Leases {

    /**
     * Runs {@code work} holding the lease on {@code resource} of {@code accountId}. When another request keeps holding
     * it, answers 409 {@code BUSY} naming {@code what} — and {@code work} does not run.
     */
    <T> T exclusive(String accountId, String resource, String what, Supplier<T> work);
}
