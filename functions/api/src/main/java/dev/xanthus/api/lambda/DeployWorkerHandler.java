package dev.xanthus.api.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.api.function.DeployWorkerFunction;
import dev.xanthus.core.job.Job;
import dev.xanthus.core.job.JobEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Lambda entry point of the deploy worker, invoked asynchronously with {@code {"jobId":"…"}}. It runs the job's
 * remaining steps under a lease; Lambda's own retry of a failed async invocation finds the job claimed or finished
 * and does nothing twice.
 */
public final class DeployWorkerHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JobEngine engine;

    public DeployWorkerHandler() {
        this(List.of());
    }

    /** With beans registered before start-up: the sandbox's SSH addresses and clock, where a test runs the worker. */
    public DeployWorkerHandler(List<ApplicationContextInitializer<ConfigurableApplicationContext>> initializers) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(DeployWorkerFunction.class)
                .initializers(initializers.toArray(ApplicationContextInitializer[]::new))
                .web(WebApplicationType.NONE)
                .run();
        this.engine = context.getBean(JobEngine.class);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        String jobId = event.path("jobId").asText("");
        if (!jobId.matches("[A-Za-z0-9-]{1,64}")) {
            JSON.writeValue(output, Map.of("error", "malformed jobId"));
            return;
        }
        String status = engine.run(jobId).map(Job::status).map(Enum::name).orElse("NOT_FOUND");
        JSON.writeValue(output, Map.of("jobId", jobId, "status", status));
    }
}
