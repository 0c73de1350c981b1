package dev.xanthus.core.server;

import dev.xanthus.clients.hetzner.Price;
import dev.xanthus.clients.hetzner.Server;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A Hetzner server as the API shows it: Hetzner's live answer where there is one, the KV config for the rest (a
 * server only KV still knows is {@code missing}), rates from the config (what the user was quoted) before list prices.
 */
final class HetznerView {

    private HetznerView() {}

    /** The view of a server from Hetzner's answer, its KV config, or both (either may be null, not both). */
    static ServerView of(Server server, VpsConfig config, List<AppRecord> apps, String statusOverride, Instant now) {
        long id = server != null ? server.id() : config.serverId();
        BigDecimal hourly = config != null && config.hourlyRate() > 0
                ? BigDecimal.valueOf(config.hourlyRate())
                : listPrice(server, true);
        BigDecimal monthly = config != null && config.monthlyRate() > 0
                ? BigDecimal.valueOf(config.monthlyRate())
                : listPrice(server, false);
        Instant created = server != null && server.created() != null ? server.created() : config.createdInstant();
        int appCount = (int) apps.stream().filter(a -> a.runsOn(id)).count();
        return new ServerView(
                id,
                server != null ? server.name() : config.name(),
                statusOverride != null
                        ? statusOverride
                        : server != null ? server.status().wire() : "missing",
                server != null ? server.ipv4() : config.publicIpv4(),
                server != null
                                && server.publicNet() != null
                                && server.publicNet().ipv6() != null
                        ? server.publicNet().ipv6().ip()
                        : null,
                server != null && server.serverType() != null
                        ? server.serverType().name()
                        : config.serverType(),
                server != null && server.location() != null ? server.location().name() : config.location(),
                server != null && server.serverType() != null
                        ? server.serverType().architecture()
                        : config.architecture(),
                created == null ? null : created.toString(),
                config == null ? null : config.timezone(),
                hourly,
                monthly,
                Costs.soFar(created, now, hourly, monthly),
                appCount,
                config != null,
                ServerView.HETZNER);
    }

    private static BigDecimal listPrice(Server server, boolean hourly) {
        if (server == null
                || server.serverType() == null
                || server.serverType().prices() == null
                || server.location() == null) {
            return null;
        }
        return server.serverType().prices().stream()
                .filter(p -> server.location().name().equals(p.location()))
                .findFirst()
                .map(p -> (hourly ? p.priceHourly() : p.priceMonthly()))
                .map(Price.Amount::gross)
                .orElse(null);
    }
}
