package dev.xanthus.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xanthus.sandbox.aws.LambdaSimulator;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.RequestTooLargeException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** The runner through the AWS SDK against Lambda's Invoke wire API, and the simulator's answers as the SDK reads them. */
class LambdaJobRunnerTest {

    private final LambdaSimulator sim = LambdaSimulator.start("eu-central-1");
    private final LambdaClient lambda = LambdaClient.builder()
            .region(Region.EU_CENTRAL_1)
            .endpointOverride(sim.endpoint())
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
            .build();

    @AfterEach
    void stop() throws Exception {
        lambda.close();
        sim.close();
    }

    @Test
    void submit_shouldInvokeTheWorkerAsynchronouslyWithTheJobId() throws Exception {
        CompletableFuture<String> received = new CompletableFuture<>();
        sim.register("xanthus-deploy-worker", payload -> {
            received.complete(new String(payload, StandardCharsets.UTF_8));
            return "{}".getBytes(StandardCharsets.UTF_8);
        });

        new LambdaJobRunner(lambda, "xanthus-deploy-worker").submit("0b7e1c2a-0000-4000-8000-000000000000");

        assertThat(received.get(10, TimeUnit.SECONDS))
                .isEqualTo("{\"jobId\":\"0b7e1c2a-0000-4000-8000-000000000000\"}");
        assertThat(sim.invocations()).singleElement().satisfies(i -> {
            assertThat(i.type()).isEqualTo("Event");
            assertThat(i.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/");
        });
    }

    @Test
    void submit_shouldFailLoudly_whenTheFunctionDoesNotExist() {
        assertThatThrownBy(() -> new LambdaJobRunner(lambda, "missing").submit("job-1"))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("function:missing");
    }

    @Test
    void aFailingAsyncRun_shouldBeRetriedTwiceMore_asLambdaDoes() throws Exception {
        sim.register("broken", payload -> {
            throw new IllegalStateException("boom");
        });

        new LambdaJobRunner(lambda, "broken").submit("job-2");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sim.invocations().get(0).outcome().equals("QUEUED") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(sim.invocations().get(0).attempts()).isEqualTo(3);
        assertThat(sim.invocations().get(0).outcome()).isEqualTo("FAILED IllegalStateException");
    }

    @Test
    void simulator_shouldAnswerSyncDryRunAndOversizedCallsAsTheSdkExpects() {
        sim.register("echo", payload -> payload);

        InvokeResponse sync =
                lambda.invoke(b -> b.functionName("arn:aws:lambda:eu-central-1:123456789012:function:echo")
                        .payload(SdkBytes.fromUtf8String("{\"a\":1}")));
        InvokeResponse dryRun = lambda.invoke(b -> b.functionName("echo").invocationType(InvocationType.DRY_RUN));

        assertThat(sync.statusCode()).isEqualTo(200);
        assertThat(sync.payload().asUtf8String()).isEqualTo("{\"a\":1}");
        assertThat(sync.executedVersion()).isEqualTo("$LATEST");
        assertThat(dryRun.statusCode()).isEqualTo(204);
        assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("echo")
                        .invocationType(InvocationType.EVENT)
                        .payload(SdkBytes.fromByteArray(new byte[1024 * 1024 + 1]))))
                .isInstanceOf(RequestTooLargeException.class);
    }
}
