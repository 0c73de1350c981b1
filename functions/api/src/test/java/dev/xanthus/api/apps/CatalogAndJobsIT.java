package dev.xanthus.api.apps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.api.testing.ApiClient;
import dev.xanthus.api.testing.CloudflareSandbox;
import dev.xanthus.api.testing.OverHttp;
import dev.xanthus.core.job.Job;
import dev.xanthus.core.job.JobRepository;
import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The catalog, versions and job routes over HTTP, signed in against the simulators. */
@OverHttp(CloudflareSandbox.class)
class CatalogAndJobsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private String jwt;

    @LocalServerPort
    int port;

    @Autowired
    JobRepository jobs;

    @BeforeEach
    void signIn() throws Exception {
        jwt = ApiClient.signIn(port).jwt();
    }

    private HttpResponse<String> send(String method, String path, String body, String bearer) throws Exception {
        return ApiClient.send(port, method, path, body, bearer);
    }

    private JsonNode get(String path, int status) throws Exception {
        HttpResponse<String> response = send("GET", path, null, jwt);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    @Test
    void catalog_shouldListFiveAppsWithRequirements_andNeedASession() throws Exception {
        JsonNode apps = get("/api/v1/applications/catalog", 200).path("data");

        assertThat(apps).hasSize(5);
        assertThat(apps.get(0).path("id").asText()).isEqualTo("code-server");
        assertThat(apps.get(3).path("requirements").path("min_memory_gb").asDouble())
                .isEqualTo(0.5);
        assertThat(send("GET", "/api/v1/applications/catalog", null, null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void theDocument_shouldBeServedAsYaml_withoutASession() throws Exception {
        HttpResponse<String> document = send("GET", "/api/openapi.yaml", null, null);

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.headers().firstValue("Content-Type").orElse("")).startsWith("application/yaml");
        assertThat(document.body()).startsWith("openapi: 3.0.3");
    }

    @Test
    void versions_shouldComeFromTheSource_and404ForAnUnknownApp() throws Exception {
        JsonNode versions =
                get("/api/v1/applications/versions/code-server", 200).path("data");
        JsonNode argo = get("/api/v1/applications/versions/argocd", 200).path("data");

        assertThat(versions.get(0).path("version").asText()).isEqualTo("4.96.4");
        assertThat(argo.get(0).path("appVersion").asText()).isEqualTo("v2.13.3");
        assertThat(get("/api/v1/applications/versions/wordpress", 404)
                        .path("error")
                        .path("code")
                        .asText())
                .isEqualTo("APP_TYPE_NOT_FOUND");
    }

    @Test
    void jobs_shouldShowTheAccountsOwnJob_withoutItsSecrets() throws Exception {
        String mine = pendingJob(CloudflareSimConfig.SANDBOX_ACCOUNT_ID);

        HttpResponse<String> own = send("GET", "/api/v1/jobs/" + mine, null, jwt);

        assertThat(own.statusCode()).isEqualTo(200);
        JsonNode job = JSON.readTree(own.body()).path("data");
        assertThat(job.path("status").asText()).isEqualTo("pending");
        assertThat(job.path("steps").get(0).path("name").asText()).isEqualTo("namespace");
        assertThat(own.body()).doesNotContain("secret-token-in-job").doesNotContain("\"params\"");
    }

    @Test
    void jobs_shouldBe404ForAnotherAccountsJob_and400ForABadId() throws Exception {
        String theirs = pendingJob("another-account");

        assertThat(get("/api/v1/jobs/" + theirs, 404).path("error").path("code").asText())
                .isEqualTo("JOB_NOT_FOUND");
        assertThat(get("/api/v1/jobs/bad$id", 400).path("error").path("code").asText())
                .isEqualTo("INVALID_JOB_ID");
    }

    @Test
    void retry_ofAJobThatHasNotFailed_shouldBe409() throws Exception {
        String mine = pendingJob(CloudflareSimConfig.SANDBOX_ACCOUNT_ID);

        HttpResponse<String> retry = send("POST", "/api/v1/jobs/" + mine + "/retry", null, jwt);

        assertThat(retry.statusCode()).isEqualTo(409);
    }

    /** A pending deploy job of {@code account}, one step, a secret among its parameters; returns its id. */
    private String pendingJob(String account) {
        String id = UUID.randomUUID().toString();
        var now = CloudflareSandbox.CLOCK.instant();
        jobs.create(new Job(
                id,
                account,
                "deploy",
                "app-1",
                Job.Status.PENDING,
                List.of(Job.Step.pending("namespace")),
                Map.of("version", "1"),
                Map.of("cloudflareToken", "secret-token-in-job"),
                null,
                0,
                now,
                now,
                now));
        return id;
    }
}
