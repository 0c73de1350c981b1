package dev.xanthus.core.server;

import dev.xanthus.clients.oci.OciInstance;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An Oracle Cloud server as the API shows it: the KV config is the list of servers (as in the Go program), the
 * instance adds its live state and shape; a VM added by its address is {@code external}.
 */
final class OciView {

    private OciView() {}

    /** The view of a server from its KV config and, when Oracle Cloud still has it, its instance (else null). */
    static ServerView of(
            VpsConfig config, OciInstance instance, List<AppRecord> apps, String statusOverride, Instant now) {
        String status =
                statusOverride != null ? statusOverride : instance == null ? "missing" : OciInstances.status(instance);
        Instant created =
                instance != null && instance.timeCreated() != null ? instance.timeCreated() : config.createdInstant();
        BigDecimal rate = config.hourlyRate() > 0 ? BigDecimal.valueOf(config.hourlyRate()) : BigDecimal.ZERO;
        BigDecimal monthly = config.monthlyRate() > 0 ? BigDecimal.valueOf(config.monthlyRate()) : BigDecimal.ZERO;
        int appCount =
                (int) apps.stream().filter(a -> a.runsOn(config.serverId())).count();
        return new ServerView(
                config.serverId(),
                config.name(),
                status,
                config.publicIpv4(),
                null,
                instance != null && instance.shape() != null ? instance.shape() : config.serverType(),
                config.region() != null ? config.region() : config.location(),
                config.architecture(),
                created == null ? null : created.toString(),
                config.timezone(),
                rate,
                monthly,
                Costs.soFar(created, now, rate, monthly),
                appCount,
                true,
                ServerView.OCI);
    }
}
