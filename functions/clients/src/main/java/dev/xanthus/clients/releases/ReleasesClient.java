package dev.xanthus.clients.releases;

import java.util.List;

/** Where installable versions come from: GitHub releases and Helm repository indexes. */
public interface ReleasesClient {

    /** One installable version; {@code appVersion} is the chart's app version for Helm charts, else null. */
    record Release(String version, String appVersion) {}

    /** Published (not draft, not pre-release) releases of {@code owner/repo}, newest first, tag without a leading v. */
    List<Release> githubReleases(String ownerRepo, int limit);

    /** The chart's versions in the repository's {@code index.yaml}, newest first. */
    List<Release> helmChartVersions(String repositoryUrl, String chart, int limit);

    /** Thrown when the source cannot be read. */
    final class ReleasesException extends RuntimeException {
        public ReleasesException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
