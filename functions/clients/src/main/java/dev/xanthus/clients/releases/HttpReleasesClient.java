package dev.xanthus.clients.releases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.xanthus.clients.http.ApiRequest;
import dev.xanthus.clients.http.ApiResponse;
import dev.xanthus.clients.http.JsonHttp;
import dev.xanthus.clients.http.TransportException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads GitHub's releases API and Helm {@code index.yaml} files. An optional mirror serves Helm indexes at
 * {@code <mirror>/<host>/<path>/index.yaml}: the sandbox uses it, since the real repositories are out of reach.
 */
public final class HttpReleasesClient implements ReleasesClient {

    public static final URI DEFAULT_GITHUB_API = URI.create("https://api.github.com");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, String> GITHUB_HEADERS =
            Map.of("Accept", "application/vnd.github+json", "X-GitHub-Api-Version", "2022-11-28");

    private final JsonHttp http;
    private final URI githubApi;
    private final Optional<URI> helmMirror;

    public HttpReleasesClient(JsonHttp http, URI githubApi, Optional<URI> helmMirror) {
        this.http = http;
        this.githubApi = githubApi;
        this.helmMirror = helmMirror;
    }

    @Override
    public List<Release> githubReleases(String ownerRepo, int limit) {
        if (!ownerRepo.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("not owner/repo: " + ownerRepo);
        }
        URI uri = URI.create(githubApi.toString().replaceAll("/+$", "") + "/repos/" + ownerRepo + "/releases?per_page="
                + Math.min(100, Math.max(limit * 2, 20)));
        JsonNode releases = read(ApiRequest.get(uri, "/repos/{owner}/{repo}/releases", GITHUB_HEADERS), JSON);
        List<Release> out = new ArrayList<>();
        for (JsonNode r : releases) {
            if (r.path("draft").asBoolean() || r.path("prerelease").asBoolean()) {
                continue;
            }
            String tag = r.path("tag_name").asText("");
            if (!tag.isEmpty() && out.size() < limit) {
                out.add(new Release(tag.startsWith("v") ? tag.substring(1) : tag, null));
            }
        }
        return out;
    }

    @Override
    public List<Release> helmChartVersions(String repositoryUrl, String chart, int limit) {
        JsonNode index = read(ApiRequest.get(indexUri(repositoryUrl), "/index.yaml", Map.of()), YAML);
        List<Release> out = new ArrayList<>();
        for (JsonNode entry : index.path("entries").path(chart)) {
            if (out.size() >= limit) {
                break;
            }
            String version = entry.path("version").asText("");
            if (!version.isEmpty() && !version.contains("-")) {
                out.add(new Release(version, entry.path("appVersion").asText(null)));
            }
        }
        return out;
    }

    URI indexUri(String repositoryUrl) {
        URI repo = URI.create(repositoryUrl.replaceAll("/+$", ""));
        if (helmMirror.isEmpty()) {
            return URI.create(repo + "/index.yaml");
        }
        String path = repo.getPath() == null ? "" : repo.getPath();
        return URI.create(
                helmMirror.get().toString().replaceAll("/+$", "") + "/" + repo.getHost() + path + "/index.yaml");
    }

    private JsonNode read(ApiRequest request, ObjectMapper mapper) {
        ApiResponse response;
        try {
            response = http.send(request);
        } catch (TransportException e) {
            throw new ReleasesException("no answer from " + request.describe(), e);
        }
        if (!response.isSuccess()) {
            throw new ReleasesException(request.describe() + " answered " + response.status(), null);
        }
        try {
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw new ReleasesException(request.describe() + " answered an unreadable body", e);
        }
    }
}
