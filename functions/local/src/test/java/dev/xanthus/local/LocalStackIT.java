package dev.xanthus.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged local stack as a newcomer does (`java -jar`), on free ports, and checks what README promises. */
class LocalStackIT {

    private static final Path JAR = Path.of("target/xanthus-local.jar");
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> started = new ArrayList<>();

    @TempDir
    Path state;

    private int cloudflarePort;
    private int hetznerPort;
    private int releasesPort;
    private int ociPort;

    @org.junit.jupiter.api.BeforeEach
    void pickSimulatorPorts() throws IOException {
        cloudflarePort = freePort();
        hetznerPort = freePort();
        releasesPort = freePort();
        ociPort = freePort();
    }

    @AfterEach
    void stopAll() {
        started.forEach(p -> p.descendants().forEach(c -> {
            try {
                new ProcessBuilder("kill", "-CONT", Long.toString(c.pid()))
                        .start()
                        .waitFor();
            } catch (Exception e) {
                // gone already
            }
        }));
        started.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
    }

    private static int freePort() throws IOException {
        return ApiCalls.freePort();
    }

    private Process launch(int apiPort, int dynamoPort) throws IOException {
        return launch(apiPort, dynamoPort, Map.of());
    }

    private Process launch(int apiPort, int dynamoPort, Map<String, String> extra) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        "java",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        JAR.toAbsolutePath().toString())
                .directory(Path.of(System.getProperty("xanthus.repo.root")).toFile())
                .redirectErrorStream(true);
        builder.environment()
                .putAll(Map.of(
                        "XANTHUS_API_PORT", Integer.toString(apiPort),
                        "XANTHUS_DYNAMO_PORT", Integer.toString(dynamoPort),
                        "XANTHUS_CLOUDFLARE_PORT", Integer.toString(cloudflarePort),
                        "XANTHUS_HETZNER_PORT", Integer.toString(hetznerPort),
                        "XANTHUS_RELEASES_PORT", Integer.toString(releasesPort),
                        "XANTHUS_OCI_PORT", Integer.toString(ociPort),
                        "XANTHUS_RELAY_PORT", "0",
                        "XANTHUS_STATE_DIR", state.toString()));
        builder.environment().putAll(extra);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    /** Everything each launched process printed so far, read by one thread per process for its whole life. */
    private final Map<Process, StringBuffer> outputs = new java.util.concurrent.ConcurrentHashMap<>();

    private StringBuffer output(Process process) {
        return outputs.computeIfAbsent(process, p -> {
            StringBuffer seen = new StringBuffer();
            Thread reader = new Thread(
                    () -> {
                        try (BufferedReader out =
                                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                            for (String line = out.readLine(); line != null; line = out.readLine()) {
                                seen.append(line).append('\n');
                            }
                        } catch (IOException e) {
                            // the process is gone; what it said is kept
                        }
                    },
                    "stack-output");
            reader.setDaemon(true);
            reader.start();
            return seen;
        });
    }

    /** Waits until a line contains {@code marker} (at most 90 s); returns everything printed so far. */
    private String awaitLine(Process process, String marker) throws Exception {
        StringBuffer seen = output(process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!seen.toString().contains(marker)
                && System.nanoTime() < deadline
                && (process.isAlive() || !drained(seen))) {
            Thread.sleep(50);
        }
        return seen.toString();
    }

    private static boolean drained(StringBuffer seen) throws InterruptedException {
        int before = seen.length();
        Thread.sleep(200);
        return seen.length() == before;
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void stack_shouldServeHealth_answer503WhileDynamoIsDown_restartItWithTheDataKept_andLeaveNoProcessOnSigterm()
            throws Exception {
        int apiPort = freePort();
        Process stack = launch(apiPort, freePort());
        String output = awaitLine(stack, "Xanthus is running at");
        assertThat(output).contains("Xanthus is running at http://127.0.0.1:" + apiPort);

        HttpResponse<String> health = get("http://127.0.0.1:" + apiPort + "/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"dynamodb\":\"ok\"");
        assertThat(Files.exists(state.resolve("jwt-key.jwk"))).isTrue();
        assertThat(Files.getPosixFilePermissions(state.resolve("data-key")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        HttpResponse<String> verify = http.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + cloudflarePort + "/client/v4/user/tokens/verify"))
                        .header("Authorization", "Bearer xanthus_sandbox_token_000000000000000000")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(verify.statusCode()).isEqualTo(200);
        assertThat(verify.body()).contains("\"status\":\"active\"");
        HttpResponse<String> types = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hetznerPort + "/v1/server_types"))
                        .header("Authorization", "Bearer xanthus_sandbox_hetzner_token")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(types.statusCode()).isEqualTo(200);
        assertThat(types.body()).contains("\"server_types\"");
        // The OCI simulator wants signed requests; the sandbox key and its config wait in the state folder.
        HttpResponse<String> unsigned = get("http://127.0.0.1:" + ociPort + "/20160918/shapes?compartmentId=x");
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.body()).contains("NotAuthenticated");
        assertThat(unsigned.headers().firstValue("opc-request-id")).isPresent();
        assertThat(Files.readString(state.resolve("oci-sandbox/config")))
                .contains("tenancy=ocid1.tenancy.oc1..", "region=eu-frankfurt-1");
        assertThat(Files.getPosixFilePermissions(state.resolve("oci-sandbox/oci_api_key.pem")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        String jwt = signIn("http://127.0.0.1:" + apiPort).path("jwt_token").asText();
        assertThat(jwt).isNotEmpty();
        HttpResponse<String> versions = http.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + apiPort + "/api/v1/applications/versions/code-server"))
                        .header("Authorization", "Bearer " + jwt)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(versions.statusCode()).as(versions.body()).isEqualTo(200);
        assertThat(versions.body()).contains("4.96.4");

        // DynamoDB hangs (dynalite frozen: connections are accepted, nothing answers). Only the client's time bounds
        // end
        // each call; the answer is the 503 error shape with Retry-After, and the outage is one WARN line.
        ProcessHandle dynalite = stack.descendants()
                .filter(c -> c.info().commandLine().orElse("").contains("dynalite"))
                .findFirst()
                .orElseThrow();
        assertThat(new ProcessBuilder("kill", "-STOP", Long.toString(dynalite.pid()))
                        .start()
                        .waitFor())
                .isZero();
        long start = System.nanoTime();
        HttpResponse<String> degraded = get("http://127.0.0.1:" + apiPort + "/health");
        assertThat(degraded.statusCode()).isEqualTo(503);
        assertThat(degraded.body()).contains("\"dynamodb\":\"failing\"");
        HttpResponse<String> signedIn = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api/auth/me"))
                        .header("Authorization", "Bearer " + jwt)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        System.out.println("health and /api/auth/me answered 503 with dynalite frozen, in "
                + (System.nanoTime() - start) / 1_000_000 + " ms together");
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(503);
        assertThat(signedIn.headers().firstValue("Retry-After")).contains("5");
        assertThat(signedIn.body()).contains("\"code\":\"STORE_UNAVAILABLE\"").doesNotContain("Exception");

        // Then it dies: the supervisor starts it again on the same port with the same data, and says so.
        dynalite.destroyForcibly();
        assertThat(awaitLine(stack, "restarted on 127.0.0.1:")).contains("data kept in");
        HttpResponse<String> back = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api/auth/me"))
                        .header("Authorization", "Bearer " + jwt)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(back.statusCode())
                .as("the session made before the outage, read back: " + back.body())
                .isEqualTo(200);
        assertThat(get("http://127.0.0.1:" + apiPort + "/health").statusCode()).isEqualTo(200);
        String said = awaitLine(stack, "DynamoDB back after");
        assertThat(said.lines().filter(l -> l.contains("DynamoDB unreachable since")))
                .hasSize(1);
        assertThat(said.lines().filter(l -> l.contains("\"level\":\"WARN\"") || l.contains("\"level\":\"ERROR\"")))
                .singleElement()
                .asString()
                .contains("DynamoDB unreachable since");
        assertThat(said).doesNotContain("stack_trace");

        List<ProcessHandle> children = stack.descendants().toList();
        assertThat(children).isNotEmpty();

        stack.destroy(); // SIGTERM, as Ctrl-C or a service manager would
        assertThat(stack.waitFor(15, TimeUnit.SECONDS)).isTrue();
        for (ProcessHandle child : children) {
            assertThat(child.onExit().get(5, TimeUnit.SECONDS).isAlive())
                    .as("child %s", child.pid())
                    .isFalse();
        }
    }

    @Test
    void stack_shouldRefuseClearly_whenAPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Process stack = launch(taken.getLocalPort(), freePort());
            String output = awaitLine(stack, "already in use");

            assertThat(stack.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(stack.exitValue()).isEqualTo(2);
            assertThat(output).contains("port " + taken.getLocalPort()).contains("XANTHUS_API_PORT");
        }
    }

    @Test
    void aStartThatFails_shouldSayWhyInOneParagraph_withoutAStackTrace() throws Exception {
        Process stack =
                launch(freePort(), freePort(), Map.of("XANTHUS_MODE", "real", "CLOUDFLARE_API_BASE", "::not a url"));
        String output = awaitLine(stack, "could not start");

        assertThat(stack.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(stack.exitValue()).isEqualTo(1);
        assertThat(output).contains("xanthus: the local stack could not start:").contains("CLOUDFLARE_API_BASE");
        assertThat(awaitLine(stack, "(a marker never printed: everything until the process ended)"))
                .doesNotContain("\tat ")
                .doesNotContain("Exception:");
    }

    @Test
    void stack_shouldKeepDataAndKeys_acrossARestart() throws Exception {
        int apiPort = freePort();
        int dynamoPort = freePort();
        Process first = launch(apiPort, dynamoPort);
        awaitLine(first, "Xanthus is running at");
        String key = Files.readString(state.resolve("jwt-key.jwk"));
        var client = software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + dynamoPort))
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("local", "local")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .build();
        client.putItem(b -> b.tableName(LocalStack.TABLE_NAME).item(dev.xanthus.core.dynamo.Items.key("PROBE", "1")));
        String api = "http://127.0.0.1:" + apiPort;
        String before = signIn(api).path("namespace_id").asText();
        first.destroy();
        assertThat(first.waitFor(15, TimeUnit.SECONDS)).isTrue();

        Process second = launch(apiPort, dynamoPort);
        awaitLine(second, "Xanthus is running at");

        assertThat(client.getItem(b ->
                                b.tableName(LocalStack.TABLE_NAME).key(dev.xanthus.core.dynamo.Items.key("PROBE", "1")))
                        .hasItem())
                .isTrue();
        assertThat(Files.readString(state.resolve("jwt-key.jwk"))).isEqualTo(key);
        client.close();
        // The simulators started empty: signing in again works at once, with a new namespace that answers.
        com.fasterxml.jackson.databind.JsonNode again = signIn(api);
        assertThat(again.path("namespace_id").asText()).isNotEmpty().isNotEqualTo(before);
        HttpResponse<String> apps = http.send(
                HttpRequest.newBuilder(URI.create(api + "/api/v1/applications"))
                        .header(
                                "Authorization",
                                "Bearer " + again.path("jwt_token").asText())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(apps.statusCode()).as(apps.body()).isEqualTo(200);
    }

    private com.fasterxml.jackson.databind.JsonNode signIn(String api) throws Exception {
        return new ApiCalls(http, api).signIn();
    }
}
