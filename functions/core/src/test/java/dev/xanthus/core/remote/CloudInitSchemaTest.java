package dev.xanthus.core.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every user data the project renders, checked by the real validator: Debian's cloud-init 22.4.2 ({@code cloud-init
 * schema --config-file}), unpacked into {@code target/cloud-init} by {@code scripts/cloud-init-validator.sh} during
 * the build. The existing-server variant is a bash script, so it gets {@code bash -n} (itself and the scripts it
 * writes) and the schema check of the cloud-config it is derived from. A broken document must be refused, which
 * proves the validator really validates (cloud-init without jsonschema would call anything valid).
 */
@Timeout(120)
class CloudInitSchemaTest {

    private static final Path CLOUD_INIT = Path.of("target", "cloud-init");
    private static final Path PYTHON_PATH = CLOUD_INIT.resolve("usr/lib/python3/dist-packages");
    /** What {@code cloudinit.cmd.main schema} imports beyond the standard library (Debian package names). */
    private static final Map<String, String> MODULES = Map.of(
            "yaml",
            "python3-yaml",
            "jsonschema",
            "python3-jsonschema",
            "requests",
            "python3-requests",
            "jsonpatch",
            "python3-jsonpatch",
            "configobj",
            "python3-configobj",
            "six",
            "python3-six");

    /** Realistic servers, including odd-but-valid names and zones (IANA links, Etc/ signs, half-hour offsets). */
    private static final List<String[]> SERVERS = List.of(
            new String[] {"web-01", "Europe/Berlin"},
            new String[] {"0", "Etc/GMT-14"},
            new String[] {"k3s-" + "x".repeat(55) + "-99", "America/Argentina/ComodRivadavia"},
            new String[] {"prod-eu-2", "Asia/Kathmandu"});

    @TempDir
    static Path work;

    @BeforeAll
    static void validatorIsThere() throws Exception {
        if (!Files.isDirectory(PYTHON_PATH.resolve("cloudinit"))) {
            fail("cloud-init validator missing: " + PYTHON_PATH.toAbsolutePath()
                    + " (the core build's cloud-init-validator step unpacks it with apt-get download + dpkg -x)");
        }
        Result missing = run(
                List.of(
                        "python3",
                        "-c",
                        "import importlib.util as u\n" + "print(' '.join(m for m in " + pythonList(MODULES.keySet())
                                + " if u.find_spec(m) is None))"),
                PYTHON_PATH.toAbsolutePath().toString());
        if (missing.status() != 0) {
            fail("python3 cannot run the cloud-init validator: "
                    + missing.output().strip());
        }
        if (!missing.output().isBlank()) {
            List<String> packages = new ArrayList<>();
            for (String module : missing.output().trim().split(" ")) {
                packages.add(MODULES.get(module));
            }
            fail("python3 lacks what cloud-init's validator imports: "
                    + missing.output().trim() + " (Debian: " + String.join(" ", packages) + ")");
        }
    }

    @Test
    void hetznerAndOciCreateUserDataAreValidCloudConfig() throws Exception {
        for (String[] server : SERVERS) {
            for (CloudInit.Provider provider : CloudInit.Provider.values()) {
                String userData =
                        CloudInit.render(RemoteValues.hostname(server[0]), RemoteValues.timeZone(server[1]), provider);
                assertValid(provider + " create for " + server[0] + " in " + server[1], userData);
            }
        }
    }

    @Test
    void theExistingServerScriptIsValidBashAndComesFromValidCloudConfig() throws Exception {
        for (String[] server : SERVERS) {
            String hostname = RemoteValues.hostname(server[0]);
            String zone = RemoteValues.timeZone(server[1]);
            String variant = "OCI existing for " + hostname + " in " + zone;
            assertValid(variant + " (its cloud-config)", CloudInit.render(hostname, zone, CloudInit.Provider.OCI));
            String script = CloudInit.existingServerScript(hostname, zone, CloudInit.Provider.OCI);
            assertBash(variant, script);
            // the scripts it writes run too: setup.sh (from the template) and the bootstrap (packages and runcmd)
            for (String embedded : heredocs(script)) {
                if (embedded.startsWith("#!/bin/bash") || embedded.startsWith("set -eEu")) {
                    assertBash(variant + " (written script)", embedded);
                }
            }
            assertThat(heredocs(script))
                    .anyMatch(s -> s.startsWith("#!/bin/bash"))
                    .anyMatch(s -> s.startsWith("set -eEu"));
        }
    }

    @Test
    void theValidatorRefusesABrokenDocument() throws Exception {
        String broken = CloudInit.render("web-01", "Europe/Berlin", CloudInit.Provider.HETZNER)
                .replace("ssh_pwauth: false", "ssh_pwauth: [never]")
                .replace("runcmd:\n", "runcmd: 5\nbootcmd:\n");
        Result result = schema(broken);
        assertThat(result.status()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("runcmd: 5 is not of type 'array'").doesNotContain("Valid cloud-config");

        Result broken2 = run(List.of("bash", "-n", write("broken.sh", "if true; then echo x\n")), null);
        assertThat(broken2.status()).as("bash -n refuses an unfinished if").isNotZero();
    }

    private static void assertValid(String variant, String userData) throws Exception {
        Result result = schema(userData);
        assertThat(result.status()).as("%s: %s", variant, result.output()).isZero();
        assertThat(result.output()).as(variant).contains("Valid cloud-config").doesNotContainIgnoringCase("deprecat");
    }

    private static void assertBash(String variant, String script) throws Exception {
        Result result = run(List.of("bash", "-n", write("script.sh", script)), null);
        assertThat(result.status())
                .as("bash -n, %s: %s", variant, result.output())
                .isZero();
    }

    private static Result schema(String userData) throws Exception {
        return run(
                List.of(
                        "python3",
                        "-m",
                        "cloudinit.cmd.main",
                        "schema",
                        "--config-file",
                        write("user-data.yaml", userData)),
                PYTHON_PATH.toAbsolutePath().toString());
    }

    /** The bodies of the script's quoted heredocs ({@code <<'MARKER'} … {@code MARKER}). */
    private static List<String> heredocs(String script) {
        List<String> bodies = new ArrayList<>();
        Matcher m = Pattern.compile("<<'([A-Za-z0-9_]+)'\n(.*?)\n\\1\n", Pattern.DOTALL)
                .matcher(script);
        while (m.find()) {
            bodies.add(m.group(2) + "\n");
        }
        return bodies;
    }

    private static String write(String name, String content) throws IOException {
        Path file = work.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file.toString();
    }

    private record Result(int status, String output) {}

    private static Result run(List<String> command, String pythonPath) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (pythonPath != null) {
            builder.environment().put("PYTHONPATH", pythonPath);
        }
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within 60 s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static String pythonList(java.util.Collection<String> names) {
        return "[" + String.join(",", names.stream().map(n -> "'" + n + "'").toList()) + "]";
    }
}
