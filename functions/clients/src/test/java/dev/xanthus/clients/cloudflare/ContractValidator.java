package dev.xanthus.clients.cloudflare;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xanthus.sandbox.http.SimRequest;
import dev.xanthus.sandbox.http.SimResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Checks every response the simulator gives against the Cloudflare OpenAPI subset; attach it to a simulator with
 * {@code server().onExchange(validator::check)} and call {@link #assertAllValid()} at the end of the test.
 */
final class ContractValidator {

    /** Operations Xanthus uses that the subset lacks (the 2024 spec has no account-token verify either). */
    static final Set<String> NOT_IN_SUBSET = Set.of(
            "GET /memberships", "GET /accounts/{account_id}/tokens/verify", "DELETE /certificates/{certificate_id}");

    /** KV bulk operations: the subset predates bulk/get, so functions/sandbox/contracts/cloudflare has a fragment. */
    static final String FRAGMENT = "/dev/xanthus/sandbox/contracts/cloudflare/kv-bulk-openapi.json";

    static final Set<String> IN_FRAGMENT = Set.of(
            "POST /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/bulk/get",
            "PUT /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/bulk",
            "POST /accounts/{account_id}/storage/kv/namespaces/{namespace_id}/bulk/delete");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final OpenApiInteractionValidator VALIDATOR = validator(subsetSpec(), false);
    /** The fragment is ours and exact, so the client's requests (≤ 100 keys a bulk read, …) are checked too. */
    private static final OpenApiInteractionValidator FRAGMENT_VALIDATOR = validator(resource(FRAGMENT), true);

    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<String> checked = new CopyOnWriteArrayList<>();

    private static OpenApiInteractionValidator validator(String spec, boolean checkRequests) {
        return OpenApiInteractionValidator.createForInlineApiSpecification(spec)
                .withBasePathOverride("/client/v4")
                .withLevelResolver(LevelResolver.create()
                        // The subset's request side is stricter than Cloudflare itself (DNS operations list only key
                        // auth, KV
                        // writes only multipart, a settings PATCH would need the id): there responses are what we
                        // check.
                        .withLevel(
                                "validation.request",
                                checkRequests ? ValidationReport.Level.ERROR : ValidationReport.Level.IGNORE)
                        // The validator otherwise treats every object as closed, which breaks the spec's allOf
                        // envelopes; and
                        // Cloudflare adds fields the subset lacks (result_info.total_pages).
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    /** Validates one exchange; fault-injected answers are the test's, not the simulator's, and are skipped. */
    void check(SimRequest request, SimResponse response) {
        if (response.injected() || NOT_IN_SUBSET.contains(request.route())) {
            return;
        }
        SimpleRequest.Builder builder =
                new SimpleRequest.Builder(Request.Method.valueOf(request.method()), request.path());
        request.query().forEach((name, value) -> builder.withQueryParam(name, value));
        request.headers().forEach((name, values) -> builder.withHeader(name, values));
        if (request.body().length > 0) {
            builder.withBody(new String(request.body(), StandardCharsets.UTF_8));
        }
        SimpleResponse.Builder answer =
                SimpleResponse.Builder.status(response.status()).withBody(response.bodyText());
        response.headers().forEach((name, value) -> answer.withHeader(name, value));
        OpenApiInteractionValidator validator = IN_FRAGMENT.contains(request.route()) ? FRAGMENT_VALIDATOR : VALIDATOR;
        ValidationReport report = validator.validate(builder.build(), answer.build());
        checked.add(request.route() + " -> " + response.status());
        if (report.hasErrors()) {
            violations.add(request.route() + " -> " + response.status() + ": " + report.getMessages() + "\nbody: "
                    + abbreviate(response.bodyText()));
        }
    }

    void assertAllValid() {
        if (!violations.isEmpty()) {
            throw new AssertionError("simulator responses break the contract:\n" + String.join("\n", violations));
        }
    }

    /** Route and status of every validated exchange, for tests that must prove validation happened. */
    List<String> checked() {
        return List.copyOf(checked);
    }

    /**
     * The subset as copied, with three repairs. Several 4XX answers are specified as {@code allOf} the success
     * envelope and the failure one, which no body can satisfy ({@code success} must be both true and false): those
     * are checked against the failure envelope alone. The parser reads the setting base's untyped {@code value: {}} as an
     * object, so every string-valued setting (ssl, always_use_https) would fail (the per-setting schemas still
     * constrain {@code value}); and the DNS operations spell their error range {@code 4xx}, which OpenAPI (and so
     * the validator) only knows as {@code 4XX}.
     */
    private static String subsetSpec() {
        try {
            ObjectNode spec = (ObjectNode) MAPPER.readTree(resource("/contracts/cloudflare-subset.json"));
            ((ObjectNode) spec.at("/components/schemas/zones_base/properties")).remove("value");
            spec.path("paths")
                    .forEach(path -> path.forEach(operation -> {
                        if (operation.path("responses").has("4xx")) {
                            ObjectNode responses = (ObjectNode) operation.get("responses");
                            responses.set("4XX", responses.remove("4xx"));
                        }
                        JsonNode failure = operation.at("/responses/4XX/content/application~1json/schema");
                        for (JsonNode part : failure.path("allOf")) {
                            if (part.path("$ref").asText().endsWith("api-response-common-failure")) {
                                ((ObjectNode) operation.at("/responses/4XX/content/application~1json"))
                                        .set("schema", part);
                            }
                        }
                    }));
            return MAPPER.writeValueAsString(spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String path) {
        try (InputStream in = ContractValidator.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviate(String body) {
        return body.length() > 600 ? body.substring(0, 600) + "…" : body;
    }
}
