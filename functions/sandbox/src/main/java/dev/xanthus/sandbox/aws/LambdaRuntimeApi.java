package dev.xanthus.sandbox.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Lambda's Runtime API ({@code /2018-06-01/runtime/...}), the protocol between a function's runtime client and the
 * Lambda service: the runtime long-polls {@code invocation/next} for an event and posts the answer to
 * {@code invocation/{id}/response} or {@code /error}; a failed start posts {@code init/error}. With it the real
 * runtime interface client can run the handlers here. Facts and sources: {@code contracts/aws/lambda-runtime-api.md}.
 */
public final class LambdaRuntimeApi implements AutoCloseable {

    /** What the runtime answered: a response or an error, with the body it posted. */
    public record Outcome(String kind, String body, String errorType) {}

    private static final String BASE = "/2018-06-01/runtime";
    private final LinkedBlockingQueue<String[]> events = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Outcome>> pending = new ConcurrentHashMap<>();
    private final CompletableFuture<Outcome> initError = new CompletableFuture<>();
    private final String functionArn;
    private final HttpServer server;

    private LambdaRuntimeApi(String functionArn) throws IOException {
        this.functionArn = functionArn;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "lambda-runtime-api");
            t.setDaemon(true);
            return t;
        }));
        server.createContext(BASE + "/", this::handle);
        server.start();
    }

    public static LambdaRuntimeApi start(String functionArn) {
        try {
            return new LambdaRuntimeApi(functionArn);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code AWS_LAMBDA_RUNTIME_API}: host and port, no scheme. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues {@code event} for the runtime and waits up to {@code seconds} for its answer. */
    public Optional<Outcome> invoke(String event, long seconds) throws InterruptedException {
        String id = UUID.randomUUID().toString();
        CompletableFuture<Outcome> answer = new CompletableFuture<>();
        pending.put(id, answer);
        events.put(new String[] {id, event});
        try {
            return Optional.of(CompletableFuture.anyOf(answer, initError).get(seconds, TimeUnit.SECONDS))
                    .map(Outcome.class::cast);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return Optional.empty();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(BASE.length());
        String method = exchange.getRequestMethod();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String errorType = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        try {
            if (method.equals("GET") && path.equals("/invocation/next")) {
                String[] next = events.take();
                exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", next[0]);
                exchange.getResponseHeaders()
                        .add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 30_000));
                exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", functionArn);
                exchange.getResponseHeaders()
                        .add(
                                "Lambda-Runtime-Trace-Id",
                                "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000)
                                        + "-000000000000000000000000;Sampled=0");
                reply(exchange, 200, next[1]);
            } else if (method.equals("POST") && path.equals("/init/error")) {
                initError.complete(new Outcome("init-error", body, errorType));
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && path.matches("/invocation/[^/]+/(response|error)")) {
                String[] parts = path.split("/");
                CompletableFuture<Outcome> answer = pending.remove(parts[2]);
                if (answer == null) {
                    reply(
                            exchange,
                            400,
                            "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                answer.complete(new Outcome(parts[3], body, errorType));
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                reply(exchange, 404, "{\"errorMessage\":\"not found\",\"errorType\":\"NotFound\"}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
