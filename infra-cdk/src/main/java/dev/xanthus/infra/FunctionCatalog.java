package dev.xanthus.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipFile;

/**
 * The functions and routes to deploy, read from the built Lambda jar itself: {@code FunctionGroup.values()} and
 * {@code RouteTable.load()} run in an isolated class loader, so what is deployed is exactly what the jar serves and
 * the CDK app needs no compile-time dependency on the API module. The deploy worker is the one function without
 * routes; it is invoked asynchronously by the functions in {@link #JOB_STARTERS}.
 */
public record FunctionCatalog(Path jar, List<Fn> functions, List<Route> routes) {

    public static final String WORKER_ID = "deploy-worker";
    /** The functions that start jobs: app deploys, and the vps function's OCI clean-up after a delete. */
    public static final java.util.Set<String> JOB_STARTERS = java.util.Set.of("applications", "vps");

    static final String HANDLER_PACKAGE = "dev.xanthus.api.lambda.";

    /** One Lambda function: its id ({@code x-xanthus-function}), handler class, and whether the jar has it yet. */
    public record Fn(String id, String handler, boolean inJar) {
        /** {@code applications} → {@code Applications}, {@code deploy-worker} → {@code DeployWorker}. */
        public String pascalName() {
            StringBuilder out = new StringBuilder();
            for (String part : id.split("-")) {
                out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
            return out.toString();
        }

        public boolean startsJobs() {
            return JOB_STARTERS.contains(id);
        }

        public boolean isWorker() {
            return WORKER_ID.equals(id);
        }
    }

    /** One HTTP API route: {@code GET /health} served by function {@code auth}. */
    public record Route(String method, String path, String function) {
        public String routeKey() {
            return method + " " + path;
        }
    }

    public FunctionCatalog {
        functions = List.copyOf(functions);
        routes = routes.stream()
                .sorted(Comparator.comparing(Route::path).thenComparing(Route::method))
                .toList();
    }

    public Fn function(String id) {
        return functions.stream()
                .filter(f -> f.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no function " + id));
    }

    public Optional<Fn> worker() {
        return functions.stream().filter(Fn::isWorker).findFirst();
    }

    public List<Route> routesOf(String functionId) {
        return routes.stream().filter(r -> r.function().equals(functionId)).toList();
    }

    /** Reads the catalog from the shaded Lambda jar ({@code functions/api/target/xanthus-api-VERSION-lambda.jar}). */
    public static FunctionCatalog fromJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Lambda jar not found: "
                    + jar.toAbsolutePath().normalize() + " (build it first: mvn -B -DskipTests package)");
        }
        try (URLClassLoader loader =
                        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
                ZipFile zip = new ZipFile(jar.toFile())) {
            List<Fn> functions = new ArrayList<>();
            Class<?> groups = loader.loadClass("dev.xanthus.api.function.FunctionGroup");
            Method groupId = groups.getMethod("id");
            for (Object group : groups.getEnumConstants()) {
                functions.add(fn((String) groupId.invoke(group), zip));
            }
            functions.add(fn(WORKER_ID, zip));

            List<Route> routes = new ArrayList<>();
            Class<?> table = loader.loadClass("dev.xanthus.api.docs.RouteTable");
            for (Object route : (List<?>) table.getMethod("load").invoke(null)) {
                Class<?> type = route.getClass();
                Object group = type.getMethod("function").invoke(route);
                routes.add(new Route(
                        (String) type.getMethod("method").invoke(route),
                        (String) type.getMethod("path").invoke(route),
                        (String) groupId.invoke(group)));
            }
            return new FunctionCatalog(jar, functions, routes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the route table from " + jar, e);
        }
    }

    private static Fn fn(String id, ZipFile zip) {
        Fn probe = new Fn(id, "", false);
        String handler = HANDLER_PACKAGE + probe.pascalName() + "Handler";
        boolean inJar = zip.getEntry(handler.replace('.', '/') + ".class") != null;
        return new Fn(id, handler, inJar);
    }
}
