package dev.xanthus.sandbox.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import dev.xanthus.sandbox.ssh.SandboxServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * The emulated K3s cluster (helm + kubectl) of one sandbox server, for tests to look into and to steer. Everything
 * here reads or writes the same state the server's {@code helm} and {@code kubectl} commands use. See
 * {@code functions/sandbox/SANDBOX-K8S.md} for the commands.
 */
public final class SandboxK8s {

    /**
     * What helm reports when pods cannot be scheduled before {@code --timeout}: the Go program scanned for
     * "Insufficient cpu/memory" to clean up.
     */
    public static final String INSUFFICIENT_MEMORY =
            "context deadline exceeded: 0/1 nodes are available: 1 Insufficient memory. preemption: 0/1 nodes are available: "
                    + "1 No preemption victims found for incoming pod.";

    /** One revision of a release: what helm was given and what it deployed. */
    public record Revision(
            int revision,
            String chart,
            String chartRef,
            String version,
            String appVersion,
            String status,
            String description,
            String updated,
            String valuesYaml,
            JsonNode values,
            List<String> argv) {}

    /** A Helm release and its history (oldest first). */
    public record Release(String name, String namespace, List<Revision> history) {

        public Revision current() {
            return history.get(history.size() - 1);
        }

        public int revision() {
            return current().revision();
        }

        /** Chart name, e.g. {@code argo-cd}. */
        public String chart() {
            return current().chart();
        }

        public String version() {
            return current().version();
        }

        public String appVersion() {
            return current().appVersion();
        }

        /** {@code deployed} or {@code failed} (earlier revisions become {@code superseded}). */
        public String status() {
            return current().status();
        }

        /** The argv helm got for the current revision, from {@code helm} on. */
        public List<String> argv() {
            return current().argv();
        }

        /** The values files' text, as given (several files separated by {@code ---}). */
        public String valuesYaml() {
            return current().valuesYaml();
        }

        /** The user-supplied values, merged. */
        public JsonNode values() {
            return current().values();
        }
    }

    /** A service-account token {@code kubectl create token} issued. */
    public record Token(String namespace, String serviceAccount, long durationSeconds, String expires, String token) {}

    private final Path root;

    private SandboxK8s(Path root) {
        this.root = root;
    }

    public static SandboxK8s of(SandboxServer server) {
        return new SandboxK8s(server.root());
    }

    public static SandboxK8s of(Path serverRoot) {
        return new SandboxK8s(serverRoot);
    }

    /**
     * Makes a server folder answer {@code helm} and {@code kubectl}: registers it with this JVM's loopback endpoint.
     * Sandbox servers call it when their folder is laid out.
     */
    public static void attach(Path serverRoot) {
        K8sEndpoint.attach(serverRoot);
    }

    public static void detach(Path serverRoot) {
        K8sEndpoint.detach(serverRoot);
    }

    // ---- steering ----

    /** How long {@code helm … --wait} takes on this server (default 300 ms). */
    public void setHelmWait(Duration wait) {
        Cluster.write(root, s -> s.settings.helmWaitMillis = wait.toMillis());
    }

    /**
     * Makes the next helm install/upgrade on this server fail after its wait: the release is recorded as {@code failed},
     * its pods stay Pending, and helm exits 1 with {@code Error: INSTALLATION FAILED: <reason>} ({@code helm install}),
     * {@code Error: UPGRADE FAILED: <reason>} (upgrade of an existing release) or {@code Error: <reason>} (the install
     * {@code helm upgrade --install} falls back to), as helm 3 words them.
     */
    public void failNextHelmInstall(String reason) {
        Cluster.write(root, s -> s.settings.failNext.add(reason));
    }

    // ---- inspection ----

    public List<Release> releases() {
        return Cluster.read(root, s -> List.copyOf(s.releases.values()));
    }

    public Optional<Release> release(String namespace, String name) {
        return Cluster.read(root, s -> Optional.ofNullable(s.releases.get(namespace + "/" + name)));
    }

    /** Helm repositories added: name → URL. */
    public Map<String, String> repositories() {
        return Cluster.read(root, s -> Map.copyOf(s.repos));
    }

    public List<String> namespaces() {
        return names("Namespace", null);
    }

    /** Objects of a kind ({@code Pod}, {@code Secret}, {@code Ingress}, …) in a namespace (every one when null). */
    public List<JsonNode> objects(String kind, String namespace) {
        return Cluster.read(root, s -> Cluster.list(s, kind, namespace).stream()
                .map(o -> (JsonNode) o.deepCopy())
                .toList());
    }

    public Optional<JsonNode> object(String kind, String namespace, String name) {
        return Cluster.read(root, s -> Optional.ofNullable(Cluster.find(s, kind, namespace, name))
                .map(o -> o.deepCopy()));
    }

    public List<String> names(String kind, String namespace) {
        return Cluster.read(root, s -> Cluster.list(s, kind, namespace).stream()
                .map(Cluster::name)
                .toList());
    }

    public List<JsonNode> pods(String namespace) {
        return objects("Pod", namespace);
    }

    public List<JsonNode> services(String namespace) {
        return objects("Service", namespace);
    }

    public List<JsonNode> ingresses(String namespace) {
        return objects("Ingress", namespace);
    }

    public List<JsonNode> persistentVolumeClaims(String namespace) {
        return objects("PersistentVolumeClaim", namespace);
    }

    public List<JsonNode> secrets(String namespace) {
        return objects("Secret", namespace);
    }

    /** A secret's data, base64-decoded; empty when there is no such secret. */
    public Optional<Map<String, String>> secretData(String namespace, String name) {
        return object("Secret", namespace, name).map(secret -> {
            Map<String, String> data = new LinkedHashMap<>();
            secret.path("data")
                    .fields()
                    .forEachRemaining(e -> data.put(
                            e.getKey(),
                            new String(Base64.getDecoder().decode(e.getValue().asText()), StandardCharsets.UTF_8)));
            return data;
        });
    }

    /** A file in a pod's volumes as {@code kubectl exec <pod> -- cat <path>} would show it; empty when missing. */
    public Optional<String> podFile(String namespace, String pod, String path) {
        return Cluster.read(root, s -> {
            JsonNode found = Cluster.find(s, "Pod", namespace, pod);
            if (found == null) {
                return Optional.empty();
            }
            return Optional.ofNullable(
                    s.files.getOrDefault(Charts.volumeOf(found), Map.of()).get(path));
        });
    }

    public List<Token> tokens() {
        return Cluster.read(root, s -> List.copyOf(s.tokens));
    }

    /**
     * Whether {@code password} logs in to the Argo CD in {@code namespace}: bcrypt-verified against {@code admin.password}
     * in {@code argocd-secret}, as the Argo CD server does (the initial-admin secret plays no part).
     */
    public boolean argoCdPasswordMatches(String namespace, String password) {
        String hash = secretData(namespace, "argocd-secret")
                .map(d -> d.get("admin.password"))
                .orElse(null);
        if (hash == null || hash.isEmpty()) {
            return false;
        }
        try {
            return OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
        } catch (IllegalArgumentException | org.bouncycastle.crypto.DataLengthException notBcrypt) {
            return false;
        }
    }

    /** A bcrypt hash ({@code $2a$10$…}) of {@code password}, as {@code argocd account bcrypt} prints. */
    public static String bcrypt(String password) {
        return Charts.bcrypt(password);
    }
}
