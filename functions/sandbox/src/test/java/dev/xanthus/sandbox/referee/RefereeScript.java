package dev.xanthus.sandbox.referee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One official-SDK referee script ({@code referees/<name>/referee.js}) run against a simulator, and what every such
 * script reports alike: the operations with their typed fields, the loopback guard's self-check and refusals, a
 * crash. Each referee test adds what only its provider has.
 */
public final class RefereeScript {

    private final JsonNode report;
    private final Map<String, JsonNode> operations = new LinkedHashMap<>();

    private RefereeScript(JsonNode report) {
        this.report = report;
        report.path("operations").forEach(o -> operations.put(o.path("op").asText(), o));
    }

    /** Fails at once, naming the build step, when the referee's SDK package was not installed. */
    public static void requireInstalled(String referee, String sdkPackage, String buildStep) {
        Path sdk = dir(referee).resolve("node_modules").resolve(sdkPackage);
        if (!Files.isDirectory(sdk)) {
            fail(referee + " SDK missing: " + sdk.toAbsolutePath() + " (the sandbox build's " + buildStep
                    + " step installs it)");
        }
    }

    /**
     * Runs {@code node referee.js args…} in {@code referees/<referee>}, bounded by {@code timeout}; stdout is the JSON
     * report (kept as {@code target/<referee>-referee-report.json} for a look after a failure), stderr goes into the
     * failure message.
     */
    public static RefereeScript run(
            String referee, List<String> args, Consumer<Map<String, String>> environment, Duration timeout, Path work)
            throws IOException, InterruptedException {
        Path out = work.resolve("report.json");
        Path err = work.resolve("stderr.txt");
        List<String> command = new ArrayList<>(List.of("node", "referee.js"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir(referee).toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        environment.accept(builder.environment());
        Process node = builder.start();
        if (!node.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            node.destroyForcibly();
            fail("referee.js did not finish within " + timeout + "; stderr: " + tail(err));
        }
        String report = Files.readString(out, StandardCharsets.UTF_8);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", referee + "-referee-report.json"), report, StandardCharsets.UTF_8);
        if (node.exitValue() != 0 || report.isBlank()) {
            fail("referee.js exited " + node.exitValue() + "; stderr: " + tail(err));
        }
        return new RefereeScript(new ObjectMapper().readTree(report));
    }

    public JsonNode report() {
        return report;
    }

    /** One reported operation (a missing node when it was not reported). */
    public JsonNode operation(String name) {
        return operations.getOrDefault(name, com.fasterxml.jackson.databind.node.MissingNode.getInstance());
    }

    /** One typed field the script reported for operation {@code name}. */
    public JsonNode field(String name, String field) {
        return operation(name).path("fields").path(field);
    }

    /**
     * Prints the operation × pass table under {@code title}, then asserts what every referee must: no crash, the guard's
     * own check, no request off loopback, and exactly {@code expected} reported, in order, each passing.
     */
    public void assertAllPass(String title, List<String> expected) {
        System.out.println(table(title));
        assertThat(report.path("crashed").isMissingNode())
                .as("script crash: %s", report.path("crashed"))
                .isTrue();
        assertThat(report.path("guardSelfTest").toString())
                .as("the guard's own check")
                .isEqualTo("[\"GET http://192.0.2.1:9\",\"socket 192.0.2.1:9\"]");
        assertThat(report.path("refused"))
                .as("requests the loopback guard refused")
                .isEmpty();
        List<String> failing = new ArrayList<>();
        for (String name : expected) {
            JsonNode o = operations.get(name);
            if (o == null || !o.path("ok").asBoolean()) {
                failing.add(name + " → "
                        + (o == null
                                ? "not reported"
                                : o.path("failed").isArray()
                                        ? "wrong " + o.path("failed") + " in " + o.path("fields")
                                        : o.path("error") + " " + o.path("fields")));
            }
        }
        assertThat(failing)
                .as("operations the SDK and the simulator disagree on")
                .isEmpty();
        assertThat(operations.keySet()).containsExactlyElementsOf(expected);
    }

    private String table(String title) {
        StringBuilder table = new StringBuilder("| operation (" + title + ") | pass | ms |\n|---|---|---|\n");
        operations.forEach((name, o) -> table.append("| ")
                .append(name)
                .append(" | ")
                .append(o.path("ok").asBoolean() ? "yes" : "NO")
                .append(" | ")
                .append(o.path("ms").asText("-"))
                .append(" |\n"));
        return table.toString();
    }

    private static Path dir(String referee) {
        return Path.of("referees", referee);
    }

    private static String tail(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    }
}
