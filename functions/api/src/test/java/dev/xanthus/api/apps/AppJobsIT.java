package dev.xanthus.api.apps;

import static dev.xanthus.api.testing.ApiClient.awaitTrue;
import static dev.xanthus.api.testing.ApiClient.code;
import static dev.xanthus.api.testing.ApiClient.data;
import static dev.xanthus.api.testing.ApiClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.api.testing.CloudflareSandbox;
import dev.xanthus.sandbox.k8s.SandboxK8s;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The jobs behind applications over HTTP: a delete whose server is gone, a deploy whose worker dies (failed by the
 * lease; its retry completes it), and concurrent creates on one subdomain.
 */
class AppJobsIT extends AppsOnAServer {

    @Test
    void delete_shouldCleanKv_whenTheAppsServerIsGone() throws Exception {
        // given an app record (Go schema) whose server no longer exists anywhere
        String id = "app-gone" + UUID.randomUUID().toString().substring(0, 8);
        CloudflareSandbox.SIM.putKvValues(
                ACCOUNT,
                user.namespaceId(),
                Map.of(
                        "app:" + id,
                        JSON.writeValueAsString(Map.of(
                                "id",
                                id,
                                "name",
                                "orphan",
                                "app_type",
                                "headlamp",
                                "app_version",
                                "0.28.0",
                                "subdomain",
                                "orphan",
                                "domain",
                                DOMAIN,
                                "vps_id",
                                "987654",
                                "namespace",
                                "headlamp",
                                "status",
                                "running",
                                "url",
                                "https://orphan." + DOMAIN)),
                        "app:" + id + ":port-forwards",
                        "[]"));

        // when it is deleted
        JsonNode deletion = data(user.send("DELETE", "/api/v1/applications/" + id, null), 202);

        // then the job skips the server-side steps and removes the records
        assertThat(user.awaitJob(deletion.path("jobId").asText()).path("status").asText())
                .isEqualTo("succeeded");
        assertThat(user.kv("app:" + id)).isNull();
        assertThat(user.kv("app:" + id + ":port-forwards")).isNull();
    }

    @Test
    void deploy_whoseWorkerDies_shouldBeMarkedFailedByTheLease() throws Exception {
        SandboxK8s k8s = SandboxK8s.of(server);
        String sub = unique("webui");
        try {
            JsonNode accepted = deployWhoseWorkerDies(k8s, sub);

            JsonNode job =
                    data(user.get("/api/v1/jobs/" + accepted.path("jobId").asText()), 200);
            assertThat(job.path("status").asText()).isEqualTo("failed");
            assertThat(job.path("error").asText()).contains("stopped responding");
            assertThat(status(accepted.path("application").path("id").asText())).isEqualTo("failed");
        } finally {
            letTheAbandonedHelmCallEnd(k8s, sub);
        }
    }

    @Test
    void retry_ofADeployWhoseWorkerDied_shouldCompleteIt() throws Exception {
        SandboxK8s k8s = SandboxK8s.of(server);
        String sub = unique("webui");
        JsonNode accepted;
        try {
            accepted = deployWhoseWorkerDies(k8s, sub);
        } finally {
            letTheAbandonedHelmCallEnd(k8s, sub);
        }
        String jobId = accepted.path("jobId").asText();

        data(user.send("POST", "/api/v1/jobs/" + jobId + "/retry", null), 202);

        JsonNode done = user.awaitJob(jobId);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.path("attempt").asInt()).isEqualTo(2);
        assertThat(status(accepted.path("application").path("id").asText())).isEqualTo("running");
        assertThat(k8s.release("open-webui", sub + "-open-webui")
                        .orElseThrow()
                        .values()
                        .toString())
                .contains("WEBUI_SECRET_KEY");
    }

    /**
     * Deploys open-webui with a slow helm and, once helm runs, moves the clock past the worker's lease: as far as the
     * clock is concerned the worker stopped heartbeating. Returns once the job reads as failed.
     */
    private JsonNode deployWhoseWorkerDies(SandboxK8s k8s, String sub) throws Exception {
        k8s.setHelmWait(Duration.ofSeconds(4));
        JsonNode accepted = deploy("open-webui", sub, null, "chat");
        String job = "/api/v1/jobs/" + accepted.path("jobId").asText();
        user.await(job, j -> StreamSupport.stream(j.path("steps").spliterator(), false)
                .anyMatch(s -> s.path("name").asText().equals("helm")
                        && s.path("state").asText().equals("RUNNING")));
        CloudflareSandbox.CLOCK.advance(Duration.ofMinutes(3));
        user.await(job, j -> j.path("status").asText().equals("failed"));
        return accepted;
    }

    /** Waits for the abandoned worker's helm call to end (its next write is refused: it lost the lease). */
    private static void letTheAbandonedHelmCallEnd(SandboxK8s k8s, String sub) throws InterruptedException {
        try {
            awaitTrue(
                    () -> k8s.release("open-webui", sub + "-open-webui")
                            .map(r -> r.status().equals("deployed"))
                            .orElse(false),
                    WAIT);
        } finally {
            k8s.setHelmWait(Duration.ofMillis(300));
        }
    }

    @Test
    void concurrentCreates_onOneSubdomain_shouldDeployOnce() throws Exception {
        String sub = unique("race");
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<HttpResponse<String>> answers = new ArrayList<>();
        try {
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(pool.submit(
                        () -> user.send("POST", "/api/v1/applications", body("headlamp", sub, null, "race"))));
            }
            for (Future<HttpResponse<String>> call : calls) {
                answers.add(call.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        List<HttpResponse<String>> accepted =
                answers.stream().filter(r -> r.statusCode() == 202).toList();
        assertThat(accepted).hasSize(1);
        for (HttpResponse<String> refused :
                answers.stream().filter(r -> r.statusCode() != 202).toList()) {
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(code(refused)).isIn("SUBDOMAIN_TAKEN", "BUSY");
        }
        JsonNode app = data(accepted.get(0), 202);
        assertThat(user.awaitJob(app.path("jobId").asText()).path("status").asText())
                .isEqualTo("succeeded");
        List<JsonNode> onHost = new ArrayList<>();
        data(user.get("/api/v1/applications"), 200).forEach(a -> {
            if (a.path("url").asText().equals("https://" + sub + "." + DOMAIN)) {
                onHost.add(a);
            }
        });
        assertThat(onHost).hasSize(1);
        assertThat(dnsNames()).containsOnlyOnce(sub + "." + DOMAIN);

        String id = app.path("application").path("id").asText();
        JsonNode deleted = data(user.send("DELETE", "/api/v1/applications/" + id, null), 202);
        assertThat(user.awaitJob(deleted.path("jobId").asText()).path("status").asText())
                .isEqualTo("succeeded");
    }
}
