package dev.xanthus.core.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.xanthus.clients.releases.ReleasesClient;

/** One installable version of a catalog app: the chart or release version, and the app version it ships. */
public record AppVersion(@JsonProperty("version") String version, @JsonProperty("appVersion") String appVersion) {

    static AppVersion of(ReleasesClient.Release release) {
        return new AppVersion(release.version(), release.appVersion());
    }
}
