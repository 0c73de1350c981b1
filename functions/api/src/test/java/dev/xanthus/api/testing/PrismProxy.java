package dev.xanthus.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.fge.jsonpatch.JsonPatch;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * Stoplight Prism ({@code prism proxy SPEC UPSTREAM}, without {@code --errors}) validating every exchange with one
 * simulator against a provider's full official spec, behind a small recording relay.
 *
 * <p>Why this shape: with {@code --errors} Prism answers a request violation itself (422/401) instead of forwarding,
 * so the flow would stop at the first finding and only one would be reported. Without it Prism forwards everything,
 * puts all request and response findings of an exchange into its {@code sl-violations} response header and logs one
 * {@code Violation:} line per finding. The header is the attributable record (the relay keeps it with method, path
 * and status per exchange); the log is the complete one (the header is cut at ~8 KB) but carries no request, and
 * concurrent exchanges may interleave in it. Both are kept: the test asserts that neither has a finding.
 */
public final class PrismProxy implements AutoCloseable {

    /** One exchange seen by the relay: what was asked, Prism's status answer, and its findings (empty if none). */
    public record Exchange(String method, String target, int status, String violations) {
        @Override
        public String toString() {
            return method + " " + target + " → " + status + (violations.isEmpty() ? "" : "  " + violations);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** Headers the JDK client sets itself or refuses; hop-by-hop ones are not the relay's to pass on. */
    private static final Set<String> NOT_RELAYED = Set.of(
            "connection", "content-length", "expect", "host", "upgrade", "keep-alive", "transfer-encoding", "date");

    private final String name;
    private final Process prism;
    private final Path log;
    private final int prismPort;
    private final HttpServer relay;
    private final ExecutorService relayThreads = Executors.newCachedThreadPool();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final List<Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());
    private final int patchCount;

    private PrismProxy(String name, Process prism, Path log, int prismPort, int patchCount) throws IOException {
        this.name = name;
        this.prism = prism;
        this.log = log;
        this.prismPort = prismPort;
        this.patchCount = patchCount;
        this.relay = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        relay.setExecutor(relayThreads);
        relay.createContext("/", this::relay);
        relay.start();
    }

