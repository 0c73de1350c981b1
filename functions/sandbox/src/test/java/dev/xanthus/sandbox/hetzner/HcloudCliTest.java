package dev.xanthus.sandbox.hetzner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.sandbox.http.SimJson;
import dev.xanthus.sandbox.ssh.AuthorizedKeys;
import dev.xanthus.sandbox.ssh.SandboxServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hetzner's own CLI ({@code hcloud}, Debian's hcloud-cli 1.30.3) as referee: it runs against the simulator on loopback
 * and must work as it works against Hetzner, so the simulator cannot drift into a dialect only our client speaks. What
 * the CLI showed and what the simulator changed for it: {@code functions/sandbox/contracts/hetzner/README.md}.
 */
@Timeout(180)
class HcloudCliTest {

    private static final Path HCLOUD = Path.of("/usr/bin/hcloud");
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final String X86_DEBIAN_12 = "114690387";
    private static final String ARM_UBUNTU_24 = "161547270";

    /** Not the default sandbox token: the CLI must present exactly what it was given (and it is never printed). */
    private static final String TOKEN = "hcloud-referee-" + UUID.randomUUID();

    @TempDir
    static Path home;

    private static HetznerSimulator sim;
    /** Every exchange the CLI had with the simulator: no 5xx may appear; POST /servers bodies are kept. */
    private static final List<String> serverErrors = new CopyOnWriteArrayList<>();

