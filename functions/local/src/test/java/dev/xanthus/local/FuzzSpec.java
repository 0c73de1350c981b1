package dev.xanthus.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every operation of the API's route table (openapi.yaml, read from the API jar so the suite can never drift from it),
 * with what the fuzzer needs: its parameters, whether it is signed-in, a well-formed body to mutate, and the 5xx
 * statuses it documents.
 */
final class FuzzSpec {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    /** One parameter: where it goes and its schema type ({@code integer}, {@code string}, {@code boolean}). */
    record Param(String name, String in, String type) {}

    record Operation(
            String id,
            String method,
            String path,
            List<Param> params,
            boolean secured,
            boolean hasBody,
            Map<String, Object> bodyTemplate,
            Set<Integer> documented) {

        List<Param> pathParams() {
            return params.stream().filter(p -> p.in().equals("path")).toList();
        }

        List<Param> queryParams() {
            return params.stream().filter(p -> p.in().equals("query")).toList();
        }

        /** Changes state that the rest of the run relies on (the one server, the session, the stored keys). */
        boolean destructive() {
            return method.equals("DELETE") || id.equals("logout");
        }
    }

    /**
     * Bodies of the operations whose schema the route table describes in prose only (their controllers are the source):
     * well-formed, so each mutation breaks exactly one thing.
     */
    private static final Map<String, Map<String, Object>> PROSE_BODIES = Map.of(
            "createApplication",
                    ordered(
                            "name",
                            "fuzz-app",
                            "description",
                            "d",
                            "appType",
                            "code-server",
                            "subdomain",
                            "fz",
                            "domain",
                            "example.com",
                            "vpsId",
                            1,
                            "version",
                            ""),
            "upgradeApplication", ordered("version", "4.96.4"),
            "changeApplicationPassword", ordered("password", "correct-horse-battery"),
            "createPortForward", ordered("port", 8080, "subdomain", "pf"));

    static List<Operation> load() throws IOException {
        JsonNode root;
        try (InputStream in = FuzzSpec.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is not on the classpath (it ships in the API jar)");
            }
            root = YAML.readTree(in);
        }
        boolean securedByDefault = root.path("security").size() > 0;
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            List<Param> shared = params(root, path.getValue().path("parameters"));
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                JsonNode node = op.getValue();
                List<Param> params = new ArrayList<>(shared);
                params.addAll(params(root, node.path("parameters")));
                boolean secured = node.has("security") ? node.path("security").size() > 0 : securedByDefault;
                String id = node.path("operationId").asText(op.getKey() + " " + path.getKey());
                JsonNode schema = node.path("requestBody")
                        .path("content")
                        .path("application/json")
                        .path("schema");
                Map<String, Object> template = PROSE_BODIES.get(id);
                if (template == null && !schema.isMissingNode()) {
                    template = template(schema);
                }
                Set<Integer> documented = new LinkedHashSet<>();
                node.path("responses").fieldNames().forEachRemaining(s -> {
                    if (s.matches("\\d{3}")) {
                        documented.add(Integer.parseInt(s));
                    }
                });
                operations.add(new Operation(
                        id,
                        op.getKey().toUpperCase(Locale.ROOT),
                        path.getKey(),
                        List.copyOf(params),
                        secured,
                        template != null,
                        template,
                        documented));
            }
        }
        return operations;
    }

    private static List<Param> params(JsonNode root, JsonNode list) {
        List<Param> params = new ArrayList<>();
        for (JsonNode p : list) {
            if (p.has("$ref")) {
                String[] ref = p.path("$ref").asText().replace("#/", "").split("/");
                p = root;
                for (String part : ref) {
                    p = p.path(part);
                }
            }
            params.add(new Param(
                    p.path("name").asText(),
                    p.path("in").asText(),
                    p.path("schema").path("type").asText("string")));
        }
        return params;
    }

    /** A well-formed value for every property: the first enum value, else a plausible one of the declared type. */
    private static Map<String, Object> template(JsonNode schema) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> props =
                        schema.path("properties").fields();
                props.hasNext(); ) {
            Map.Entry<String, JsonNode> prop = props.next();
            JsonNode p = prop.getValue();
            Object value =
                    switch (p.path("type").asText("string")) {
                        case "integer", "number" ->
                            p.has("minimum") ? p.path("minimum").asInt() : 1;
                        case "boolean" -> false;
                        default -> p.has("enum") ? p.path("enum").get(0).asText() : sample(prop.getKey());
                    };
            body.put(prop.getKey(), value);
        }
        return body;
    }

    private static String sample(String name) {
        return switch (name) {
            case "token" -> "fuzz_token_that_cloudflare_does_not_know_1";
            case "key" -> "fuzz_hetzner_key_unknown";
            case "name" -> "fuzz-server";
            case "domain" -> "example.com";
            case "ip" -> "203.0.113.10";
            case "user" -> "ubuntu";
            case "timezone" -> "Europe/Berlin";
            case "location" -> "fsn1";
            case "serverType" -> "cx23";
            default -> "fuzz";
        };
    }

    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
