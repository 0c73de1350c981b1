package dev.xanthus.api.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import dev.xanthus.api.docs.RouteTable;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Checks every answer the API tests receive against {@code openapi.yaml}, strictly: the operation must list the
 * status, and the body (and the headers it declares required) must match that status's schema. A request that
 * matches no operation must get the one error shape with 404 (no such route) or 405 (no such method there).
 * Which operation/status pairs the run saw is written to {@code target/api-contract-coverage.txt}.
 */
public final class ApiContract {

    private static final String SPEC = read();
    private static final OpenAPI API = parse(SPEC);
    private static final OpenApiInteractionValidator VALIDATOR =
            OpenApiInteractionValidator.createFor(API).build();
    private static final SchemaValidator SCHEMAS = new SchemaValidator(API, new MessageResolver());
    private static final Set<String> NO_ROUTE =
            Set.of("validation.request.path.missing", "validation.request.operation.notAllowed");
    private static final Map<String, AtomicInteger> SEEN = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ApiContract::writeCoverage));
    }

    private ApiContract() {}

    /** Throws an AssertionError naming every way {@code response} to {@code method uri} breaks the document. */
    public static void check(String method, URI uri, HttpResponse<String> response) {
        check(
                method,
                uri.getRawPath(),
                response.statusCode(),
                response.headers().map(),
                response.body());
    }

    /** The same for an answer already taken apart: {@code path} without the query. */
    public static void check(String method, String path, int status, Map<String, List<String>> headers, String body) {
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(status);
        headers.forEach((name, values) -> answer.withHeader(name, values));
        if (!body.isEmpty()) {
            answer.withBody(body);
        }
        ValidationReport report = VALIDATOR.validateResponse(
                path, Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), answer.build());
        List<ValidationReport.Message> errors = report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .toList();
        if (errors.stream().anyMatch(m -> NO_ROUTE.contains(m.getKey()))) {
            noRoute(method, path, status, body);
            return;
        }
        if (!errors.isEmpty()) {
            throw new AssertionError(method + " " + path + " answered " + status
                    + ", which openapi.yaml does not allow:\n  "
                    + errors.stream().map(Object::toString).collect(Collectors.joining("\n  ")) + "\nbody: "
                    + abbreviate(body));
        }
        SEEN.computeIfAbsent(
                        method.toUpperCase(Locale.ROOT) + " " + template(method, path) + " " + status,
                        k -> new AtomicInteger())
                .incrementAndGet();
    }

    /** Not a route of the document: only the router's own refusal, in the one error shape, is a right answer. */
    private static void noRoute(String method, String path, int status, String body) {
        if (status != 404 && status != 405) {
            throw new AssertionError(method + " " + path + " is no operation of openapi.yaml, yet answered " + status
                    + " (only 404 or 405 can be right): " + abbreviate(body));
        }
        ValidationReport report =
                SCHEMAS.validate(body, API.getComponents().getSchemas().get("Error"), "response.body");
        if (report.hasErrors()) {
            throw new AssertionError(method + " " + path + " answered " + status + " without the error shape: "
                    + report.getMessages() + "\nbody: " + abbreviate(body));
        }
        SEEN.computeIfAbsent("(no route) " + status, k -> new AtomicInteger()).incrementAndGet();
    }

    private static String template(String method, String path) {
        return RouteTable.load().stream()
                .filter(r -> r.method().equalsIgnoreCase(method) && matches(r.path(), path))
                .map(RouteTable.Route::path)
                .findFirst()
                .orElse(path);
    }

    private static boolean matches(String template, String path) {
        String[] t = template.split("/", -1);
        String[] p = path.split("/", -1);
        if (t.length != p.length) {
            return false;
        }
        for (int i = 0; i < t.length; i++) {
            if (!t[i].startsWith("{") && !t[i].equals(p[i])) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String body) {
        return body.length() > 600 ? body.substring(0, 600) + "…" : body;
    }

    private static void writeCoverage() {
        if (SEEN.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder("# operation status: responses checked against openapi.yaml\n");
        new TreeMap<>(SEEN)
                .forEach((key, count) ->
                        text.append(key).append(": ").append(count.get()).append('\n'));
        try {
            Path target = Path.of("target");
            if (Files.isDirectory(target)) {
                // one line per JVM: surefire may fork more than one
                Files.writeString(
                        target.resolve("api-contract-coverage-"
                                + ProcessHandle.current().pid() + ".txt"),
                        text);
            }
        } catch (IOException e) {
            System.err.println("could not write the contract coverage: " + e);
        }
    }

    private static String read() {
        try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(RouteTable.RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OpenAPI parse(String spec) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        var result = new OpenAPIV3Parser().readContents(spec, null, options);
        if (result.getOpenAPI() == null
                || (result.getMessages() != null && !result.getMessages().isEmpty())) {
            throw new IllegalStateException("openapi.yaml does not parse: " + result.getMessages());
        }
        return result.getOpenAPI();
    }
}
