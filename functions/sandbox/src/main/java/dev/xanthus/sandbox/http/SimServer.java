package dev.xanthus.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP side of a provider simulator: a route table of {@code METHOD /path/{template}} entries under a base path,
 * per-route call counters and fault injection, both also reachable over HTTP under {@code /__admin}:
 * <ul>
 *   <li>{@code POST /__admin/faults} {@code {"route":"GET /zones","type":"status|rate_limit|drop|lost_response|latency",
 *       "status":500,"body":{…},"retry_after":2,"latency_ms":100,"times":1}} ({@code times} absent = always)</li>
 *   <li>{@code GET|DELETE /__admin/faults}, {@code GET|DELETE /__admin/calls}</li>
 * </ul>
 */
public final class SimServer implements AutoCloseable {

    /** Answers one request of a route. */
    @FunctionalInterface
    public interface Handler {
        SimResponse handle(SimRequest request);
    }

    private record Route(
            String method, String template, Pattern pattern, List<String> variables, Handler handler, boolean admin) {
        String key() {
            return method + " " + template;
        }
    }

    private static final System.Logger LOG = System.getLogger(SimServer.class.getName());
    private static final Pattern VARIABLE = Pattern.compile("\\{([^/}]+)}");
    private static final String ADMIN = "/__admin";

