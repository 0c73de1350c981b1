package dev.xanthus.core.testing;

import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.server.ActionView;
import dev.xanthus.core.server.AppRecord;
import dev.xanthus.core.server.ServerProvider;
import dev.xanthus.core.server.ServerService;
import dev.xanthus.core.server.ServerSpec;
import dev.xanthus.core.server.ServerView;
import dev.xanthus.core.server.VpsConfig;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A cloud for {@link dev.xanthus.core.server.ServerService} unit tests: servers it "runs" are views kept in memory,
 * its credentials are a flag, and every call it gets is recorded ({@link #calls()}), so a test can say which provider
 * a route went to and that a refused request never reached one.
 */
public final class FakeServerProvider implements ServerProvider {

    private final String name;
    private final String configProvider;
    private final Map<Long, ServerView> servers = new LinkedHashMap<>();
    private final List<String> calls = new ArrayList<>();
    private boolean credentials = true;

    /** {@code configProvider}: the {@code provider} of the KV configs this cloud manages ({@code Hetzner}, {@code OCI}). */
    public FakeServerProvider(String name, String configProvider) {
        this.name = name;
        this.configProvider = configProvider;
    }

    /** A running server of this cloud. */
    public FakeServerProvider run(long id, String serverName, String ipv4) {
        servers.put(
                id,
                new ServerView(
                        id,
                        serverName,
                        "running",
                        ipv4,
                        null,
                        "cx22",
                        "fsn1",
                        "x86",
                        null,
                        "UTC",
                        BigDecimal.ZERO,
                        BigDecimal.ZERO,
                        BigDecimal.ZERO,
                        0,
                        false,
                        name));
        return this;
    }

    /** Without credentials: listing needs them ({@code <NAME>_KEY_REQUIRED}), other calls are not made. */
    public FakeServerProvider withoutCredentials() {
        credentials = false;
        return this;
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }

    public boolean runs(long id) {
        return servers.containsKey(id);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean manages(VpsConfig config) {
        return configProvider.equalsIgnoreCase(config.provider());
    }

    @Override
    public boolean hasCredentials(Principal principal) {
        return credentials;
    }

    @Override
    public List<ServerView> list(
            Principal principal, Supplier<List<VpsConfig>> configs, Supplier<List<AppRecord>> apps) {
        calls.add("list");
        if (!credentials) {
            throw AppException.conflict(name.toUpperCase() + "_KEY_REQUIRED", "No " + name + " key.");
        }
        List<ServerView> views = new ArrayList<>(servers.values());
        configs.get().stream()
                .filter(c -> !servers.containsKey(c.serverId()))
                .forEach(c -> views.add(new ServerView(
                        c.serverId(),
                        c.name(),
                        "missing",
                        c.publicIpv4(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        0,
                        true,
                        name)));
        return views;
    }

    @Override
    public ServerService.Created create(Principal principal, ServerSpec spec) {
        throw new UnsupportedOperationException("FakeServerProvider does not create servers");
    }

    @Override
    public Optional<ServerView> get(Principal principal, long id, Optional<VpsConfig> config, List<AppRecord> apps) {
        calls.add("get " + id);
        int count = (int) apps.stream().filter(a -> a.runsOn(id)).count();
        return Optional.ofNullable(servers.get(id))
                .map(v -> new ServerView(
                        v.id(),
                        v.name(),
                        v.status(),
                        v.ipv4(),
                        v.ipv6(),
                        v.serverType(),
                        v.location(),
                        v.architecture(),
                        v.createdAt(),
                        v.timezone(),
                        v.hourlyRate(),
                        v.monthlyRate(),
                        v.costSoFar(),
                        count,
                        config.isPresent(),
                        v.provider()));
    }

    @Override
    public Destroyed destroy(Principal principal, long id, Optional<VpsConfig> config) {
        calls.add("destroy " + id);
        return new Destroyed(servers.remove(id) != null, List.of(), null);
    }

    @Override
    public ActionView power(Principal principal, long id, Optional<VpsConfig> config, String action) {
        calls.add("power " + id + " " + action);
        return new ActionView(1, action, "running", 0, null, null, null, null);
    }

    @Override
    public ActionView action(Principal principal, long id, Optional<VpsConfig> config, long actionId) {
        calls.add("action " + id + " " + actionId);
        return new ActionView(actionId, "poweron", "success", 100, null, null, null, null);
    }
}
