package dev.xanthus.api.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.api.jobs.LambdaJobRunner;
import dev.xanthus.api.testing.ApiClient;
import dev.xanthus.api.testing.CloudflareSandbox;
import dev.xanthus.api.testing.OverHttp;
import dev.xanthus.api.testing.SignedIn;
import dev.xanthus.api.testing.WorkerLambdaSandbox;
import dev.xanthus.core.job.JobRunner;
import dev.xanthus.sandbox.aws.LambdaSimulator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A deployment started through the API runs as it does in AWS: the API invokes the deploy-worker function through
 * Lambda's Invoke API ({@code InvocationType=Event}), and the worker — its own Spring context, as its own Lambda —
 * takes the job from DynamoDB and completes it over SSH.
 */
@OverHttp(WorkerLambdaSandbox.class)
class DeployWorkerInvokeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOMAIN = "example.org";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    JobRunner runner;

    @Test
    void deploy_shouldInvokeTheWorkerLambdaAsynchronously_andTheWorkerCompletesTheJob() throws Exception {
        assertThat(runner).isInstanceOf(LambdaJobRunner.class);
        SignedIn user = SignedIn.as(port, WAIT, "hetzner").withHetznerKey();
        String serverId = user.createServer(ApiClient.unique("worker"), "cx33", "UTC")
                .path("server")
                .path("id")
                .asText();
        user.await("/api/v1/vps/" + serverId + "/status", s -> s.path("ready").asBoolean());
        CloudflareSandbox.manageDomainDirectly(user.namespaceId(), DOMAIN);
        int before = WorkerLambdaSandbox.LAMBDA.invocations().size();

        JsonNode accepted = ApiClient.data(
                user.send(
                        "POST",
                        "/api/v1/applications",
                        ApiClient.deployRequest(
                                "Editor", "worker", "code-server", ApiClient.unique("wk"), DOMAIN, serverId)),
                202);
        String jobId = accepted.path("jobId").asText();
        JsonNode job = user.awaitJob(jobId);

        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("succeeded");
        List<LambdaSimulator.Invocation> invocations = WorkerLambdaSandbox.LAMBDA.invocations();
        assertThat(invocations).hasSize(before + 1);
        LambdaSimulator.Invocation invocation = invocations.get(before);
        assertThat(invocation.function()).isEqualTo(WorkerLambdaSandbox.FUNCTION);
        assertThat(invocation.type()).isEqualTo("Event");
        assertThat(JSON.readTree(invocation.payload()))
                .isEqualTo(JSON.createObjectNode().put("jobId", jobId));
        assertThat(invocation.authorization()).contains("/eu-central-1/lambda/aws4_request");
        awaitOutcome(before);
        assertThat(WorkerLambdaSandbox.LAMBDA.invocations().get(before).outcome())
                .isEqualTo("OK");
        assertThat(WorkerLambdaSandbox.LAMBDA.invocations().get(before).attempts())
                .isEqualTo(1);
        JsonNode app = ApiClient.data(
                user.get("/api/v1/applications/"
                        + accepted.path("application").path("id").asText()),
                200);
        assertThat(app.path("status").asText()).isEqualTo("running");
    }

    /** The job can read as succeeded a moment before the worker's invocation returns. */
    private static void awaitOutcome(int index) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (WorkerLambdaSandbox.LAMBDA.invocations().get(index).outcome().equals("QUEUED")
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