    /**
     * Gunzips {@code spec}, applies {@code patch} (RFC 6902; each operation's extra {@code reason}/{@code source}
     * members are ignored, as the RFC requires) and starts Prism on it in front of {@code upstream}. Returns as soon
     * as Prism's process is running; {@link #awaitListening()} waits for the spec to be loaded.
     */
    public static PrismProxy start(String name, Path spec, Path patch, URI upstream, Path workDir) throws IOException {
        Files.createDirectories(workDir);
        JsonNode document;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(spec))) {
            document = JSON.readTree(in);
        }
        JsonNode operations = JSON.readTree(patch.toFile());
        try {
            document = JsonPatch.fromJson(operations).apply(document);
        } catch (Exception e) {
            throw new IllegalStateException(patch + " no longer applies to " + spec + ": " + e.getMessage(), e);
        }
        Path patched = workDir.resolve(name + "-openapi.json");
        JSON.writeValue(patched.toFile(), document);
        Path cli = Path.of(System.getProperty("xanthus.repo.root", "../.."))
                .resolve("functions/api/spec-proxy/node_modules/@stoplight/prism-cli/dist/index.js")
                .toAbsolutePath();
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException(
                    "Prism is not installed at " + cli + " (the build's npm ci step installs it)");
        }
        int port = freePort();
        Path log = workDir.resolve(name + "-prism.log");
        Process process = new ProcessBuilder(
                        "node",
                        cli.toString(),
                        "proxy",
                        patched.toString(),
                        upstream.toString(),
                        "--host",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(port),
                        "--errors",
                        "false")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        // should the test JVM be stopped before @AfterAll (a fork timeout, Ctrl-C), Prism must not outlive it
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }));
        return new PrismProxy(name, process, log, port, operations.size());
    }

    /** Waits until Prism says it is listening (the full Cloudflare spec takes ~10–20 s to load). */
    public PrismProxy awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String marker = "Prism is listening on http://127.0.0.1:" + prismPort;
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).contains(marker)) {
                return this;
            }
            if (!prism.isAlive()) {
                throw new IllegalStateException(name + " Prism exited " + prism.exitValue() + ": " + tail());
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " Prism did not start within " + START_TIMEOUT + ": " + tail());
    }

    /** Where the API should send this provider's calls. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + relay.getAddress().getPort());
    }

    public List<Exchange> exchanges() {
        synchronized (exchanges) {
            return List.copyOf(exchanges);
        }
    }

    /** The exchanges Prism found something in (any severity: a "Selected route not found" warning is unvalidated traffic). */
    public List<Exchange> violatingExchanges() {
        return exchanges().stream().filter(e -> !e.violations().isEmpty()).toList();
    }

    /** Prism's own log lines that report a finding or a failed exchange. */
    public List<String> loggedViolations() throws IOException {
        return Files.readAllLines(log).stream()
                .filter(l -> l.contains("Violation:") || l.contains("Request terminated with error"))
                .toList();
    }

    /** How many exchanges Prism forwarded, by its log (to check the relay saw all of them). */
    public long loggedForwards() throws IOException {
        return Files.readAllLines(log).stream()
                .filter(l -> l.contains("> Forwarding \""))
                .count();
    }

    public int patchCount() {
        return patchCount;
    }

    /**
     * How many exchanges each operation had, the path's numeric and 32-hex segments (ids) and the query left out, in
     * first-seen order.
     */
    public Map<String, Long> exchangesByOperation() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Exchange e : exchanges()) {
            String path = e.target()
                    .replaceFirst("\\?.*", "")
                    .replaceAll("/([0-9]+|[0-9a-f]{32})(?=/|$)", "/{id}")
                    .replaceAll("/values/[^/]+", "/values/{key}");
            counts.merge(e.method() + " " + path, 1L, Long::sum);
        }
        return counts;
    }

    /** Prism's peak resident memory in MB (Linux: VmHWM), or -1 if it cannot be read. */
    public long peakMemoryMb() {
        return peakMemoryMb(prism.pid());
    }

    /** A process's peak resident memory in MB (Linux: VmHWM), or -1 if it cannot be read. */
    public static long peakMemoryMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    public Path log() {
        return log;
    }

    private void relay(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null
                            ? ""
                            : "?" + exchange.getRequestURI().getRawQuery());
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + prismPort + target))
                    .timeout(Duration.ofSeconds(60))
                    .method(
                            exchange.getRequestMethod(),
                            body.length == 0
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((header, values) -> {
                if (!NOT_RELAYED.contains(header.toLowerCase())) {
                    values.forEach(v -> request.header(header, v));
                }
            });
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            String violations = response.headers().firstValue("sl-violations").orElse("");
            exchanges.add(new Exchange(exchange.getRequestMethod(), target, response.statusCode(), violations));
            for (Map.Entry<String, List<String>> header :
                    response.headers().map().entrySet()) {
                if (!NOT_RELAYED.contains(header.getKey().toLowerCase())
                        && !header.getKey().startsWith(":")) {
                    exchange.getResponseHeaders().put(header.getKey(), header.getValue());
                }
            }
            byte[] answer = response.body();
            boolean empty = answer.length == 0 || response.statusCode() == 204 || response.statusCode() == 304;
            exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : answer.length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        }
    }

    private String tail() {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.substring(Math.max(0, text.length() - 2000));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Stops the relay and Prism with every process it started. */
    @Override
    public void close() throws InterruptedException {
        relay.stop(0);
        relayThreads.shutdownNow();
        prism.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        prism.destroyForcibly();
        prism.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return name + " Prism on 127.0.0.1:" + prismPort + " (log " + log + ")";
    }
}
