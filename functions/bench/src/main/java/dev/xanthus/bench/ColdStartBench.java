package dev.xanthus.bench;

import dev.xanthus.core.config.AppConfig;
import dev.xanthus.core.dynamo.Dynamo;
import dev.xanthus.core.dynamo.TableSetup;
import dev.xanthus.sandbox.aws.LambdaRuntimeApi;
import dev.xanthus.sandbox.dynamo.Dynalite;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold start of every function handler beside two baselines measured in the same run: a minimal Spring Boot +
 * serverless-java-container app and a plain aws-lambda-java-core handler. Each sample is a fresh JVM, timed from
 * spawn to the first response to an API Gateway HTTP API v2 event. Runs are interleaved so drift hits all alike.
 */
public final class ColdStartBench {

    /** {@code runtimeClient}: run under AWS's runtime interface client against a local Runtime API, as in Lambda. */
    private record Target(String name, String handler, String path, boolean runtimeClient) {
        Target(String name, String handler, String path) {
            this(name, handler, path, false);
        }
    }

    private static final List<Target> TARGETS = List.of(
            new Target("plain aws-lambda-java-core", PlainHandler.class.getName(), "/ping"),
            new Target("minimal Spring Boot + container", MinimalSpringHandler.class.getName(), "/ping"),
            new Target("auth function (GET /health)", "dev.xanthus.api.lambda.AuthHandler", "/health"),
            new Target("vps function", "dev.xanthus.api.lambda.VpsHandler", "/api/v1/vps"),
            new Target("dns function", "dev.xanthus.api.lambda.DnsHandler", "/api/v1/dns/domains"),
            new Target("applications function", "dev.xanthus.api.lambda.ApplicationsHandler", "/api/v1/applications"),
            new Target("terminal function", "dev.xanthus.api.lambda.TerminalHandler", "/api/v1/terminal/sessions"),
            new Target(
                    "auth function under the Lambda runtime client",
                    "dev.xanthus.api.lambda.AuthHandler",
                    "/health",
                    true));

    private ColdStartBench() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> jvmFlags = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        String classpath = System.getProperty("java.class.path");
        Path events = Files.createTempDirectory("xanthus-bench-events");

        try (Dynalite dynalite = Dynalite.startInMemory()) {
            Map<String, String> env = environment(dynalite.endpoint());
            try (var client = Dynamo.client(AppConfig.from(env))) {
                TableSetup.ensure(client, env.get("TABLE_NAME"));
            }
            String template = new String(
                    ColdStartBench.class
                            .getResourceAsStream("/http-api-v2-event.json")
                            .readAllBytes(),
                    StandardCharsets.UTF_8);
            Map<Target, List<Long>> samples = new LinkedHashMap<>();
            Map<Target, String> statuses = new LinkedHashMap<>();
            for (Target t : TARGETS) {
                Files.writeString(
                        events.resolve(t.handler() + t.path().hashCode() + ".json"),
                        template.replace("__PATH__", t.path()));
                samples.put(t, new ArrayList<>());
            }
            System.out.printf(
                    "cold start: %d runs each, JVM flags %s, java %s, %d cores%n",
                    runs,
                    jvmFlags,
                    System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors());
            for (int run = 0; run < runs; run++) {
                for (Target t : TARGETS) {
                    Path event = events.resolve(t.handler() + t.path().hashCode() + ".json");
                    Sample sample = t.runtimeClient()
                            ? underRuntimeClient(t, classpath, jvmFlags, env, event)
                            : once(t, classpath, jvmFlags, env, event);
                    samples.get(t).add(sample.millis());
                    statuses.put(t, sample.status());
                }
            }
            long baseline = median(samples.get(TARGETS.get(1)));
            System.out.printf(
                    "%n| handler | first response | min ms | median ms | median / minimal Spring |%n|---|---|---:|---:|---:|%n");
            samples.forEach((t, s) -> System.out.printf(
                    "| %s | %s %s | %d | %d | %.2f |%n",
                    t.name(),
                    statuses.get(t),
                    t.path(),
                    s.stream().min(Long::compare).orElseThrow(),
                    median(s),
                    median(s) / (double) baseline));
        }
    }

    private record Sample(long millis, String status) {}

    private static Sample once(Target t, String classpath, List<String> flags, Map<String, String> env, Path event)
            throws Exception {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(flags);
        command.addAll(List.of("-cp", classpath, ColdStartProbe.class.getName(), t.handler(), event.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        String status = null;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("RESPONSE ")) {
                    status = line.substring(9);
                    break;
                }
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        process.waitFor(10, TimeUnit.SECONDS);
        process.destroyForcibly();
        if (status == null) {
            throw new IllegalStateException(t.name() + " gave no response");
        }
        return new Sample(millis, status);
    }

    /** Spawn to the response the runtime client posts back to the local Runtime API. */
    private static Sample underRuntimeClient(
            Target t, String classpath, List<String> flags, Map<String, String> env, Path event) throws Exception {
        try (LambdaRuntimeApi api = LambdaRuntimeApi.start("arn:aws:lambda:us-east-1:123456789012:function:bench")) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(flags);
            command.addAll(List.of(
                    "-cp",
                    classpath,
                    "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                    t.handler() + "::handleRequest"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(env);
            builder.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
            long start = System.nanoTime();
            Process process = builder.start();
            try {
                LambdaRuntimeApi.Outcome outcome = api.invoke(Files.readString(event), 120)
                        .orElseThrow(() -> new IllegalStateException(t.name() + " gave no response"));
                long millis = (System.nanoTime() - start) / 1_000_000;
                int at = outcome.body().indexOf("\"statusCode\":");
                return new Sample(
                        millis, at < 0 ? outcome.kind() : outcome.body().substring(at + 13, at + 16));
            } finally {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** A child JVM has no system properties of ours: the dummy credentials go in its environment. */
    private static Map<String, String> environment(String dynamoEndpoint) {
        Map<String, String> env = new java.util.HashMap<>(BenchApi.sandboxEnvironment(dynamoEndpoint));
        env.put("AWS_ACCESS_KEY_ID", "bench");
        env.put("AWS_SECRET_ACCESS_KEY", "bench");
        return env;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
