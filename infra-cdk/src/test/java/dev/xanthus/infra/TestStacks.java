package dev.xanthus.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;

/**
 * The one synthesized stack every test shares (a synth takes 5–13 s): the app's {@code cdk.json} context, the
 * built Lambda jar, and fixtures for the relay's Docker context and the built site.
 */
final class TestStacks {

    static final Path REPO_ROOT = Path.of(System.getProperty("xanthus.repo.root", ".."))
            .toAbsolutePath()
            .normalize();
    static final Path MODULE = REPO_ROOT.resolve("infra-cdk");
    static final Path FIXTURES = MODULE.resolve("src/test/resources/fixtures");
    static final Path LAMBDA_JAR =
            REPO_ROOT.resolve("functions/api/target/xanthus-api-" + XanthusProps.version() + "-lambda.jar");

    private static FunctionCatalog catalog;
    private static XanthusStack stack;
    private static Template template;

    private TestStacks() {}

    static synchronized FunctionCatalog catalog() {
        if (catalog == null) {
            catalog = FunctionCatalog.fromJar(LAMBDA_JAR);
        }
        return catalog;
    }

    static synchronized XanthusStack stack() {
        if (stack == null) {
            Map<String, Object> context = cdkJsonContext();
            App app = new App(AppProps.builder().context(context).build());
            XanthusProps props = XanthusProps.fromContext(app.getNode())
                    .withPaths(LAMBDA_JAR, FIXTURES.resolve("relay"), FIXTURES.resolve("site"));
            stack = XanthusApp.createStack(app, props);
        }
        return stack;
    }

    static synchronized Template template() {
        if (template == null) {
            template = Template.fromStack(stack());
        }
        return template;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cdkJsonContext() {
        try {
            Map<String, Object> cdkJson =
                    new ObjectMapper().readValue(MODULE.resolve("cdk.json").toFile(), Map.class);
            return (Map<String, Object>) cdkJson.get("context");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
