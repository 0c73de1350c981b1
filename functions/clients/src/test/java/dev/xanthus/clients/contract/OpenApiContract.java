package dev.xanthus.clients.contract;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import dev.xanthus.sandbox.http.SimRequest;
import dev.xanthus.sandbox.http.SimResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * Checks simulator exchanges against an OpenAPI 3.0 contract from the test classpath, collecting every violation.
 * Register {@link #recorder()} with {@code SimServer.onExchange}; fault-injected answers are the test's own and skipped.
 */
public final class OpenApiContract {

    private final OpenApiInteractionValidator validator;
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private int checked;

    private OpenApiContract(OpenApiInteractionValidator validator) {
        this.validator = validator;
    }

    /** {@code resource} like {@code /contracts/hetzner/hetzner-today.openapi30.json}. */
    public static OpenApiContract load(String resource) {
        try (InputStream in = OpenApiContract.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no contract at " + resource);
            }
            // OpenAPI spells response ranges "4XX"; the Hetzner subsets write "4xx", which the validator would not
            // match.
            String spec = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("\"4xx\":", "\"4XX\":")
                    .replace("\"5xx\":", "\"5XX\":");
            return new OpenApiContract(OpenApiInteractionValidator.createForInlineApiSpecification(spec)
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BiConsumer<SimRequest, SimResponse> recorder() {
        return (request, response) -> {
            if (!response.injected()) {
                check(request, response);
            }
        };
    }

    /** Validates one exchange: the request the client sent and the answer the simulator gave. */
    public synchronized void check(SimRequest request, SimResponse response) {
        checked++;
        SimpleRequest.Builder req = new SimpleRequest.Builder(Request.Method.valueOf(request.method()), request.path());
        request.query().forEach(req::withQueryParam);
        request.headers().forEach((name, values) -> req.withHeader(name, values));
        if (request.body().length > 0) {
            req.withBody(new String(request.body(), StandardCharsets.UTF_8));
        }
        SimpleResponse.Builder res = SimpleResponse.Builder.status(response.status());
        response.headers().forEach(res::withHeader);
        if (response.body().length > 0) {
            res.withBody(response.bodyText());
        }
        ValidationReport report = validator.validate(req.build(), res.build());
        for (ValidationReport.Message message : report.getMessages()) {
            if (message.getLevel() == ValidationReport.Level.ERROR) {
                violations.add(request.method() + " " + request.path() + " -> " + response.status() + ": " + message);
            }
        }
    }

    public synchronized int checked() {
        return checked;
    }

    /** Every violation so far; empty when all checked exchanges followed the contract. */
    public List<String> violations() {
        return new ArrayList<>(violations);
    }

    public void reset() {
        violations.clear();
    }

    /** Validates a response body alone, e.g. a genuine example, for {@code method path} answering {@code status}. */
    public List<String> checkResponse(String method, String path, int status, String body) {
        SimpleResponse response = SimpleResponse.Builder.status(status)
                .withContentType("application/json")
                .withBody(body)
                .build();
        ValidationReport report = validator.validateResponse(path, Request.Method.valueOf(method), response);
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(Object::toString)
                .toList();
    }
}
