package dev.xanthus.api.jobs;

import dev.xanthus.core.job.JobRunner;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * Starts the deploy-worker Lambda asynchronously ({@code InvocationType=Event}): the request that created the job
 * returns at once, and the worker runs for up to its own timeout, far beyond API Gateway's 30 s.
 */
public record LambdaJobRunner(LambdaClient lambda, String functionName) implements JobRunner {

    @Override
    public void submit(String jobId) {
        if (!jobId.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("malformed job id");
        }
        lambda.invoke(b -> b.functionName(functionName)
                .invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromString("{\"jobId\":\"" + jobId + "\"}", StandardCharsets.UTF_8)));
    }
}
