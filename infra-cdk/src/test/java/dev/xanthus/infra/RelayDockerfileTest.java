package dev.xanthus.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay image builds from what the Maven build leaves behind: every path its Dockerfile copies exists, it
 * runs as a non-root user on a Java 17/21 runtime image. The fixture that stands in for it in the stack test is
 * checked the same way.
 */
class RelayDockerfileTest {

    static final Path RELAY = TestStacks.REPO_ROOT.resolve("terminal-relay");

    @Test
    void relayDockerfile_shouldCopyOnlyBuiltArtefacts_andRunAsNonRootOnAJavaRuntime() throws IOException {
        check(RELAY);
    }

    @Test
    void fixtureDockerfile_shouldPassTheSameChecks() throws IOException {
        check(TestStacks.FIXTURES.resolve("relay"));
    }

    /** dockerfile-utils (pinned in package.json) is the linter VS Code's Docker support uses; warnings count too. */
    @Test
    void bothDockerfiles_shouldLintClean_andTheLinterShouldCatchABrokenOne(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("Dockerfile");
        Files.writeString(broken, "FROM eclipse-temurin:17-jre\nMAINTAINER someone\nHEALTHCHECK CMD\n");

        assertThat(lint(RELAY.resolve("Dockerfile"))).isEqualTo("exit 0: ");
        assertThat(lint(TestStacks.FIXTURES.resolve("relay/Dockerfile"))).isEqualTo("exit 0: ");
        assertThat(lint(broken))
                .startsWith("exit 1: ")
                .contains("MAINTAINER has been deprecated")
                .contains("Missing command after HEALTHCHECK CMD");
    }

    /** The image must run what the relay bench measured: the same JDK major, JVM flags and malloc arenas. */
    @Test
    void relayImage_shouldRunTheJdkAndFlagsTheBenchMeasured() throws IOException {
        String bench = Files.readString(RELAY.resolve("bench/run.sh"));
        String dockerfile = Files.readString(RELAY.resolve("Dockerfile"));

        assertThat(Dockerfile.parse(RELAY.resolve("Dockerfile")).runtimeBase())
                .startsWith("eclipse-temurin:" + shellDefault(bench, "RELAY_JDK_MAJOR") + "-jre");
        assertThat(match(dockerfile, "JAVA_TOOL_OPTIONS=\"([^\"]+)\""))
                .isEqualTo(shellDefault(bench, "RELAY_JAVA_OPTS"));
        assertThat(match(dockerfile, "MALLOC_ARENA_MAX=(\\d+)"))
                .isEqualTo(match(bench, "MALLOC_ARENA_MAX=(\\d+) \"\\$RELAY_JAVA\""));
    }

    private static String lint(Path dockerfile) throws Exception {
        Process p = new ProcessBuilder(
                        TestStacks.MODULE
                                .resolve("node_modules/.bin/dockerfile-utils")
                                .toString(),
                        "lint",
                        dockerfile.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return "exit " + p.exitValue() + ": " + out;
    }

    /** {@code NAME=${NAME:-default}} in a shell script. */
    private static String shellDefault(String script, String name) {
        return match(script, "(?m)^" + name + "=\\$\\{" + name + ":-(.*)}$");
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in the file", regex).isTrue();
        return m.group(1);
    }

    static void check(Path context) throws IOException {
        Dockerfile df = Dockerfile.parse(context.resolve("Dockerfile"));
        for (String source : df.copySources()) {
            assertThat(context.resolve(source).normalize())
                    .as("COPY source %s (build the relay first: mvn -B -pl terminal-relay -am package)", source)
                    .exists();
        }
        assertThat(df.runtimeBase())
                .as("runtime base image")
                .matches("(?i).*(jre|jdk|java|corretto|temurin).*")
                .matches(".*\\b(17|21)\\b.*");
        assertThat(df.user()).as("USER of the runtime stage").isNotBlank().isNotIn("root", "0", "0:0");
    }

    /** The few Dockerfile instructions the checks need; multi-stage aware (the last stage is the runtime). */
    record Dockerfile(List<String> copySources, String runtimeBase, String user) {
        static Dockerfile parse(Path file) throws IOException {
            List<String> copies = new ArrayList<>();
            String base = "";
            String user = "";
            for (String raw : String.join("\n", Files.readAllLines(file))
                    .replace("\\\n", " ")
                    .split("\n")) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] words = line.split("\\s+");
                switch (words[0].toUpperCase(Locale.ROOT)) {
                    case "FROM" -> {
                        base = words[1];
                        user = "";
                    }
                    case "USER" -> user = words[1];
                    case "COPY", "ADD" -> {
                        List<String> args = new ArrayList<>();
                        boolean fromStage = false;
                        for (int i = 1; i < words.length; i++) {
                            if (words[i].startsWith("--from=")) {
                                fromStage = true;
                            } else if (!words[i].startsWith("--")) {
                                args.add(words[i]);
                            }
                        }
                        if (!fromStage && args.size() > 1) {
                            copies.addAll(args.subList(0, args.size() - 1));
                        }
                    }
                    default -> {}
                }
            }
            return new Dockerfile(copies, base, user);
        }
    }
}
