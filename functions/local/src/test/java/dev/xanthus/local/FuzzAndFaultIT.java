package dev.xanthus.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import dev.xanthus.core.testing.JwtAttacks;
import dev.xanthus.local.FuzzOracle.Answer;
import dev.xanthus.local.FuzzOracle.Sent;
import dev.xanthus.local.FuzzSpec.Operation;
import dev.xanthus.local.FuzzSpec.Param;
import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import dev.xanthus.sandbox.hetzner.HetznerSimulator;
import dev.xanthus.sandbox.http.Fault;
import dev.xanthus.sandbox.http.Faults;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack-and-fault run of issue 19, made repeatable: the whole local stack (Tomcat with its JSON error valve,
 * dynalite, the provider simulators) on loopback, driven through every operation of openapi.yaml with hostile path,
 * query, header and body values, forged JWTs and raw-socket malformations, then through a DynamoDB outage (frozen,
 * then killed and restarted by the supervisor) and a provider outage (errors with HTML bodies, dropped connections,
 * answers slower than the request deadline). {@link FuzzOracle} judges every answer and every log line; the ledger is
 * printed and written to {@code target/fuzz-ledger.txt}, and any violation fails the run with the list.
 *
 * <p>Bounded: about 10,000 requests, under two minutes on two cores. Seeded: {@code -Dxanthus.fuzz.seed=N}
 * replays a run; {@code -Dxanthus.fuzz.random=N} sets how many random combinations follow the systematic matrix.
 */
class FuzzAndFaultIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = Long.getLong("xanthus.fuzz.seed", 19L);
    private static final int RANDOM_REQUESTS = Integer.getInteger("xanthus.fuzz.random", 2500);
    private static final int THREADS = 8;
    /** Short, so the slow-provider phase costs seconds; the production budget is 24 s (DeadlineFilter). */
    private static final String DEADLINE = "4s";

    private static final String GENUINE = "genuine session";

    @TempDir
    Path state;

    private final FuzzLedger ledger = new FuzzLedger();
    private final Random random = new Random(SEED);
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private FuzzOracle oracle;
    private String base;
    private RawHttp raw;
    private String jwt;
    private long vpsId;
    private Map<String, String> auths;

    /** One request to make: where it is counted, what it is, and how its answer is judged. */
    record Req(
            String phase,
            String kind,
            Operation op,
            String method,
            String target,
            Map<String, String> headers,
            byte[] body,
            String auth,
            String hostileRun) {
        Req withHostile(String run) {
            return run == null ? this : new Req(phase, kind, op, method, target, headers, body, auth, run);
        }
    }

    /** A value for a path or query parameter, already percent-encoded; {@code hostileRun} is input that must not echo. */
    record Value(String label, String encoded, String hostileRun) {}

    /** A request body: its Content-Type (null: none) and bytes. */
    record Body(String label, String contentType, byte[] bytes, String hostileRun) {}

    @Test
    void everyOperation_underMalformedInputForgeriesAndOutages_shouldAnswerOnlyDocumentedStatusesInTheErrorShape()
            throws Exception {
        long started = System.nanoTime();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        String previousDeadline = System.setProperty("xanthus.request-deadline", DEADLINE);
        System.setOut(new PrintStream(new Tee(out, log), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err, log), true, StandardCharsets.UTF_8));
        int dynamoPort = ApiCalls.freePort();
        String report;
        // No built site: every answer is the API's or Tomcat's, so any HTML at all is a finding. The dynalite port is
        // chosen here so its process can be told apart from any other dynalite when it is frozen and killed.
        try (LocalStack stack = LocalStack.start(new LocalSettings(
                true, "127.0.0.1", 0, 0, dynamoPort, 0, 0, 0, 0, state, state.resolve("no-site"), Map.of()))) {
            base = stack.url();
            URI url = URI.create(base);
            // 3 s: an answer to these requests is immediate; a few are met with silence (HTTP/0.9, the HTTP/2 preface)
            raw = new RawHttp(url.getHost(), url.getPort(), 3_000);
            setUp();
            List<Operation> operations = FuzzSpec.load();
            ledger.note(operations.size() + " operations in openapi.yaml");

            List<Req> matrix = matrix(operations);
            operations.stream()
                    .filter(op -> matrix.stream().noneMatch(r -> r.op() == op))
                    .forEach(op -> ledger.violation("operation not fuzzed", op.id()));
            // a forgery or a missing token is refused as such, before anything about the route's data is told
            run(
                    matrix,
                    (req, answer) -> req.kind().startsWith("auth: ")
                                    && req.op().secured()
                                    && !req.auth().equals(GENUINE)
                                    && answer.status() != 401
                            ? "no genuine session (" + req.auth() + ") answered " + answer.status()
                            : null);
            run(randomCombinations(operations));
            run(rawMalformations());
            dynamoOutage(operations, dynamoPort);
            providerOutage(operations, stack);
            destructive(operations);
        } finally {
            System.setOut(out);
            System.setErr(err);
            if (previousDeadline == null) {
                System.clearProperty("xanthus.request-deadline");
            } else {
                System.setProperty("xanthus.request-deadline", previousDeadline);
            }
        }
        judgeLog(log.toString(StandardCharsets.UTF_8));
        report = ledger.render(SEED, (System.nanoTime() - started) / 1_000_000);
        System.out.println(report);
        Path ledgerFile = Path.of("target/fuzz-ledger.txt");
        Files.createDirectories(ledgerFile.toAbsolutePath().getParent());
        Files.writeString(ledgerFile, report);

        assertThat(ledger.requests()).isGreaterThan(5_000);
        assertThat(ledger.clean()).as(report).isTrue();
    }

    // --- set-up: a session, a Hetzner key, one server, one managed domain, and the forgeries of that session's JWT

    private void setUp() throws Exception {
        JsonNode login = call("POST", "/api/auth/login", Map.of("token", CloudflareSimConfig.SANDBOX_TOKEN), null, 200);
        jwt = login.path("data").path("jwt_token").asText();
        call("PUT", "/api/v1/settings/hetzner", Map.of("key", HetznerSimulator.DEFAULT_TOKEN), jwt, 200);
        JsonNode server = call(
                        "POST",
                        "/api/v1/vps",
                        Map.of("name", "fuzz-1", "location", "fsn1", "serverType", "cx23"),
                        jwt,
                        201)
                .path("data");
        vpsId = server.path("server").path("id").asLong(server.path("id").asLong());
        call("POST", "/api/v1/dns/configure", Map.of("domain", "example.com"), jwt, 200);

        ECKey key = ECKey.parse(Files.readString(state.resolve("jwt-key.jwk")));
        var claims = SignedJWT.parse(jwt).getJWTClaimsSet();
        auths = new LinkedHashMap<>();
        auths.put("no token", null);
        JwtAttacks.against(key, Instant.now(), jwt, claims.getSubject(), claims.getStringClaim("sid"))
                .forEach((name, token) -> auths.put("jwt " + name, "Bearer " + token));
        auths.put("empty bearer", "Bearer ");
        auths.put("basic scheme", "Basic dXNlcjpwYXNzd29yZA==");
        auths.put("genuine with junk appended", "Bearer " + jwt + "x");
        auths.put("two tokens", "Bearer " + jwt + ", Bearer " + jwt);
        auths.put("cloudflare token as bearer", "Bearer " + CloudflareSimConfig.SANDBOX_TOKEN);
        auths.put("huge bearer", "Bearer " + "e".repeat(7000));
        auths.put(GENUINE, "Bearer " + jwt);

        List<String> secrets = new ArrayList<>(List.of(
                CloudflareSimConfig.SANDBOX_TOKEN,
                CloudflareSimConfig.SANDBOX_ACCOUNT_TOKEN,
                HetznerSimulator.DEFAULT_TOKEN,
                Files.readString(state.resolve("data-key")).trim(),
                key.getD().toString()));
        oracle = new FuzzOracle(secrets);
        ledger.note("set-up: signed in, Hetzner key stored, server " + vpsId + " created, example.com configured");
    }

    // --- the systematic matrix: every operation × every auth, path value, query value, body, header and method

    private List<Req> matrix(List<Operation> operations) {
        List<Req> reqs = new ArrayList<>();
        for (Operation op : operations) {
            Map<String, Value> valid = new LinkedHashMap<>();
            op.pathParams().forEach(p -> valid.put(p.name(), validValue(op, p)));
            for (Map.Entry<String, String> auth : auths.entrySet()) {
                boolean genuine = auth.getKey().equals(GENUINE);
                if (genuine && op.destructive()) {
                    continue; // the destructive phase, at the end
                }
                reqs.add(request(
                        "matrix",
                        "auth: " + auth.getKey(),
                        op,
                        valid,
                        "",
                        safeBody(op, genuine),
                        auth.getKey(),
                        Map.of()));
            }
            for (Param p : op.pathParams()) {
                for (Value v : pathValues(p)) {
                    Map<String, Value> values = new LinkedHashMap<>(valid);
                    values.put(p.name(), v);
                    for (String auth : List.of("no token", op.id().equals("logout") ? "no token" : GENUINE)) {
                        reqs.add(request(
                                "matrix",
                                "path " + v.label(),
                                op,
                                values,
                                "",
                                safeBody(op, auth.equals(GENUINE)),
                                auth,
                                Map.of()));
                    }
                }
            }
            Map<String, Value> harmless = op.destructive() ? unknownValues(op) : valid;
            // logging out has no id to make unknown: outside the destructive phase it goes without the genuine session
            String signedIn = op.id().equals("logout") ? "no token" : GENUINE;
            List<Param> query = new ArrayList<>(op.queryParams());
            query.add(new Param("__proto__[admin]", "query", "string"));
            for (Param q : query) {
                List<Value> queryValues = queryValues();
                if (!op.queryParams().contains(q)) {
                    // a parameter no route reads: a seeded handful of values is enough to show it is ignored
                    Collections.shuffle(queryValues, random);
                    queryValues = queryValues.subList(0, 6);
                }
                for (Value v : queryValues) {
                    reqs.add(request(
                                    "matrix",
                                    "query " + v.label(),
                                    op,
                                    harmless,
                                    "?" + q.name().replace("[", "%5B").replace("]", "%5D") + "=" + v.encoded(),
                                    safeBody(op, true),
                                    signedIn,
                                    Map.of())
                            .withHostile(v.hostileRun()));
                }
            }
            if (op.hasBody()) {
                for (Body b : bodies(op.bodyTemplate())) {
                    reqs.add(request("matrix", "body " + b.label(), op, harmless, "", b, signedIn, Map.of()));
                    if (random.nextInt(3) == 0) {
                        reqs.add(request("matrix", "body " + b.label(), op, harmless, "", b, "no token", Map.of()));
                    }
                }
            }
            for (Map.Entry<String, Map<String, String>> h : headerVariants().entrySet()) {
                reqs.add(request(
                        "matrix",
                        "header " + h.getKey(),
                        op,
                        harmless,
                        "",
                        safeBody(op, true),
                        signedIn,
                        h.getValue()));
            }
        }
        // every method a path does not declare, and paths that are not routes at all
        Map<String, List<Operation>> byPath = new LinkedHashMap<>();
        operations.forEach(
                op -> byPath.computeIfAbsent(op.path(), k -> new ArrayList<>()).add(op));
        for (List<Operation> ops : byPath.values()) {
            Operation any = ops.get(0);
            Map<String, Value> values = unknownValues(any);
            for (String method :
                    List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "PROPFIND", "FOO")) {
                if (ops.stream().noneMatch(o -> o.method().equals(method))) {
                    for (String auth : List.of("no token", GENUINE)) {
                        Req r = request("matrix", "undeclared method", any, values, "", null, auth, Map.of());
                        reqs.add(new Req(
                                r.phase(),
                                r.kind(),
                                any,
                                method,
                                r.target(),
                                r.headers(),
                                method.equals("GET") || method.equals("HEAD")
                                        ? null
                                        : "{}".getBytes(StandardCharsets.UTF_8),
                                auth,
                                null));
                    }
                }
            }
        }
        for (String path : unknownPaths()) {
            for (String auth : List.of("no token", GENUINE)) {
                reqs.add(new Req("matrix", "unknown path", null, "GET", path, headers(auth, null), null, auth, null));
            }
        }
        return reqs;
    }

    private List<Req> randomCombinations(List<Operation> operations) {
        List<String> authNames = new ArrayList<>(auths.keySet());
        List<Req> reqs = new ArrayList<>();
        List<Map<String, String>> headerSets = new ArrayList<>(headerVariants().values());
        for (int i = 0; i < RANDOM_REQUESTS; i++) {
            Operation op = operations.get(random.nextInt(operations.size()));
            String auth = random.nextInt(3) == 0 ? GENUINE : authNames.get(random.nextInt(authNames.size()));
            if (auth.equals(GENUINE) && op.id().equals("logout")) {
                auth = "no token";
            }
            boolean genuine = auth.equals(GENUINE);
            Map<String, Value> values = new LinkedHashMap<>();
            for (Param p : op.pathParams()) {
                List<Value> candidates = pathValues(p);
                Value v = random.nextInt(3) == 0 || (genuine && op.destructive())
                        ? candidates.get(random.nextInt(candidates.size()))
                        : validValue(op, p);
                values.put(p.name(), v);
            }
            String query = "";
            if (random.nextInt(4) == 0) {
                List<Value> qv = queryValues();
                Value v = qv.get(random.nextInt(qv.size()));
                List<Param> qs = op.queryParams();
                query = "?"
                        + (qs.isEmpty()
                                ? "x"
                                : qs.get(random.nextInt(qs.size())).name()) + "=" + v.encoded();
            }
            Body body = null;
            if (op.hasBody()) {
                List<Body> mutations = bodies(op.bodyTemplate());
                body = !genuine && random.nextBoolean()
                        ? template(op)
                        : mutations.get(random.nextInt(mutations.size()));
            }
            Map<String, String> extra =
                    random.nextInt(5) == 0 ? headerSets.get(random.nextInt(headerSets.size())) : Map.of();
            String run = values.values().stream()
                    .map(Value::hostileRun)
                    .filter(java.util.Objects::nonNull)
                    .findFirst()
                    .orElse(null);
            reqs.add(request("random", "random", op, values, query, body, auth, extra)
                    .withHostile(run));
        }
        return reqs;
    }

    // --- raw sockets: what java.net.http will not send

    private List<Req> rawMalformations() {
        List<Req> reqs = new ArrayList<>();
        Map<String, byte[]> cases = new LinkedHashMap<>(EdgeResponsesTest.tomcatRefusals());
        cases.put("HTTP/0.9 request", RawHttp.ascii("GET /health\r\n"));
        cases.put("HTTP/0.9 version", head("GET /health HTTP/0.9", ""));
        for (String version : List.of(
                "HTTP/1.2",
                "HTTP/2.0",
                "HTTP/3.0",
                "HTTP/9.9",
                "HTTP/1.10",
                "http/1.1",
                "HTTP/1.1x",
                "HTTP/",
                "HTTPS/1.1",
                "FTP/1.0")) {
            cases.put("version " + version, head("GET /api/auth/me " + version, ""));
        }
        cases.put("HTTP/2 preface", RawHttp.ascii("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
        cases.put("CONNECT", head("CONNECT 127.0.0.1:22 HTTP/1.1", ""));
        cases.put("OPTIONS *", head("OPTIONS * HTTP/1.1", ""));
        cases.put("unknown method", head("FOO /api/auth/me HTTP/1.1", ""));
        cases.put("TRACK", head("TRACK /api/auth/me HTTP/1.1", ""));
        cases.put("TRACE on a route", head("TRACE /api/v1/vps HTTP/1.1", ""));
        cases.put("tab in method", head("G\tET /health HTTP/1.1", ""));
        cases.put("absolute-form target", head("GET http://evil.example/api/auth/me HTTP/1.1", ""));
        cases.put("double spaces", head("GET  /health  HTTP/1.1", ""));
        cases.put("no Host", RawHttp.ascii("GET /health HTTP/1.1\r\nConnection: close\r\n\r\n"));
        cases.put("two Hosts", head("GET /health HTTP/1.1", "Host: evil.example\r\n"));
        cases.put("obs-fold", head("GET /health HTTP/1.1", "X-A: a\r\n b\r\n"));
        cases.put("space in header name", head("GET /health HTTP/1.1", "Bad Header: x\r\n"));
        cases.put("space before colon", head("GET /health HTTP/1.1", "X-A : x\r\n"));
        cases.put("NUL in header value", head("GET /health HTTP/1.1", "X-A: a\u0000b\r\n"));
        cases.put("0xFF in header value", head("GET /health HTTP/1.1", "X-A: a\u00ffb\r\n"));
        cases.put("negative Content-Length", postJson("Content-Length: -1\r\n\r\n{}"));
        cases.put("word Content-Length", postJson("Content-Length: abc\r\n\r\n{}"));
        cases.put("two Content-Lengths", postJson("Content-Length: 2\r\nContent-Length: 5\r\n\r\n{}"));
        cases.put(
                "Content-Length and chunked",
                postJson("Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"));
        cases.put("unknown transfer coding", postJson("Transfer-Encoding: xchunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"));
        cases.put("identity transfer coding", postJson("Transfer-Encoding: identity\r\nContent-Length: 2\r\n\r\n{}"));
        cases.put("gzip transfer coding", postJson("Transfer-Encoding: gzip, chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"));
        cases.put(
                "chunk size overflow",
                postJson("Transfer-Encoding: chunked\r\n\r\nffffffffffffffffffff\r\n{}\r\n0\r\n\r\n"));
        cases.put(
                "huge chunk extension",
                postJson("Transfer-Encoding: chunked\r\n\r\n2;" + "x".repeat(20_000) + "\r\n{}\r\n0\r\n\r\n"));
        cases.put(
                "gzip content coding of garbage", postJson("Content-Encoding: gzip\r\nContent-Length: 4\r\n\r\nabcd"));
        cases.put("unknown Expect", postJson("Expect: teapot\r\nContent-Length: 2\r\n\r\n{}"));
        cases.put(
                "h2c upgrade",
                RawHttp.ascii(
                        "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade, HTTP2-Settings, close\r\n"
                                + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n"));
        cases.put(
                "websocket upgrade on the API",
                RawHttp.ascii(
                        "GET /api/auth/me HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                + "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        cases.put("150 headers", head("GET /health HTTP/1.1", many.toString()));
        cases.put("10 KB request target", head("GET /api/v1/vps/" + "9".repeat(10_000) + " HTTP/1.1", ""));
        cases.put("cookie over 8 KB", head("GET /health HTTP/1.1", "Cookie: a=" + "c".repeat(9000) + "\r\n"));
        cases.put("bad query escape", head("GET /api/v1/vps/options?location=%zz HTTP/1.1", ""));
        cases.put("NUL in query", head("GET /api/v1/vps/1/logs?lines=%00 HTTP/1.1", ""));
        cases.put("overlong UTF-8 dots", head("GET /%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd HTTP/1.1", ""));
        cases.put("encoded dot segments", head("GET /api/v1/vps/%2e%2e/%2e%2e/health HTTP/1.1", ""));
        cases.put("path parameter", head("GET /api/v1/vps/1;x=y/status HTTP/1.1", ""));
        cases.put("backslash", head("GET /api\\v1\\vps HTTP/1.1", ""));
        cases.put("bare LF", RawHttp.ascii("GET /health HTTP/1.1\nHost: 127.0.0.1\nConnection: close\n\n"));
        cases.put("bare CR", RawHttp.ascii("GET /health HTTP/1.1\rHost: 127.0.0.1\rConnection: close\r\r\n\r\n"));
        cases.put("empty lines only", RawHttp.ascii("\r\n\r\n\r\n"));
        cases.put(
                "garbage start",
                RawHttp.ascii("\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u01fc\u0003\u0003 TLS hello\r\n\r\n"));
        for (int i = 0; i < 6; i++) {
            byte[] bytes = new byte[200];
            random.nextBytes(bytes);
            cases.put("random bytes " + i, bytes);
        }
        for (Map.Entry<String, byte[]> c : cases.entrySet()) {
            reqs.add(new Req("raw", c.getKey(), null, "RAW", null, Map.of(), c.getValue(), "no token", null));
            // the same bytes with a genuine token inserted after the request line, where there is one
            String text = new String(c.getValue(), StandardCharsets.ISO_8859_1);
            int eol = text.indexOf("\r\n");
            if (eol > 0 && text.contains(" HTTP/1.1") && !c.getKey().startsWith("random")) {
                byte[] signed = RawHttp.ascii(
                        text.substring(0, eol + 2) + "Authorization: Bearer " + jwt + "\r\n" + text.substring(eol + 2));
                reqs.add(new Req(
                        "raw", c.getKey() + " (signed in)", null, "RAW", null, Map.of(), signed, GENUINE, null));
            }
        }
        return reqs;
    }

    /** The head lines every raw request here has (what java.net.http would add). */
    private static final String RAW_HEAD = "Host: 127.0.0.1\r\nConnection: close\r\n";

    /** A request with no body: {@code requestLine}, the usual head lines, then {@code headers} (each ending CRLF). */
    private static byte[] head(String requestLine, String headers) {
        return RawHttp.ascii(requestLine + "\r\n" + RAW_HEAD + headers + "\r\n");
    }

    /** A JSON {@code POST /api/auth/validate} whose remaining head lines, blank line and body are {@code rest}. */
    private static byte[] postJson(String rest) {
        return RawHttp.ascii(
                "POST /api/auth/validate HTTP/1.1\r\n" + RAW_HEAD + "Content-Type: application/json\r\n" + rest);
    }

    // --- faults

    private void dynamoOutage(List<Operation> operations, int dynamoPort) throws Exception {
        ProcessHandle dynalite = ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("dynalite")
                        && p.info().commandLine().orElse("").contains(" " + dynamoPort))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no dynalite child on port " + dynamoPort));
        List<Req> reads = signedInReads(operations, "dynamo frozen", 48);
        signal("STOP", dynalite);
        ledger.fault(
                "DynamoDB frozen (SIGSTOP of dynalite pid " + dynalite.pid() + ") for " + reads.size() + " requests");
        try {
            run(
                    reads,
                    (req, answer) ->
                            req.op() != null && req.op().secured() && req.body() == null && answer.status() != 503
                                    ? "secured route during a DynamoDB outage answered " + answer.status()
                                    : null);
        } finally {
            signal("CONT", dynalite);
        }
        dynalite.destroyForcibly();
        ledger.fault("DynamoDB killed (SIGKILL); the local stack's supervisor restarts it on the same port and data");
        run(signedInReads(operations, "dynamo killed", 64));
        int me = awaitOk(signedInGet("dynamo recovery", "recovery", "/api/auth/me", GENUINE));
        if (me != 200) {
            ledger.violation(
                    "no recovery", "the session made before the DynamoDB outage answered " + me + " 30 s after");
        }
        ledger.note("DynamoDB back: the session made before the outage answers 200 again");
    }

    private void providerOutage(List<Operation> operations, LocalStack stack) throws Exception {
        Faults cloudflare = stack.cloudflare().orElseThrow().server().faults();
        Faults hetzner = stack.hetzner().orElseThrow().http().faults();
        List<String> cfRoutes = stack.cloudflare().orElseThrow().server().routeKeys();
        List<String> hzRoutes = stack.hetzner().orElseThrow().http().routeKeys();
        try {
            String html = "<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>";
            cfRoutes.forEach(r -> cloudflare.injectAlways(r, Fault.status(502, html)));
            hzRoutes.forEach(r -> hetzner.injectAlways(
                    r,
                    Fault.status(
                            503, "{\"error\":{\"code\":\"unavailable\",\"message\":\"<html>maintenance</html>\"}}")));
            ledger.fault("providers failing: every Cloudflare route 502 with an HTML body, every Hetzner route 503");
            run(signedInReads(operations, "providers failing", 160));

            cloudflare.clear(); // an armed fault stays ahead of any armed after it
            hetzner.clear();
            cfRoutes.forEach(r -> cloudflare.injectAlways(r, Fault.drop()));
            hzRoutes.forEach(r -> hetzner.injectAlways(r, Fault.drop()));
            ledger.fault("providers dropping every connection (Cloudflare and Hetzner)");
            run(signedInReads(operations, "providers dropping", 160));

            cloudflare.clear();
            hetzner.clear();
            cfRoutes.forEach(r -> cloudflare.injectAlways(r, Fault.latency(Duration.ofSeconds(8))));
            hzRoutes.forEach(r -> hetzner.injectAlways(r, Fault.latency(Duration.ofSeconds(8))));
            ledger.fault("providers slower than the request deadline (8 s against " + DEADLINE + ")");
            run(signedInReads(operations, "providers slow", 24));
        } finally {
            cloudflare.clear();
            hetzner.clear();
        }
        int list = awaitOk(signedInGet("provider recovery", "recovery", "/api/v1/vps", GENUINE));
        if (list != 200) {
            ledger.violation(
                    "no recovery", "GET /api/v1/vps answered " + list + " after the provider faults were cleared");
        }
    }

    /** A GET outside any operation with the genuine session's token, counted under {@code auth}. */
    private Req signedInGet(String phase, String kind, String target, String auth) {
        return new Req(phase, kind, null, "GET", target, headers(GENUINE, null), null, auth, null);
    }

    /** Sends {@code probe} until it answers 200, for up to 30 s; its last status. */
    private int awaitOk(Req probe) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int status = send(probe).status();
        while (status != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = send(probe).status();
        }
        return status;
    }

    /** Up to {@code n} signed-in requests that need the store and the providers, spread over the operations. */
    private List<Req> signedInReads(List<Operation> operations, String phase, int n) {
        List<Operation> reads = new ArrayList<>(
                operations.stream().filter(op -> !op.destructive()).toList());
        Collections.shuffle(reads, random);
        List<Req> reqs = new ArrayList<>();
        for (int i = 0; reqs.size() < n; i++) {
            Operation op = reads.get(i % reads.size());
            Map<String, Value> values = new LinkedHashMap<>();
            op.pathParams().forEach(p -> values.put(p.name(), validValue(op, p)));
            reqs.add(request(phase, phase, op, values, "", safeBody(op, true), GENUINE, Map.of()));
        }
        if (phase.startsWith("providers")) {
            reqs.add(new Req(
                    phase,
                    "login",
                    null,
                    "POST",
                    "/api/auth/login",
                    headers("no token", "application/json"),
                    ("{\"token\":\"" + CloudflareSimConfig.SANDBOX_TOKEN + "\"}").getBytes(StandardCharsets.UTF_8),
                    "no token",
                    null));
        }
        return reqs;
    }

    /** What changes the state the run relies on, one at a time with the genuine session, logout last. */
    private void destructive(List<Operation> operations) throws Exception {
        List<Req> reqs = new ArrayList<>();
        for (Operation op : operations) {
            if (op.destructive() && !op.id().equals("logout")) {
                Map<String, Value> values = new LinkedHashMap<>();
                op.pathParams().forEach(p -> values.put(p.name(), validValue(op, p)));
                reqs.add(request("destructive", "destructive", op, values, "", safeBody(op, true), GENUINE, Map.of()));
            }
        }
        operations.stream()
                .filter(op -> op.id().equals("logout"))
                .findFirst()
                .ifPresent(op ->
                        reqs.add(request("destructive", "destructive", op, Map.of(), "", null, GENUINE, Map.of())));
        for (Req r : reqs) {
            judge(r, send(r), null);
        }
        Req after = signedInGet("destructive", "after logout", "/api/auth/me", "jwt after logout");
        Answer answer = send(after);
        judge(after, answer, null);
        if (answer.status() != 401) {
            ledger.violation("session survives logout", "GET /api/auth/me answered " + answer.status());
        }
    }

    // --- values

    private Value validValue(Operation op, Param p) {
        return switch (p.name()) {
            case "id" ->
                op.path().startsWith("/api/v1/vps/")
                        ? new Value("valid", Long.toString(vpsId), null)
                        : new Value("unknown", "0f3c9a5e-8d7b-4c1e-9f2a-6b5d4e3c2a10", null);
            case "appType" -> new Value("valid", "code-server", null);
            case "domain" -> new Value("valid", "example.com", null);
            case "actionId" -> new Value("unknown", "424242", null);
            default -> new Value("unknown", "pf-unknown", null);
        };
    }

    private Map<String, Value> unknownValues(Operation op) {
        Map<String, Value> values = new LinkedHashMap<>();
        op.pathParams()
                .forEach(p -> values.put(
                        p.name(),
                        p.type().equals("integer")
                                ? new Value("unknown", "987654321", null)
                                : new Value(
                                        "unknown",
                                        p.name().equals("domain") ? "unknown-zone.example" : "unknown-" + p.name(),
                                        null)));
        return values;
    }

    private static List<Value> pathValues(Param p) {
        List<Value> values = new ArrayList<>(hostile());
        values.add(
                0,
                p.type().equals("integer")
                        ? new Value("unknown", "987654321", null)
                        : new Value("unknown", "unknown-" + p.name(), null));
        return values;
    }

    private static List<Value> queryValues() {
        List<Value> values = new ArrayList<>(hostile());
        values.add(new Value("empty", "", null));
        values.add(new Value("repeated", "1&lines=2&lines=3", null));
        return values;
    }

    /** Hostile values for one path segment or query value, percent-encoded unless the point is the raw form. */
    private static List<Value> hostile() {
        String long5k = "Q".repeat(5000);
        return List.of(
                new Value("zero", "0", null),
                new Value("negative", "-1", null),
                new Value("long overflow", "9223372036854775808", null),
                new Value("decimal", "1.5", null),
                new Value("exponent", "1e400", null),
                new Value("hex", "0x10", null),
                new Value("leading zeros", "0000000000000000000001", null),
                new Value("word", "abc", null),
                new Value("arabic-indic digits", enc("١٢٣"), null),
                new Value("fullwidth digits", enc("１２３"), null),
                new Value("dot-dot", "..", null),
                new Value("encoded dot-dot slash", "..%2F..%2Fhealth", null),
                new Value("encoded dots", "%2e%2e", null),
                new Value("NUL", "%00", null),
                new Value("bad escape", "%zz", null),
                new Value("lone percent", "%25", null),
                new Value("sql", enc("' OR '1'='1' --"), null),
                new Value("shell substitution", enc("$(reboot)"), null),
                new Value("backticks", enc("`id`"), null),
                new Value("shell chain", enc("1;rm -rf /"), null),
                new Value("pipe", enc("1|cat /etc/passwd"), null),
                new Value("html", enc("<script>alert(1)</script>"), null),
                new Value("unicode", enc("ünïcödé-名前"), null),
                new Value("emoji", enc("😀"), null),
                new Value("right-to-left override", enc("\u202Eabc"), null),
                new Value("CRLF", enc("1\r\nX-Injected: 1"), null),
                new Value("templates", enc("{{7*7}}${7*7}"), null),
                new Value("jndi", enc("${jndi:ldap://127.0.0.1/x}"), null),
                new Value("space", "%20", null),
                new Value("plus", "+", null),
                new Value("semicolon parameter", "1;jsessionid=x", null),
                new Value("backslashes", enc("..\\..\\"), null),
                new Value("null", "null", null),
                new Value("__proto__", "__proto__", null),
                new Value("long 5000", long5k, long5k),
                new Value("long 9000", "B".repeat(9000), null));
    }

    private static String enc(String raw) {
        StringBuilder out = new StringBuilder();
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    private static Map<String, Map<String, String>> headerVariants() {
        Map<String, Map<String, String>> variants = new LinkedHashMap<>();
        variants.put("Accept text/html", Map.of("Accept", "text/html"));
        variants.put("Accept application/xml", Map.of("Accept", "application/xml"));
        variants.put("Accept garbage", Map.of("Accept", ";;;/;q=x"));
        variants.put(
                "spoofed client address",
                Map.of("X-Forwarded-For", "1.2.3.4", "CloudFront-Viewer-Address", "1.2.3.4:5", "X-Real-IP", "1.2.3.4"));
        variants.put("foreign Origin", Map.of("Origin", "http://evil.example"));
        variants.put("hostile request id", Map.of("X-Request-Id", "<script>alert(1)</script>" + "r".repeat(300)));
        variants.put("charset utf-7", Map.of("Content-Type", "application/json; charset=utf-7"));
        variants.put("7 KB header", Map.of("X-Padding", "p".repeat(7000)));
        variants.put("Range", Map.of("Range", "bytes=0-1"));
        variants.put("method override", Map.of("X-HTTP-Method-Override", "DELETE", "X-Method-Override", "DELETE"));
        variants.put("Accept-Language hostile", Map.of("Accept-Language", "../../etc/passwd;q=1"));
        return variants;
    }

    private static List<String> unknownPaths() {
        return List.of(
                "/",
                "/api",
                "/api/",
                "/api/v1",
                "/api/v2/vps",
                "/api/v1/vps/",
                "//api/auth/me",
                "/api/auth/me/",
                "/api/auth/me;jsessionid=x",
                "/API/AUTH/ME",
                "/api/v1/../auth/me",
                "/api/./auth/me",
                "/WEB-INF/web.xml",
                "/META-INF/MANIFEST.MF",
                "/actuator",
                "/actuator/env",
                "/actuator/heapdump",
                "/error",
                "/.env",
                "/.git/config",
                "/api/openapi.yaml%00.json",
                "/favicon.ico",
                "/index.html",
                "/api/v1/vps/1/../../../../etc/passwd",
                "/%2e%2e/%2e%2e/etc/passwd",
                "/api/v1/vps/%2e%2e/settings/hetzner",
                "/api/auth/me%2f",
                "/robots.txt",
                "/api/v1/jobs/",
                "/servers/123",
                "/api/v1/applications/catalog.json",
                "/health/",
                "/health.json",
                "/api/auth/login%20",
                "/" + "x".repeat(2000));
    }

    /** The malformations of one body: syntax, duplicate keys, wrong types, depth, size, encoding, Content-Type. */
    private List<Body> bodies(Map<String, Object> template) {
        String valid = write(template);
        String first = template.keySet().iterator().next();
        String json = "application/json";
        String huge = "Z".repeat(20_000);
        List<Body> bodies = new ArrayList<>();
        bodies.add(new Body("empty", json, new byte[0], null));
        bodies.add(new Body("truncated", json, utf8(valid.substring(0, valid.length() / 2)), null));
        bodies.add(new Body("not JSON", json, utf8("not json at all"), null));
        bodies.add(new Body("array", json, utf8("[" + valid + "]"), null));
        bodies.add(new Body("null", json, utf8("null"), null));
        bodies.add(new Body("string", json, utf8("\"text\""), null));
        bodies.add(new Body("number", json, utf8("42"), null));
        bodies.add(new Body("two documents", json, utf8(valid + valid), null));
        bodies.add(new Body("trailing garbage", json, utf8(valid + "xyz"), null));
        bodies.add(new Body("comments", json, utf8("/* c */" + valid), null));
        bodies.add(new Body("single quotes", json, utf8(valid.replace('"', '\'')), null));
        bodies.add(new Body(
                "duplicate key",
                json,
                utf8("{\"" + first + "\":" + write(template.get(first)) + "," + valid.substring(1)),
                null));
        bodies.add(new Body(
                "deep nesting", json, utf8("{\"" + first + "\":" + "[".repeat(5000) + "]".repeat(5000) + "}"), null));
        bodies.add(new Body("deep objects", json, utf8("{\"a\":".repeat(3000) + "1" + "}".repeat(3000)), null));
        bodies.add(new Body(
                "over the body limit", json, utf8("{\"" + first + "\":\"" + "L".repeat(300 * 1024) + "\"}"), null));
        bodies.add(
                new Body("BOM", json, concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, utf8(valid)), null));
        bodies.add(new Body(
                "invalid UTF-8",
                json,
                concat(utf8("{\"" + first + "\":\""), new byte[] {(byte) 0xff, (byte) 0xfe}, utf8("\"}")),
                null));
        bodies.add(new Body("lone surrogate escape", json, utf8("{\"" + first + "\":\"\\ud800\"}"), null));
        bodies.add(new Body("NUL escape", json, utf8("{\"" + first + "\":\"a\\u0000b\"}"), null));
        bodies.add(new Body("huge number", json, utf8("{\"" + first + "\":1e999999}"), null));
        bodies.add(new Body("text/plain", "text/plain", utf8(valid), null));
        bodies.add(new Body("form", "application/x-www-form-urlencoded", utf8(first + "=x"), null));
        bodies.add(new Body(
                "xml",
                "application/xml",
                utf8("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"),
                null));
        bodies.add(new Body("no Content-Type", null, utf8(valid), null));
        bodies.add(new Body(
                "multipart",
                "multipart/form-data; boundary=b",
                utf8("--b\r\nContent-Disposition: form-data; " + "name=\"x\"\r\n\r\nv\r\n--b--\r\n"),
                null));
        for (String key : template.keySet()) {
            for (Object wrong : List.of(true, 123, 1.5, List.of("x"), Map.of("k", "v"), "")) {
                if (wrong.getClass().equals(template.get(key).getClass())
                        || (wrong instanceof String && !(template.get(key) instanceof String))) {
                    continue;
                }
                Map<String, Object> changed = new LinkedHashMap<>(template);
                changed.put(key, wrong);
                bodies.add(new Body(key + " as " + wrong.getClass().getSimpleName(), json, utf8(write(changed)), null));
            }
            Map<String, Object> nulled = new LinkedHashMap<>(template);
            nulled.put(key, null);
            bodies.add(new Body(key + " null", json, utf8(write(nulled)), null));
            if (template.get(key) instanceof String) {
                Map<String, Object> big = new LinkedHashMap<>(template);
                big.put(key, huge);
                bodies.add(new Body(key + " 20 KB", json, utf8(write(big)), huge));
                Map<String, Object> nasty = new LinkedHashMap<>(template);
                nasty.put(key, "$(reboot)';\"\\`id`\u0085\u2028<script>\u0000");
                bodies.add(new Body(key + " metacharacters", json, utf8(write(nasty)), null));
            }
        }
        return bodies;
    }

    private Body template(Operation op) {
        return new Body("template", "application/json", utf8(write(op.bodyTemplate())), null);
    }

    /** A body that cannot change anything: the template without a genuine session, else a truncated document. */
    private Body safeBody(Operation op, boolean genuine) {
        if (!op.hasBody()) {
            return null;
        }
        return genuine ? new Body("truncated", "application/json", utf8("{\"x\":"), null) : template(op);
    }

    // --- sending and judging

    private Req request(
            String phase,
            String kind,
            Operation op,
            Map<String, Value> values,
            String query,
            Body body,
            String auth,
            Map<String, String> extra) {
        String target = op.path();
        String hostileRun = body == null ? null : body.hostileRun();
        for (Map.Entry<String, Value> v : values.entrySet()) {
            target = target.replace("{" + v.getKey() + "}", v.getValue().encoded());
            if (v.getValue().hostileRun() != null) {
                hostileRun = v.getValue().hostileRun();
            }
        }
        Map<String, String> headers = headers(auth, body == null ? null : body.contentType());
        headers.putAll(extra);
        return new Req(
                phase,
                kind,
                op,
                op.method(),
                target + query,
                headers,
                body == null ? null : body.bytes(),
                auth,
                hostileRun);
    }

    private Map<String, String> headers(String auth, String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        String value = auth.equals("jwt after logout") ? "Bearer " + jwt : auths.get(auth);
        if (value != null) {
            headers.put("Authorization", value);
        }
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return headers;
    }

    /** A check only one phase makes; null when the answer passes it. */
    interface PhaseCheck {
        String check(Req req, Answer answer);
    }

    private void run(List<Req> reqs) throws Exception {
        run(reqs, null);
    }

    private void run(List<Req> reqs, PhaseCheck phaseCheck) throws Exception {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Req r : reqs) {
                done.add(pool.submit(() -> {
                    judge(r, send(r), phaseCheck);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        if (!reqs.isEmpty()) {
            ledger.note("phase " + reqs.get(0).phase() + ": " + reqs.size() + " requests in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
        }
    }

    private void judge(Req r, Answer answer, PhaseCheck phaseCheck) {
        String operation =
                r.op() == null ? r.phase() + " (" + (r.target() == null ? "raw" : "no route") + ")" : r.op().id();
        ledger.count(
                r.phase(),
                r.phase() + ": " + classOf(r.phase(), r.kind()),
                operation,
                answer.status(),
                answer.millis());
        boolean genuine = r.auth().equals(GENUINE);
        Sent sent = new Sent(
                operation,
                r.method(),
                r.op() != null && r.op().secured(),
                genuine,
                r.phase().equals("raw"),
                r.op() != null && r.op().id().equals("downloadSshPrivateKey") && genuine,
                r.hostileRun());
        List<String> broken = new ArrayList<>(oracle.judge(sent, answer));
        if (answer.status() == 0 && !r.phase().equals("raw")) {
            broken.add("no answer");
        } else if (answer.status() == 0) {
            ledger.note("raw: no HTTP answer (connection closed) to " + r.kind());
        }
        if (r.op() != null && answer.status() >= 500 && !r.op().documented().contains(answer.status())) {
            ledger.undocumented(r.op().id() + " " + answer.status());
        }
        if (phaseCheck != null) {
            String extra = phaseCheck.check(r, answer);
            if (extra != null) {
                broken.add(extra);
            }
        }
        for (String kind : broken) {
            String body = answer.body() == null ? "" : answer.body();
            ledger.violation(
                    kind,
                    r.phase() + " / " + r.kind() + " / " + r.method() + " " + abbreviate(r.target(), 160) + " ["
                            + r.auth() + "] -> " + answer.status() + " " + abbreviate(body.replace('\n', ' '), 300));
        }
    }

    private static String classOf(String phase, String kind) {
        int colon = kind.indexOf(':');
        if (!phase.equals("matrix")) {
            return phase.equals("raw") ? "raw socket" : kind;
        }
        if (kind.startsWith("path ")
                || kind.startsWith("query ")
                || kind.startsWith("body ")
                || kind.startsWith("header ")) {
            return kind.substring(0, kind.indexOf(' ')) + " values";
        }
        return colon > 0 ? kind.substring(0, colon) : kind;
    }

    private Answer send(Req r) {
        long start = System.nanoTime();
        if (r.target() == null) {
            return sendRaw(r.body(), start);
        }
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + r.target()))
                    .timeout(Duration.ofSeconds(40))
                    .method(
                            r.method(),
                            r.body() == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(r.body()));
            r.headers().forEach(builder::header);
            request = builder.build();
        } catch (IllegalArgumentException e) {
            return sendRaw(rawForm(r), start); // a target or header java.net.http refuses to send
        }
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("Server").orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null),
                    new String(response.body(), StandardCharsets.UTF_8),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            // java.net.http gives up on some answers to oversized requests; the raw socket reads what the server sent
            return sendRaw(rawForm(r), start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private byte[] rawForm(Req r) {
        StringBuilder head = new StringBuilder(
                r.method() + " " + r.target() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        r.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        byte[] body = r.body() == null ? new byte[0] : r.body();
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        return concat(head.toString().getBytes(StandardCharsets.UTF_8), body);
    }

    private Answer sendRaw(byte[] bytes, long start) {
        try {
            RawHttp.Response response = raw.send(bytes);
            return new Answer(
                    response.status(),
                    response.header("Content-Type"),
                    response.header("Server"),
                    response.header("Retry-After"),
                    response.body(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            return new Answer(0, null, null, null, "", (System.nanoTime() - start) / 1_000_000);
        }
    }

    private void judgeLog(String log) {
        long lines = 0;
        Map<String, Integer> warnings = new LinkedHashMap<>();
        for (String line : log.split("\n")) {
            lines++;
            for (String kind : oracle.judgeLog(line)) {
                ledger.violation(kind, abbreviate(line, 400));
            }
            if (line.contains("\"level\":\"WARN\"") || line.contains("\"level\":\"ERROR\"")) {
                String level = line.contains("\"level\":\"ERROR\"") ? "ERROR " : "WARN ";
                String logger = line.replaceAll(".*?\"logger\":\"([^\"]+)\".*", "$1");
                warnings.merge(level + logger, 1, Integer::sum);
            }
        }
        ledger.logLines(lines);
        long outageLines = log.lines()
                .filter(l -> l.contains("DynamoDB unreachable since"))
                .count();
        if (outageLines > 2) { // the frozen and the killed phase may each open an outage; never a line per request
            ledger.violation("DynamoDB outage logged per request", outageLines + " lines");
        }
        warnings.forEach((k, n) -> ledger.note("log " + k + ": " + n + " line(s)"));
    }

    /** A set-up call through {@link ApiCalls}, counted in the ledger. */
    private JsonNode call(String method, String path, Object body, String token, int expected) throws Exception {
        JsonNode answer = new ApiCalls(http, base).call(method, path, body, token, expected);
        ledger.count("setup", "setup", method + " " + path, expected, 0);
        return answer;
    }

    private static void signal(String signal, ProcessHandle process) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                        .start()
                        .waitFor())
                .isZero();
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static String abbreviate(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, max) + "…(" + text.length() + " chars)";
    }

    /** Everything written to the console (the app's JSON log lines included) also goes to {@code copy}. */
    private static final class Tee extends OutputStream {
        private final OutputStream console;
        private final ByteArrayOutputStream copy;

        Tee(OutputStream console, ByteArrayOutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            console.write(b);
            synchronized (copy) {
                copy.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            console.write(b, off, len);
            synchronized (copy) {
                copy.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            console.flush();
        }
    }
}
