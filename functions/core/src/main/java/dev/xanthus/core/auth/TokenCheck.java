package dev.xanthus.core.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.xanthus.clients.cloudflare.CloudflareClient;
import dev.xanthus.clients.cloudflare.CloudflareException;
import dev.xanthus.clients.cloudflare.Zone;
import dev.xanthus.clients.cloudflare.ZoneSetting;
import dev.xanthus.core.upstream.Upstreams;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * Which Cloudflare token permissions Xanthus needs are there, found with harmless reads so the user learns what is
 * missing at sign-in instead of at the first 403. A read answered 403 (Cloudflare's answer to a valid token lacking a
 * permission, code 10000) means missing; any other failure proves nothing and is "unknown" with the reason. Reads
 * cannot prove Edit, so "ok" means read access was checked. Never throws: a failed check must not fail a sign-in.
 */
public final class TokenCheck {

    public static final String OK = "ok";
    public static final String MISSING = "missing";
    public static final String UNKNOWN = "unknown";
    public static final String NO_ZONE = "no_zone";

    /** One permission: {@code id} is stable for the UI, {@code name} as the Cloudflare dashboard shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Permission(String id, String name, String status, String reason) {}

    /** A read on the first visible zone that needs one permission. */
    private record Probe(String id, String name, BiConsumer<CloudflareClient, Zone> read) {}

    private static final String ZONE_READ = "Zone · Zone: Read";
    private static final String NO_ZONE_REASON = "No zone is visible to this token, so the zone permissions cannot be "
            + "checked: add a zone to the account or include it in the token's zone resources.";

    /** Sign-in itself lists the accounts and the KV namespaces, so these two are proven before the check runs. */
    private static final List<Permission> PROVEN_BY_SIGN_IN = List.of(
            new Permission("workers_kv", "Account · Workers KV Storage: Edit", OK, null),
            new Permission("account_settings", "Account · Account Settings: Read", OK, null));

    private static final List<Probe> ZONE_PROBES = List.of(
            // Filtered by a name that cannot exist, so one page whatever the zone holds.
            new Probe(
                    "dns",
                    "Zone · DNS: Edit",
                    (cf, zone) -> cf.listDnsRecords(zone.id(), "xanthus-token-check." + zone.name(), "TXT")),
            new Probe(
                    "zone_settings",
                    "Zone · Zone Settings: Edit",
                    (cf, zone) -> cf.getZoneSetting(zone.id(), ZoneSetting.Id.SSL)),
            new Probe(
                    "ssl_certificates",
                    "Zone · SSL and Certificates: Edit",
                    (cf, zone) -> cf.listOriginCertificates(zone.id())),
            new Probe("page_rules", "Zone · Page Rules: Edit", (cf, zone) -> cf.listPageRules(zone.id())));

    private TokenCheck() {}

    /**
     * {@code GET /zones} (first page), then with its first zone four reads side by side: five calls, one when no zone is
     * visible.
     */
    public static List<Permission> check(CloudflareClient user) {
        List<Permission> result = new ArrayList<>(PROVEN_BY_SIGN_IN);
        Optional<Zone> zone;
        try {
            zone = user.firstZone();
        } catch (RuntimeException e) {
            result.add(failed("zone", ZONE_READ, e));
            String reason = "Not checked: it needs a zone, and listing zones failed.";
            ZONE_PROBES.forEach(p -> result.add(new Permission(p.id(), p.name(), UNKNOWN, reason)));
            return List.copyOf(result);
        }
        if (zone.isEmpty()) {
            result.add(new Permission("zone", ZONE_READ, NO_ZONE, NO_ZONE_REASON));
            ZONE_PROBES.forEach(p -> result.add(new Permission(p.id(), p.name(), NO_ZONE, NO_ZONE_REASON)));
            return List.copyOf(result);
        }
        result.add(new Permission("zone", ZONE_READ, OK, null));
        Zone first = zone.get();
        List<CompletableFuture<Permission>> probes = ZONE_PROBES.stream()
                .map(p -> Upstreams.async(() -> run(p, user, first)))
                .toList();
        probes.forEach(p -> result.add(p.join()));
        return List.copyOf(result);
    }

    private static Permission run(Probe probe, CloudflareClient user, Zone zone) {
        try {
            probe.read().accept(user, zone);
            return new Permission(probe.id(), probe.name(), OK, null);
        } catch (RuntimeException e) {
            return failed(probe.id(), probe.name(), e);
        }
    }

    private static Permission failed(String id, String name, RuntimeException e) {
        if (e instanceof CloudflareException cf && cf.kind() == CloudflareException.Kind.FORBIDDEN) {
            return new Permission(
                    id, name, MISSING, "Cloudflare refused a read with this token (403): add the permission.");
        }
        return new Permission(id, name, UNKNOWN, "Could not check: " + reason(e));
    }

    /** Why a probe proved nothing, without the exception's text (it may name internals). */
    private static String reason(RuntimeException e) {
        if (!(e instanceof CloudflareException cf)) {
            return "Cloudflare's answer could not be read.";
        }
        return switch (cf.kind()) {
            case TRANSPORT -> "Cloudflare: " + cf.transportReason() + ".";
            case RATE_LIMITED -> "Cloudflare's rate limit was reached; sign in again in a minute.";
            default -> "Cloudflare answered HTTP " + cf.status() + ".";
        };
    }
}
