package dev.xanthus.api.docs;

import dev.xanthus.api.function.FunctionGroup;
import dev.xanthus.api.openapi.OpenApiController;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads the routes from the OpenAPI document: each operation's method, path and the function that serves it. */
public final class RouteTable {

    public static final String RESOURCE = OpenApiController.RESOURCE;
    public static final String FUNCTION_EXTENSION = "x-xanthus-function";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    /** One operation of the API. */
    public record Route(String method, String path, FunctionGroup function) {
        /** The HTTP API route key, as API Gateway writes it: {@code GET /api/v1/vps/{id}}. */
        public String routeKey() {
            return method + " " + path;
        }
    }

    private RouteTable() {}

    public static List<Route> load() {
        try (InputStream in = RouteTable.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the classpath");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Route> parse(InputStream in) {
        Map<String, Object> doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        Map<String, Object> paths = (Map<String, Object>) doc.get("paths");
        List<Route> routes = new ArrayList<>();
        paths.forEach((path, item) -> ((Map<String, Object>) item).forEach((method, op) -> {
            if (!METHODS.contains(method)) {
                return;
            }
            Object function = ((Map<String, Object>) op).get(FUNCTION_EXTENSION);
            if (function == null) {
                throw new IllegalStateException(method + " " + path + " has no " + FUNCTION_EXTENSION);
            }
            routes.add(new Route(method.toUpperCase(Locale.ROOT), path, FunctionGroup.fromId(function.toString())));
        }));
        return List.copyOf(routes);
    }
}
