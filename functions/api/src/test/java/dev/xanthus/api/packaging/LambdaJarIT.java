package dev.xanthus.api.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xanthus.api.function.FunctionGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The Lambda deployment package holds every handler and nothing of the sandbox, tests or embedded servers. */
class LambdaJarIT {

    private static Path lambdaJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-lambda.jar"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no *-lambda.jar in target/"));
        }
    }

    @Test
    void lambdaJar_shouldHoldEveryHandler_andNoSandboxOrTomcat() throws IOException {
        try (JarFile jar = new JarFile(lambdaJar().toFile())) {
            List<String> names = jar.stream().map(e -> e.getName()).toList();

            for (FunctionGroup group : FunctionGroup.values()) {
                String handler = "dev/xanthus/api/lambda/"
                        + Character.toUpperCase(group.id().charAt(0))
                        + group.id().substring(1) + "Handler.class";
                assertThat(names).as(group.id()).contains(handler);
            }
            assertThat(names).contains("openapi.yaml");
            assertThat(names)
                    .noneMatch(n -> n.startsWith("dev/xanthus/sandbox/"))
                    .noneMatch(n -> n.startsWith("org/apache/catalina/"))
                    .noneMatch(n -> n.startsWith("org/apache/sshd/"))
                    .noneMatch(n -> n.startsWith("dev/xanthus/") && n.endsWith("Test.class"));
        }
    }
}
