package dev.xanthus.sandbox.aws;

import dev.xanthus.sandbox.http.ProviderErrors;
import dev.xanthus.sandbox.http.SimRequest;
import dev.xanthus.sandbox.http.SimResponse;
import dev.xanthus.sandbox.http.SimServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Lambda's {@code Invoke} operation ({@code POST /2015-03-31/functions/{name}/invocations}) for the functions a test
 * registers, as the AWS SDK calls it. Facts and sources: {@code contracts/aws/lambda-invoke.md}.
 *
 * <p>An {@code Event} invocation is queued and answered 202 at once; the function then runs on its own thread, and a
 * failed run is retried up to two more times, as Lambda does for asynchronous invocations.
 */
public final class LambdaSimulator implements AutoCloseable {

    /** A function's code: the payload in, the response out (as a RequestStreamHandler sees them). */
    @FunctionalInterface
    public interface Function {
        byte[] invoke(byte[] payload) throws Exception;
    }

    /** One accepted invocation: what the SDK sent and how the run (with Lambda's retries) ended. */
    public record Invocation(
            String function, String type, String payload, String authorization, int attempts, String outcome) {}

    static final int SYNC_PAYLOAD_LIMIT = 6 * 1024 * 1024;
    static final int ASYNC_PAYLOAD_LIMIT = 1024 * 1024;
    private static final int ASYNC_ATTEMPTS = 3;
    private static final Pattern SIGV4 = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=[^/]+/\\d{8}/[a-z0-9-]+/lambda/aws4_request, .*Signature=[0-9a-f]{64}");

    private final Map<String, Function> functions = new ConcurrentHashMap<>();
    private final List<Invocation> invocations = new CopyOnWriteArrayList<>();
    private final ExecutorService queue = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lambda-sim-async");
        t.setDaemon(true);
        return t;
    });
    private final String region;
    private final SimServer http;

    private LambdaSimulator(String region) {
        this.region = region;
        this.http =
                new SimServer("", new Errors()).route("POST", "/2015-03-31/functions/{name}/invocations", this::invoke);
    }

    public static LambdaSimulator start(String region) {
        LambdaSimulator sim = new LambdaSimulator(region);
        sim.http.start("127.0.0.1", 0);
        return sim;
    }

    /** Deploys {@code code} under {@code name}. */
    public LambdaSimulator register(String name, Function code) {
        functions.put(name, code);
        return this;
    }

    /** The endpoint to give the SDK ({@code aws.endpointUrlLambda}). */
    public URI endpoint() {
        return http.baseUri();
    }

    /** Accepted invocations, in arrival order; an asynchronous one shows its final outcome once its run has ended. */
    public List<Invocation> invocations() {
        return List.copyOf(invocations);
    }

    private SimResponse invoke(SimRequest request) {
        String name = functionName(request.pathParam("name"));
        String authorization = request.header("Authorization").orElse("");
        if (!SIGV4.matcher(authorization).matches()) {
            return error(
                    403,
                    "InvalidSignatureException",
                    "The request signature we calculated does not match the signature" + " you provided.");
        }
        Function code = functions.get(name);
        if (code == null) {
            return error(
                    404,
                    "ResourceNotFoundException",
                    "Function not found: arn:aws:lambda:" + region + ":123456789012:function:" + name);
        }
        String type = request.header("X-Amz-Invocation-Type").orElse("RequestResponse");
        byte[] payload = request.body() == null ? new byte[0] : request.body();
        int limit = type.equals("Event") ? ASYNC_PAYLOAD_LIMIT : SYNC_PAYLOAD_LIMIT;
        if (payload.length > limit) {
            return error(
                    413,
                    "RequestTooLargeException",
                    "Request must be smaller than " + limit + " bytes for the InvokeFunction operation");
        }
        String text = new String(payload, java.nio.charset.StandardCharsets.UTF_8);
        return switch (type) {
            case "DryRun" -> SimResponse.raw(204, "application/json", new byte[0]);
            case "Event" -> {
                int index = record(new Invocation(name, type, text, authorization, 0, "QUEUED"));
                queue.submit(() -> runAsync(index, code, payload));
                yield SimResponse.raw(202, "application/json", new byte[0]);
            }
            case "RequestResponse" -> runSync(name, code, text, payload, authorization);
            default ->
                error(
                        400,
                        "InvalidParameterValueException",
                        "1 validation error detected: Value '" + type
                                + "' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set:"
                                + " [Event, RequestResponse, DryRun]");
        };
    }

    private SimResponse runSync(String name, Function code, String text, byte[] payload, String authorization) {
        try {
            byte[] out = code.invoke(payload);
            record(new Invocation(name, "RequestResponse", text, authorization, 1, "OK"));
            return SimResponse.raw(200, "application/json", out).withHeader("X-Amz-Executed-Version", "$LATEST");
        } catch (Exception e) {
            record(new Invocation(
                    name,
                    "RequestResponse",
                    text,
                    authorization,
                    1,
                    "FAILED " + e.getClass().getSimpleName()));
            String body =
                    "{\"errorMessage\":\"" + String.valueOf(e.getMessage()).replace("\"", "'") + "\",\"errorType\":\""
                            + e.getClass().getName() + "\"}";
            return SimResponse.raw(200, "application/json", body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .withHeader("X-Amz-Function-Error", "Unhandled")
                    .withHeader("X-Amz-Executed-Version", "$LATEST");
        }
    }

    private void runAsync(int index, Function code, byte[] payload) {
        String outcome = "FAILED";
        int attempt = 0;
        while (attempt < ASYNC_ATTEMPTS) {
            attempt++;
            try {
                code.invoke(payload);
                outcome = "OK";
                break;
            } catch (Exception e) {
                outcome = "FAILED " + e.getClass().getSimpleName();
            }
        }
        Invocation queued = invocations.get(index);
        invocations.set(
                index,
                new Invocation(
                        queued.function(), queued.type(), queued.payload(), queued.authorization(), attempt, outcome));
    }

    private synchronized int record(Invocation invocation) {
        invocations.add(invocation);
        return invocations.size() - 1;
    }

    /** The SDK sends a name, a full ARN or a partial ARN; the function's name is the segment after "function:". */
    private static String functionName(String given) {
        int at = given.lastIndexOf("function:");
        String name = at < 0 ? given : given.substring(at + "function:".length());
        int qualifier = name.indexOf(':');
        return qualifier < 0 ? name : name.substring(0, qualifier);
    }

    /** Lambda's REST-JSON errors: the type in {@code X-Amzn-ErrorType} (what the SDK reads) and in the body. */
    private static SimResponse error(int status, String type, String message) {
        return SimResponse.json(status, Map.of("Type", "User", "message", message))
                .withHeader("X-Amzn-ErrorType", type);
    }

    @Override
    public void close() throws InterruptedException {
        http.close();
        queue.shutdownNow();
        queue.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static final class Errors implements ProviderErrors {
        @Override
        public SimResponse noRoute() {
            return SimResponse.json(404, Map.of("message", "Not Found"))
                    .withHeader("X-Amzn-ErrorType", "UnknownOperationException");
        }

        @Override
        public SimResponse badRequest(String message) {
            return error(400, "InvalidRequestContentException", message);
        }

        @Override
        public SimResponse internalError() {
            return error(500, "ServiceException", "Lambda was unable to process the request");
        }

        @Override
        public SimResponse rateLimited(long retryAfterSeconds) {
            return error(429, "TooManyRequestsException", "Rate Exceeded.")
                    .withHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
    }
}
