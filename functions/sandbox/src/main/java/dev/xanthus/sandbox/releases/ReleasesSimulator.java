package dev.xanthus.sandbox.releases;

import dev.xanthus.sandbox.http.ProviderErrors;
import dev.xanthus.sandbox.http.SimResponse;
import dev.xanthus.sandbox.http.SimServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stands in for GitHub's releases API ({@code /github/repos/{owner}/{repo}/releases}) and the Helm repositories of
 * the catalog ({@code /helm/<host>/<path>/index.yaml}), seeded with the versions the catalog apps publish.
 * Counters and fault injection come from {@link SimServer}.
 */
public final class ReleasesSimulator implements AutoCloseable {

    /** A Helm chart in a repository: the index lists {@code versions} with their app versions. */
    public record Chart(String repositoryUrl, String name, List<String[]> versions) {}

    public static final Map<String, List<String>> GITHUB = Map.of(
            "coder/code-server", List.of("4.96.4", "4.96.2", "4.95.3", "4.93.1", "4.92.2"),
            "chrishham/xanthus", List.of("0.9.2", "0.9.1", "0.9.0", "0.8.4"));
    public static final List<Chart> HELM = List.of(
            new Chart(
                    "https://argoproj.github.io/argo-helm",
                    "argo-cd",
                    List.of(new String[] {"7.7.16", "v2.13.3"}, new String[] {"7.7.11", "v2.13.2"}, new String[] {
                        "7.6.12", "v2.12.6"
                    })),
            new Chart(
                    "https://kubernetes-sigs.github.io/headlamp/",
                    "headlamp",
                    List.of(new String[] {"0.28.0", "0.28.0"}, new String[] {"0.27.0", "0.27.0"}, new String[] {
                        "0.26.0", "0.26.0"
                    })),
            new Chart(
                    "https://helm.openwebui.com/",
                    "open-webui",
                    List.of(new String[] {"6.22.0", "0.6.18"}, new String[] {"6.21.0", "0.6.16"}, new String[] {
                        "6.20.0", "0.6.15"
                    })));

    private final SimServer http;

    private ReleasesSimulator(SimServer http) {
        this.http = http;
    }

    public static ReleasesSimulator start(String host, int port) {
        // GitHub's errors are a bare {"message": …}
        SimServer server = new SimServer(
                "", ProviderErrors.plain("message", "Not Found", "Server Error", "API rate limit exceeded"));
        GITHUB.forEach((repo, versions) -> server.route(
                "GET",
                "/github/repos/" + repo + "/releases",
                request -> SimResponse.json(200, githubReleases(versions))));
        for (Chart chart : HELM) {
            server.route(
                    "GET",
                    "/helm/" + mirrorPath(chart.repositoryUrl()) + "/index.yaml",
                    request -> SimResponse.raw(
                            200, "application/x-yaml", index(chart).getBytes(StandardCharsets.UTF_8)));
        }
        return new ReleasesSimulator(server.start(host, port));
    }

    /** The GitHub API base to configure ({@code GITHUB_API_BASE}). */
    public String githubApi() {
        return http.baseUri() + "/github";
    }

    /** The Helm index mirror to configure ({@code HELM_INDEX_MIRROR}). */
    public String helmMirror() {
        return http.baseUri() + "/helm";
    }

    public SimServer http() {
        return http;
    }

    @Override
    public void close() {
        http.close();
    }

    static String mirrorPath(String repositoryUrl) {
        return repositoryUrl.replaceFirst("^https?://", "").replaceAll("/+$", "");
    }

    private static List<Map<String, Object>> githubReleases(List<String> versions) {
        List<Map<String, Object>> out = new ArrayList<>();
        long id = 190_000_000L;
        // A pre-release first, as GitHub lists the newest first: clients must skip it.
        out.add(release(id++, "v9.9.9-rc.1", true));
        for (String v : versions) {
            out.add(release(id++, "v" + v, false));
        }
        return out;
    }

    private static Map<String, Object> release(long id, String tag, boolean prerelease) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("tag_name", tag);
        r.put("name", tag);
        r.put("draft", false);
        r.put("prerelease", prerelease);
        r.put("published_at", "2026-10-01T12:00:00Z");
        return r;
    }

    private static String index(Chart chart) {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nentries:\n  ")
                .append(chart.name())
                .append(":\n");
        for (String[] v : chart.versions()) {
            yaml.append("  - name: ")
                    .append(chart.name())
                    .append('\n')
                    .append("    version: ")
                    .append(v[0])
                    .append('\n')
                    .append("    appVersion: ")
                    .append(v[1])
                    .append('\n')
                    .append("    urls:\n    - ")
                    .append(chart.repositoryUrl().replaceAll("/+$", ""))
                    .append('/')
                    .append(chart.name())
                    .append('-')
                    .append(v[0])
                    .append(".tgz\n");
        }
        return yaml.append("generated: \"2026-10-01T12:00:00Z\"\n").toString();
    }
}