    private static final List<JsonNode> createBodies = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        // Fail, never skip: a machine without the CLI must not pass this suite silently.
        if (!Files.isExecutable(HCLOUD)) {
            throw new AssertionError("hcloud CLI missing at " + HCLOUD + ": apt-get install -y hcloud-cli");
        }
        sim = HetznerSimulator.start(HetznerSimulator.Config.defaults()
                .withPort(0)
                .withToken(TOKEN)
                .withTimings(HetznerSimulator.Timings.uniform(Duration.ofMillis(100)))
                .withSandbox(SandboxServers.Config.uniform(Duration.ofMillis(50))));
        sim.http().onExchange((request, response) -> {
            if (response.status() >= 500) {
                serverErrors.add(request.method() + " " + request.rawTarget() + " -> " + response.status());
            }
            if (request.route().equals("POST /servers")) {
                createBodies.add(request.json());
            }
        });
    }

    @AfterAll
    static void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @AfterEach
    void noServerErrors() {
        assertThat(serverErrors).as("simulator answers with 5xx").isEmpty();
    }

    // --- catalog ----------------------------------------------------------------------------------------------------

    @Test
    void serverTypes_shouldListAndDescribeByNameAndId() {
        JsonNode types = json(ok("server-type", "list", "-o", "json"));
        assertThat(names(types)).contains("cx23", "cpx22", "cax11", "ccx13");
        JsonNode cx23 = find(types, "name", "cx23");
        assertThat(cx23.path("id").asLong()).isEqualTo(114);
        assertThat(cx23.path("cores").asInt()).isEqualTo(2);
        assertThat(cx23.path("prices").size()).isPositive();

        JsonNode byName = json(ok("server-type", "describe", "cax11", "-o", "json"));
        assertThat(byName.path("id").asLong()).isEqualTo(45);
        assertThat(byName.path("architecture").asText()).isEqualTo("arm");
        JsonNode byId = json(ok("server-type", "describe", "114", "-o", "json"));
        assertThat(byId.path("name").asText()).isEqualTo("cx23");
    }

    @Test
    void locations_shouldListInIdOrderAndDescribeByNameAndId() {
        JsonNode locations = json(ok("location", "list", "-o", "json"));
        assertThat(names(locations)).containsExactly("fsn1", "nbg1", "hel1", "ash", "hil", "sin");
        assertThat(json(ok("location", "describe", "hel1", "-o", "json"))
                        .path("id")
                        .asLong())
                .isEqualTo(3);
        JsonNode byId = json(ok("location", "describe", "1", "-o", "json"));
        assertThat(byId.path("name").asText()).isEqualTo("fsn1");
        assertThat(byId.path("network_zone").asText()).isEqualTo("eu-central");
    }

    @Test
    void images_shouldListInTheSortedOrderTheCliAsksFor_andDescribeByNameAndId() {
        // The CLI sends sort=id:asc; the catalog is not stored in id order, so this fails unless sort is honoured.
        List<Long> ids = new ArrayList<>();
        json(ok("image", "list", "-o", "json"))
                .forEach(i -> ids.add(i.path("id").asLong()));
        assertThat(ids).hasSizeGreaterThanOrEqualTo(5).isSorted();

        JsonNode byName = json(ok("image", "describe", "debian-12", "-o", "json"));
        assertThat(byName.path("id").asText()).isEqualTo(X86_DEBIAN_12);
        JsonNode byId = json(ok("image", "describe", ARM_UBUNTU_24, "-o", "json"));
        assertThat(byId.path("name").asText()).isEqualTo("ubuntu-24.04");
        assertThat(byId.path("architecture").asText()).isEqualTo("arm");
    }

    @Test
    void datacenters_shouldFailAsAgainstTodaysHetzner() {
        int before = count("GET /datacenters");

        Result list = hcloud("datacenter", "list");

        assertThat(list.exit()).isNotZero();
        assertThat(list.stderr()).contains("hcloud: API functionality was removed (deprecated_api_endpoint)");
        assertThat(count("GET /datacenters")).isGreaterThan(before);
    }

    // --- SSH keys ---------------------------------------------------------------------------------------------------

    @Test
    void sshKey_shouldCreateDescribeUpdateAndDeleteById() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        PublicKey key = rsa.generateKeyPair().getPublic();
        Path file = Files.writeString(home.resolve("referee-key.pub"), PublicKeyEntry.toString(key) + " referee\n");

        long id = createdId(
                ok(
                        "ssh-key",
                        "create",
                        "--name",
                        "referee-key",
                        "--public-key-from-file",
                        file.toString(),
                        "--label",
                        "team=ops"),
                "SSH key");

        JsonNode created = json(ok("ssh-key", "describe", Long.toString(id), "-o", "json"));
        assertThat(created.path("name").asText()).isEqualTo("referee-key");
        assertThat(created.path("fingerprint").asText()).isEqualTo(AuthorizedKeys.md5Fingerprint(key));
        assertThat(created.path("labels")).isEqualTo(SimJson.MAPPER.valueToTree(Map.of("team", "ops")));

        ok("ssh-key", "update", Long.toString(id), "--name", "referee-key-2");
        ok("ssh-key", "add-label", Long.toString(id), "env=prod");
        JsonNode updated = json(ok("ssh-key", "describe", Long.toString(id), "-o", "json"));
        assertThat(updated.path("name").asText()).isEqualTo("referee-key-2");
        assertThat(updated.path("labels")).isEqualTo(SimJson.MAPPER.valueToTree(Map.of("team", "ops", "env", "prod")));

        ok("ssh-key", "delete", Long.toString(id));
        Result gone = hcloud("ssh-key", "describe", Long.toString(id));
        assertThat(gone.exit()).isNotZero();
        assertThat(gone.stderr()).contains("not found");
        assertThat(names(json(ok("ssh-key", "list", "-o", "json")))).doesNotContain("referee-key-2");
    }

    @Test
    void sshKeyList_shouldFollowThePagesTheCliAsksFor() throws Exception {
        // 55 keys straight over HTTP (fast), so the CLI, asking for 50 a page, must read meta.pagination to see them
        // all.
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 55; i++) {
            String body =
                    SimJson.MAPPER.writeValueAsString(Map.of("name", "page-key-" + i, "public_key", ed25519Line()));
            HttpResponse<String> made = http.send(
                    HttpRequest.newBuilder(URI.create(sim.baseUri() + "/ssh_keys"))
                            .header("Authorization", "Bearer " + TOKEN)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(made.statusCode()).isEqualTo(201);
        }
        int pages = count("GET /ssh_keys");

        List<String> names = names(json(ok("ssh-key", "list", "-o", "json")));

        assertThat(names.stream().filter(n -> n.startsWith("page-key-"))).hasSize(55);
        assertThat(count("GET /ssh_keys") - pages).isGreaterThanOrEqualTo(2);
    }

    /** A fresh authorized_keys line: ssh-ed25519, base64 of (string "ssh-ed25519", string raw 32-byte key). */
    private static String ed25519Line() throws Exception {
        byte[] x509 = KeyPairGenerator.getInstance("Ed25519")
                .generateKeyPair()
                .getPublic()
                .getEncoded();
        byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
        ByteBuffer blob = ByteBuffer.allocate(4 + 11 + 4 + 32);
        blob.putInt(11)
                .put("ssh-ed25519".getBytes(StandardCharsets.US_ASCII))
                .putInt(32)
                .put(raw);
        return "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob.array());
    }

    // --- servers ----------------------------------------------------------------------------------------------------

    @Test
    void serverCreate_shouldWaitOnItsActions_andCarryTypeLocationImageLabelsAndUserData() throws Exception {
        String userData = "#cloud-config\nruncmd:\n  - [touch, /root/referee]\n";
        Path file = Files.writeString(home.resolve("user-data.yaml"), userData);
        int polls = count("GET /actions") + count("GET /actions/{id}");

        long id = createdId(
                ok(
                        "server",
                        "create",
                        "--name",
                        "referee-web",
                        "--type",
                        "cx23",
                        "--image",
                        "debian-12",
                        "--location",
                        "fsn1",
                        "--user-data-from-file",
                        file.toString(),
                        "--label",
                        "env=prod",
                        "--label",
                        "tier=web"),
                "Server");

        // The CLI returns only once the create and start actions succeeded, which it learns by polling both routes.
        assertThat(count("GET /actions") + count("GET /actions/{id}")).isGreaterThan(polls);
        JsonNode sent = createBodies.stream()
                .filter(b -> b.path("name").asText().equals("referee-web"))
                .findFirst()
                .orElseThrow();
        assertThat(sent.path("user_data").asText()).isEqualTo(userData);
        assertThat(sent.path("location").asText()).isEqualTo("fsn1");
        assertThat(sent.has("datacenter")).isFalse();

        JsonNode server = json(ok("server", "describe", Long.toString(id), "-o", "json"));
        assertThat(server.path("status").asText()).isEqualTo("running");
        assertThat(server.path("server_type").path("name").asText()).isEqualTo("cx23");
        assertThat(server.path("location").path("name").asText()).isEqualTo("fsn1");
        assertThat(server.has("datacenter"))
                .as("removed from server responses after 2026-07-01")
                .isFalse();
        assertThat(server.path("image").path("id").asText()).isEqualTo(X86_DEBIAN_12);
        assertThat(server.path("labels")).isEqualTo(SimJson.MAPPER.valueToTree(Map.of("env", "prod", "tier", "web")));

        ok("server", "delete", Long.toString(id));
    }

    @Test
    void powerActions_shouldEachWaitOnTheirActionAndLeaveTheServerInItsState() {
        long id = createdId(
                ok(
                        "server",
                        "create",
                        "--name",
                        "referee-power",
                        "--type",
                        "cpx22",
                        "--image",
                        "debian-12",
                        "--location",
                        "nbg1"),
                "Server");
        String server = Long.toString(id);

        assertPower(server, "poweroff", "stopped", "off");
        assertPower(server, "poweron", "started", "running");
        assertPower(server, "reboot", "rebooted", "running");
        assertPower(server, "shutdown", "shut down", "off");

        ok("server", "delete", server);
    }

    private void assertPower(String server, String verb, String printed, String status) {
        int polls = count("GET /actions");
        assertThat(ok("server", verb, server)).contains("Server " + server + " " + printed);
        assertThat(count("GET /actions")).as(verb + " waited on its action").isGreaterThan(polls);
        // The CLI waited until the action succeeded, so the server is already where the action leaves it.
        assertThat(json(ok("server", "describe", server, "-o", "json"))
                        .path("status")
                        .asText())
                .isEqualTo(status);
    }

    @Test
    void serverList_shouldSelectByLabelsAndSort_andDeleteShouldRemove() {
        String run = "referee-" + Long.toHexString(System.nanoTime());
        long prod = createLabelled("sel-b", "run=" + run, "env=prod");
        long dev = createLabelled("sel-c", "run=" + run, "env=dev");
        long bare = createLabelled("sel-a", "run=" + run);
        String scope = "run=" + run + ",";

        assertThat(listed(scope + "env=prod")).containsExactly("sel-b");
        assertThat(listed(scope + "env==dev")).containsExactly("sel-c");
        assertThat(listed(scope + "env!=prod")).containsExactly("sel-c", "sel-a");
        assertThat(listed(scope + "env")).containsExactly("sel-b", "sel-c");
        assertThat(listed(scope + "!env")).containsExactly("sel-a");
        assertThat(listed(scope + "env in (prod,dev)")).containsExactly("sel-b", "sel-c");
        assertThat(listed(scope + "env notin (prod,stage)")).containsExactly("sel-c", "sel-a");
        assertThat(listed("run=" + run, "--sort", "name:desc")).containsExactly("sel-c", "sel-b", "sel-a");
        assertThat(listed("run=" + run, "--sort", "name")).containsExactly("sel-a", "sel-b", "sel-c");
        assertThat(listed("run=" + run, "--sort", "id:desc")).containsExactly("sel-a", "sel-c", "sel-b");
        Result invalid = hcloud("server", "list", "-l", "env in prod");
        assertThat(invalid.exit()).isNotZero();
        assertThat(invalid.stderr()).contains("(invalid_input)");

        for (long id : List.of(prod, dev, bare)) {
            assertThat(ok("server", "delete", Long.toString(id))).contains("deleted");
        }
        assertThat(listed("run=" + run)).isEmpty();
        Result gone = hcloud("server", "describe", Long.toString(prod));
        assertThat(gone.exit()).isNotZero();
        assertThat(gone.stderr()).contains("server not found: " + prod);
    }

    private List<String> listed(String selector, String... more) {
        List<String> args = new ArrayList<>(List.of("server", "list", "-l", selector, "-o", "json"));
        args.addAll(List.of(more));
        return names(json(ok(args.toArray(String[]::new))));
    }

    @Test
    void armType_shouldRefuseAnX86ImageAsHetznerDoes_andTakeAnArmOne() {
        int before = createBodies.size();

        Result byId = hcloud(
                "server",
                "create",
                "--name",
                "referee-arm-x86",
                "--type",
                "cax11",
                "--image",
                X86_DEBIAN_12,
                "--location",
                "fsn1");
        // The old CLI resolves an image name without an architecture and gets the x86 one first: refused the same way.
        Result byName = hcloud(
                "server",
                "create",
                "--name",
                "referee-arm-name",
                "--type",
                "cax11",
                "--image",
                "ubuntu-24.04",
                "--location",
                "fsn1");

        for (Result refused : List.of(byId, byName)) {
            assertThat(refused.exit()).isNotZero();
            assertThat(refused.stderr()).contains("hcloud: image has incompatible architecture (invalid_input)");
        }
        assertThat(createBodies.size())
                .as("both refusals came from the API, not the CLI")
                .isEqualTo(before + 2);
        assertThat(names(json(ok("server", "list", "-o", "json"))))
                .doesNotContain("referee-arm-x86", "referee-arm-name");

        long id = createdId(
                ok(
                        "server",
                        "create",
                        "--name",
                        "referee-arm",
                        "--type",
                        "cax11",
                        "--image",
                        ARM_UBUNTU_24,
                        "--location",
                        "fsn1"),
                "Server");
        JsonNode server = json(ok("server", "describe", Long.toString(id), "-o", "json"));
        assertThat(server.path("server_type").path("architecture").asText()).isEqualTo("arm");
        assertThat(server.path("image").path("architecture").asText()).isEqualTo("arm");
        ok("server", "delete", Long.toString(id));
    }

    // --- harness ----------------------------------------------------------------------------------------------------

    private record Result(int exit, String stdout, String stderr) {}

    /**
     * Runs {@code hcloud} against the simulator only: a clean environment (no HCLOUD_CONTEXT, no ~/.config/hcloud), the
     * endpoint on 127.0.0.1, a throwaway config file, and a timeout per call.
     */
    private static Result hcloud(String... args) {
        String endpoint = sim.baseUri().toString();
        assertThat(endpoint)
                .as("hcloud must only reach loopback")
                .startsWith("http://127.0.0.1:")
                .endsWith("/v1");
        List<String> command = new ArrayList<>(List.of(HCLOUD.toString()));
        command.addAll(List.of(args));
        // Actions take 100 ms here; the default 500 ms between polls would only slow the suite down.
        command.addAll(List.of("--poll-interval", "100ms"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", home.toString());
        env.put("HCLOUD_ENDPOINT", endpoint);
        env.put("HCLOUD_TOKEN", TOKEN);
        env.put("HCLOUD_CONFIG", home.resolve("hcloud-cli.toml").toString());
        String call = String.join(" ", args);
        try {
            Path out = Files.createTempFile(home, "out", ".txt");
            Path err = Files.createTempFile(home, "err", ".txt");
            Process process = builder.redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("hcloud " + call + " did not finish within " + CALL_TIMEOUT);
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new AssertionError("cannot run hcloud " + call + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running hcloud " + call, e);
        }
    }

    /** Runs hcloud and returns its stdout; a non-zero exit fails the test with the CLI's own error line. */
    /** {@code hcloud server create} of a cx23 Debian server with {@code labels}; its id. */
    private static long createLabelled(String name, String... labels) {
        List<String> args =
                new ArrayList<>(List.of("server", "create", "--name", name, "--type", "cx23", "--image", "debian-12"));
        for (String label : labels) {
            args.add("--label");
            args.add(label);
        }
        return createdId(ok(args.toArray(String[]::new)), "Server");
    }

    private static String ok(String... args) {
        Result result = hcloud(args);
        assertThat(result.exit())
                .as(
                        "hcloud %s failed: %s",
                        String.join(" ", args), result.stderr().strip())
                .isZero();
        return result.stdout();
    }

    /** The id in the CLI's "Server 115493226 created" / "SSH key 2323 created" (1.30's create has no -o json). */
    private static long createdId(String stdout, String what) {
        Matcher m = Pattern.compile("^" + what + " (\\d+) created$", Pattern.MULTILINE)
                .matcher(stdout);
        assertThat(m.find()).as("'%s N created' in: %s", what, stdout).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static int count(String route) {
        return sim.http().calls(route);
    }

    private static JsonNode json(String text) {
        try {
            return SimJson.MAPPER.readTree(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("hcloud printed no JSON: " + text, e);
        }
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(item -> names.add(item.path("name").asText()));
        return names;
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode item : array) {
            if (item.path(field).asText().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }
}
