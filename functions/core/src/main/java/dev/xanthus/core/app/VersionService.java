package dev.xanthus.core.app;

import static dev.xanthus.core.dynamo.Items.n;
import static dev.xanthus.core.dynamo.Items.s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.clients.releases.ReleasesClient;
import dev.xanthus.core.app.catalog.Catalog;
import dev.xanthus.core.app.catalog.CatalogApp;
import dev.xanthus.core.dynamo.Items;
import dev.xanthus.core.dynamo.Table;
import dev.xanthus.core.error.AppException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The versions a catalog app can be installed at, from its {@code version_source}, cached in DynamoDB for ten
 * minutes across all users and instances. When the source fails, a stale list (up to a day old) is served rather
 * than nothing.
 */
public final class VersionService {

    public static final Duration FRESH = Duration.ofMinutes(10);
    private static final Duration KEEP = Duration.ofDays(1);
    private static final int LIMIT = 20;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<AppVersion>> RELEASES = new TypeReference<>() {};
    private static final Logger log = LoggerFactory.getLogger(VersionService.class);

    private final Catalog catalog;
    private final ReleasesClient releases;
    private final Table table;

    public VersionService(Catalog catalog, ReleasesClient releases, DynamoDbClient dynamo, String table, Clock clock) {
        this.catalog = catalog;
        this.releases = releases;
        this.table = new Table(dynamo, table, clock);
    }

    /** The app's versions, newest first; the first one is what "latest" means. */
    public List<AppVersion> versions(String appType) {
        CatalogApp app = catalog.require(appType);
        Map<String, AttributeValue> key = Items.key("VERSIONS#" + app.id(), "LIST");
        Optional<Map<String, AttributeValue>> cached = table.findCached(key);
        Instant now = table.now();
        if (cached.isPresent()
                && Instant.ofEpochSecond(Items.num(cached.get(), "fetchedAt"))
                        .plus(FRESH)
                        .isAfter(now)) {
            return decode(cached.get());
        }
        try {
            List<AppVersion> fresh = fetch(app);
            Map<String, AttributeValue> item = new HashMap<>(key);
            item.put("releases", s(JSON.writeValueAsString(fresh)));
            item.put("fetchedAt", n(now.getEpochSecond()));
            item.put(Items.TTL, Items.ttl(now.plus(KEEP)));
            table.put(item);
            return fresh;
        } catch (ReleasesClient.ReleasesException | JsonProcessingException e) {
            if (cached.isPresent()) {
                log.warn("version source of {} failed; serving the cached list", app.id());
                return decode(cached.get());
            }
            throw new AppException.Upstream(
                    "VERSIONS_UNAVAILABLE",
                    "The version list of " + app.name() + " cannot be read right now; try again shortly.",
                    Map.of(),
                    e);
        }
    }

    /** Whether {@code version} is one of the app's installable versions. */
    public boolean isAvailable(String appType, String version) {
        return versions(appType).stream().anyMatch(r -> r.version().equals(version));
    }

    private List<AppVersion> fetch(CatalogApp app) {
        CatalogApp.VersionSource source = app.versionSource();
        if (source.isGithub()) {
            return releases.githubReleases(source.source(), LIMIT).stream()
                    .map(AppVersion::of)
                    .toList();
        }
        if (source.isHelm()) {
            return releases.helmChartVersions(source.source(), source.chart(), LIMIT).stream()
                    .map(AppVersion::of)
                    .toList();
        }
        throw new IllegalStateException(app.id() + " has an unsupported version source " + source.type());
    }

    private static List<AppVersion> decode(Map<String, AttributeValue> item) {
        try {
            return JSON.readValue(Items.str(item, "releases"), RELEASES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt version cache item", e);
        }
    }
}
