package dev.xanthus.core.app;

import dev.xanthus.core.app.catalog.Catalog;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.lock.Leases;
import dev.xanthus.core.server.ServerAccess;
import dev.xanthus.core.server.ServerDirectory;
import dev.xanthus.core.server.ServerHealth;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;

/**
 * What every applications service works with: the catalog, the {@code app:*} records, the servers (KV directory and
 * SSH access), the leases around KV check-then-write, and the clock. Built once per function; {@code access} decides
 * whether SSH runs on the request path's or the jobs' timeouts.
 */
public record AppContext(
        Catalog catalog, AppRecords records, ServerAccess access, ServerDirectory servers, Leases leases, Clock clock) {

    /** Now, to the second, as app records carry their times. */
    String now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Runs {@code work} over one SSH session on the app's server. */
    <T> T remote(Principal principal, Application app, Function<AppRemote, T> work) {
        return access.withSession(principal, app.serverId(), (session, config) -> work.apply(new AppRemote(session)));
    }

    /** Status and health of the apps' servers, over the same access. */
    ServerHealth health() {
        return new ServerHealth(access, servers, clock);
    }
}