    static {
        // The JDK server leaves Nagle's algorithm on unless told otherwise: it sends the headers and the body of an
        // answer as two segments, and the second waits for the client's delayed ACK (about 40 ms on Linux). Measured
        // here: a direct call with 200 ms injected took 252 ms, with this 213 ms. A simulator must add only the latency
        // a
        // test injects. Read once, when the JDK's server configuration is first loaded, so it is set before any server.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final String basePath;
    private final ProviderErrors errors;
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Faults faults = new Faults();
    private final List<BiConsumer<SimRequest, SimResponse>> listeners = new CopyOnWriteArrayList<>();
    private volatile UnaryOperator<SimResponse> finisher = UnaryOperator.identity();
    private HttpServer server;
    private ExecutorService executor;

    /** @param basePath prefix of every API route, e.g. {@code /client/v4}; admin routes sit outside it */
    public SimServer(String basePath, ProviderErrors errors) {
        this.basePath = basePath.replaceAll("/+$", "");
        this.errors = errors;
        adminRoutes();
    }

    /** Adds an API route; {@code template} is relative to the base path. */
    public SimServer route(String method, String template, Handler handler) {
        routes.add(compile(method, basePath + template, template, handler, false));
        return this;
    }

    /** Adds a route under {@code /__admin} (not counted, never faulted, not reported to listeners). */
    public SimServer adminRoute(String method, String template, Handler handler) {
        routes.add(compile(method, ADMIN + template, ADMIN + template, handler, true));
        return this;
    }

    /** Starts listening; {@code port} 0 picks a free one. Requests run on a pool so injected latency never queues others. */
    public SimServer start(String host, int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
        executor = Executors.newCachedThreadPool(daemonThreads());
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
        return this;
    }

    /** {@code http://host:port} plus the base path. */
    public URI baseUri() {
        return URI.create("http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort() + basePath);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Faults faults() {
        return faults;
    }

    /** Calls of one route ({@code "GET /zones"}) since start or the last reset. */
    public int calls(String route) {
        AtomicInteger count = calls.get(route);
        return count == null ? 0 : count.get();
    }

    /** Every route called at least once, with its count. */
    public Map<String, Integer> calls() {
        Map<String, Integer> snapshot = new TreeMap<>();
        calls.forEach((route, count) -> snapshot.put(route, count.get()));
        return snapshot;
    }

    public void resetCalls() {
        calls.clear();
    }

    /** The route keys this server answers, e.g. {@code "GET /zones/{zone_id}/dns_records"}. */
    public List<String> routeKeys() {
        return routes.stream().filter(r -> !r.admin()).map(Route::key).toList();
    }

    /** Applies {@code finisher} to every API answer, faults included (e.g. headers a provider sends on all of them). */
    public SimServer finishing(UnaryOperator<SimResponse> finisher) {
        this.finisher = finisher;
        return this;
    }

    /**
     * Observes every API request with the response it is about to get (not dropped connections, not admin calls);
     * listeners run before the response is sent.
     */
    public void onExchange(BiConsumer<SimRequest, SimResponse> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    private void dispatch(HttpExchange exchange) {
        try {
            String rawPath = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            Optional<Map.Entry<Route, Matcher>> match = match(method, rawPath);
            if (match.isEmpty()) {
                drain(exchange);
                send(exchange, finisher.apply(errors.noRoute()));
                return;
            }
            Route route = match.get().getKey();
            SimRequest request = request(exchange, route, match.get().getValue());
            if (route.admin()) {
                send(exchange, invoke(route, request));
                return;
            }
            calls.computeIfAbsent(route.key(), k -> new AtomicInteger()).incrementAndGet();
            Optional<Fault> fault = faults.take(route.key());
            if (fault.isPresent()) {
                sleep(fault.get().latency());
                if (fault.get().kind() == Fault.Kind.DROP) {
                    // Closing the exchange before any response header is sent closes the socket: the client sees a
                    // reset.
                    return;
                }
                if (fault.get().kind() == Fault.Kind.LOST_RESPONSE) {
                    invoke(route, request);
                    return;
                }
            }
            SimResponse response =
                    finisher.apply(fault.flatMap(this::faultResponse).orElseGet(() -> invoke(route, request)));
            // Listeners see the exchange before the client does, so a client holding its answer can rely on them having
            // run.
            for (BiConsumer<SimRequest, SimResponse> listener : listeners) {
                try {
                    listener.accept(request, response);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "an exchange listener failed", e);
                }
            }
            send(exchange, response);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "client went away", e);
        } finally {
            exchange.close();
        }
    }

    private Optional<SimResponse> faultResponse(Fault fault) {
        return switch (fault.kind()) {
            case LATENCY, DROP, LOST_RESPONSE -> Optional.empty();
            case STATUS ->
                Optional.of(SimResponse.raw(
                                fault.status(),
                                "application/json",
                                fault.body() == null
                                        ? new byte[0]
                                        : fault.body().getBytes(StandardCharsets.UTF_8))
                        .asInjected());
            case RATE_LIMIT ->
                Optional.of(errors.rateLimited(fault.retryAfterSeconds()).asInjected());
        };
    }

    private SimResponse invoke(Route route, SimRequest request) {
        try {
            return route.handler().handle(request);
        } catch (SimRequest.BadRequestException e) {
            return errors.badRequest(e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "handler of " + route.key() + " failed", e);
            return errors.internalError();
        }
    }

    private Optional<Map.Entry<Route, Matcher>> match(String method, String rawPath) {
        for (Route route : routes) {
            Matcher matcher = route.pattern().matcher(rawPath);
            if (route.method().equals(method) && matcher.matches()) {
                return Optional.of(Map.entry(route, matcher));
            }
        }
        return Optional.empty();
    }

    private static SimRequest request(HttpExchange exchange, Route route, Matcher matcher) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < route.variables().size(); i++) {
            params.put(route.variables().get(i), decode(matcher.group(i + 1)));
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        return new SimRequest(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                route.key(),
                params,
                query(exchange.getRequestURI().getRawQuery()),
                exchange.getRequestHeaders(),
                body,
                exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null
                                ? ""
                                : "?" + exchange.getRequestURI().getRawQuery()));
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decodeQuery(eq < 0 ? pair : pair.substring(0, eq));
            query.putIfAbsent(name, eq < 0 ? "" : decodeQuery(pair.substring(eq + 1)));
        }
        return query;
    }

    private static String decode(String pathSegment) {
        // A path segment keeps '+' literally; only percent escapes are decoded.
        return URLDecoder.decode(pathSegment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String decodeQuery(String component) {
        return URLDecoder.decode(component, StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, SimResponse response) throws IOException {
        response.headers()
                .forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        boolean empty = response.body().length == 0;
        exchange.sendResponseHeaders(response.status(), empty ? -1 : response.body().length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    private static void drain(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
    }

    private static void sleep(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Route compile(
            String method, String fullTemplate, String keyTemplate, Handler handler, boolean admin) {
        Matcher matcher = VARIABLE.matcher(fullTemplate);
        StringBuilder regex = new StringBuilder();
        List<String> variables = new ArrayList<>();
        int last = 0;
        while (matcher.find()) {
            regex.append(Pattern.quote(fullTemplate.substring(last, matcher.start())))
                    .append("([^/]+)");
            variables.add(matcher.group(1));
            last = matcher.end();
        }
        regex.append(Pattern.quote(fullTemplate.substring(last)));
        return new Route(
                method, keyTemplate, Pattern.compile(regex.toString()), List.copyOf(variables), handler, admin);
    }

    private void adminRoutes() {
        adminRoute("GET", "/calls", request -> SimResponse.json(200, calls()));
        adminRoute("DELETE", "/calls", request -> {
            resetCalls();
            return SimResponse.json(200, Map.of("ok", true));
        });
        adminRoute("GET", "/faults", request -> SimResponse.json(200, faults.armed()));
        adminRoute("DELETE", "/faults", request -> {
            request.query("route").ifPresentOrElse(faults::clear, faults::clear);
            return SimResponse.json(200, Map.of("ok", true));
        });
        adminRoute("POST", "/faults", this::armFromJson);
    }

    private SimResponse armFromJson(SimRequest request) {
        JsonNode spec = request.json();
        String route = spec.path("route").asText();
        if (!routeKeys().contains(route)) {
            return SimResponse.json(400, Map.of("error", "unknown route: " + route, "routes", routeKeys()));
        }
        Fault fault;
        switch (spec.path("type").asText()) {
            case "status" -> {
                JsonNode body = spec.path("body");
                fault = Fault.status(
                        spec.path("status").asInt(500),
                        body.isMissingNode() ? null : body.isTextual() ? body.asText() : body.toString());
            }
            case "rate_limit" ->
                fault = Fault.rateLimited(spec.path("retry_after").asLong(1));
            case "drop" -> fault = Fault.drop();
            case "lost_response" -> fault = Fault.lostResponse();
            case "latency" -> fault = Fault.latency(Duration.ZERO);
            default -> {
                return SimResponse.json(
                        400, Map.of("error", "type must be status, rate_limit, drop, lost_response or latency"));
            }
        }
        fault = fault.withLatency(Duration.ofMillis(spec.path("latency_ms").asLong(0)));
        int times = spec.path("times").asInt(0);
        if (times > 0) {
            faults.inject(route, fault, times);
        } else {
            faults.injectAlways(route, fault);
        }
        ObjectNode armed = SimJson.MAPPER.createObjectNode().put("route", route).put("times", times > 0 ? times : -1);
        return SimResponse.json(201, armed);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "sim-http-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
