package dev.xanthus.sandbox.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The emulated K3s cluster of one sandbox server: its state lives in {@code var/lib/sandbox-k8s/state.json} in the
 * server's folder, read and written under a per-folder lock, so concurrent commands see each other's effects.
 */
final class Cluster {

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));
    static final String STATE = "var/lib/sandbox-k8s/state.json";
    static final String NODE_VERSION = "v1.33.5+k3s1";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();

    /** A command's failure: what it prints on stderr and its exit status. */
    static final class Failure extends RuntimeException {
        final int status;

        Failure(String message) {
            this(message, 1);
        }

        Failure(String message, int status) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    /** Everything the cluster holds; serialised as it is. */
    static final class State {
        public Map<String, String> repos = new TreeMap<>();
        /** by {@code namespace/name} */
        public Map<String, SandboxK8s.Release> releases = new TreeMap<>();

        public List<ObjectNode> objects = new ArrayList<>();
        /** Files of pods' volumes, by volume ({@code namespace/pvc}, or {@code namespace/pod:<name>} when ephemeral). */
        public Map<String, Map<String, String>> files = new TreeMap<>();

        public List<SandboxK8s.Token> tokens = new ArrayList<>();
        public Settings settings = new Settings();
        public long serial;
    }

    static final class Settings {
        public long helmWaitMillis = 300;
        /** Reasons for the next helm installs/upgrades to fail with, first first. */
        public List<String> failNext = new ArrayList<>();
    }

    private Cluster() {}

    /** Runs one call and returns its exit status. */
    static int run(Invocation call) {
        try {
            boolean up = isUp(call.root());
            if (call.tool().equals("helm")) {
                Helm.run(call, up);
            } else if (call.tool().equals("kubectl")) {
                if (!up) {
                    throw new Failure(
                            "The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?\n");
                }
                Kubectl.run(call);
            } else {
                throw new Failure(call.tool() + ": not emulated\n", 127);
            }
            return 0;
        } catch (Failure f) {
            call.err(f.getMessage());
            return f.status;
        } catch (RuntimeException e) {
            call.err(call.tool() + ": sandbox error: " + e + "\n");
            return 1;
        }
    }

    /** K3s answers once the sandbox's K3s installer ran on the server (a setup fetched and ran get.k3s.io). */
    static boolean isUp(Path root) {
        return Files.exists(root.resolve("run/k3s-installed"));
    }

    static <T> T read(Path root, Function<State, T> body) {
        synchronized (lock(root)) {
            return body.apply(load(root));
        }
    }

    static <T> T write(Path root, Function<State, T> body) {
        synchronized (lock(root)) {
            State state = load(root);
            T result = body.apply(state);
            save(root, state);
            return result;
        }
    }

    private static Object lock(Path root) {
        return LOCKS.computeIfAbsent(root.toAbsolutePath().normalize(), r -> new Object());
    }

    private static State load(Path root) {
        Path file = root.resolve(STATE);
        try {
            if (Files.exists(file)) {
                return JSON.readValue(file.toFile(), State.class);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return fresh(root);
    }

    private static void save(Path root, State state) {
        Path file = root.resolve(STATE);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("state.json.tmp");
            JSON.writeValue(tmp.toFile(), state);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** A freshly installed single-node K3s: the system namespaces, the node, the system pods. */
    private static State fresh(Path root) {
        State state = new State();
        String host = "sandbox";
        try {
            host = Files.readString(root.resolve("etc/hostname")).trim();
        } catch (IOException e) {
            // keep the default
        }
        for (String ns : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
            addNamespace(state, ns);
        }
        ObjectNode node = object(state, "v1", "Node", null, host);
        labels(node)
                .put("kubernetes.io/hostname", host)
                .put("node-role.kubernetes.io/control-plane", "true")
                .put("node-role.kubernetes.io/master", "true");
        ObjectNode status = node.putObject("status");
        status.putObject("capacity").put("cpu", "2").put("memory", "3912672Ki").put("pods", "110");
        status.putObject("allocatable")
                .put("cpu", "2")
                .put("memory", "3912672Ki")
                .put("pods", "110");
        status.putObject("nodeInfo")
                .put("kubeletVersion", NODE_VERSION)
                .put("osImage", "Debian GNU/Linux 12 (bookworm)");
        status.putArray("conditions").addObject().put("type", "Ready").put("status", "True");
        put(state, node);
        ObjectNode kubernetes = object(state, "v1", "Service", "default", "kubernetes");
        kubernetes
                .putObject("spec")
                .put("type", "ClusterIP")
                .put("clusterIP", "10.43.0.1")
                .putArray("ports")
                .addObject()
                .put("name", "https")
                .put("port", 443)
                .put("protocol", "TCP");
        put(state, kubernetes);
        for (String app : List.of("coredns", "local-path-provisioner", "metrics-server", "traefik")) {
            ObjectNode pod = pod(
                    state,
                    "kube-system",
                    app + "-" + hex(10) + "-" + alnum(5),
                    Map.of("app.kubernetes.io/name", app),
                    "rancher/" + app);
            put(state, pod);
        }
        return state;
    }

    static void addNamespace(State state, String name) {
        ObjectNode ns = object(state, "v1", "Namespace", null, name);
        labels(ns).put("kubernetes.io/metadata.name", name);
        ns.putObject("spec").putArray("finalizers").add("kubernetes");
        ns.putObject("status").put("phase", "Active");
        put(state, ns);
        put(state, object(state, "v1", "ServiceAccount", name, "default"));
    }

    // ---- objects ----

    static ObjectNode object(State state, String apiVersion, String kind, String namespace, String name) {
        ObjectNode o = JSON.createObjectNode();
        o.put("apiVersion", apiVersion).put("kind", kind);
        ObjectNode meta = o.putObject("metadata");
        meta.put("name", name);
        if (namespace != null) {
            meta.put("namespace", namespace);
        }
        stamp(state, o);
        return o;
    }

    /** Sets what the API server sets on create: uid, resourceVersion, creationTimestamp. */
    static void stamp(State state, ObjectNode o) {
        ObjectNode meta = (ObjectNode) o.path("metadata");
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("resourceVersion", Long.toString(++state.serial));
        meta.put("creationTimestamp", now());
    }

    static ObjectNode pod(State state, String ns, String name, Map<String, String> labels, String image) {
        ObjectNode pod = object(state, "v1", "Pod", ns, name);
        labels.forEach(labels(pod)::put);
        ObjectNode container = pod.putObject("spec").putArray("containers").addObject();
        container
                .put("name", labels.getOrDefault("app.kubernetes.io/name", "main"))
                .put("image", image);
        ObjectNode status = pod.putObject("status");
        status.put("phase", "Running")
                .put("podIP", "10.42.0." + (2 + RANDOM.nextInt(250)))
                .put("startTime", now());
        status.putArray("containerStatuses")
                .addObject()
                .put("name", container.path("name").asText())
                .put("ready", true)
                .put("restartCount", 0)
                .put("image", image)
                .putObject("state")
                .putObject("running")
                .put("startedAt", now());
        return pod;
    }

    static ObjectNode labels(ObjectNode o) {
        ObjectNode meta = o.path("metadata") instanceof ObjectNode m ? m : o.putObject("metadata");
        return meta.has("labels") ? (ObjectNode) meta.get("labels") : meta.putObject("labels");
    }

    static ObjectNode annotations(ObjectNode o) {
        ObjectNode meta = o.path("metadata") instanceof ObjectNode m ? m : o.putObject("metadata");
        return meta.has("annotations") ? (ObjectNode) meta.get("annotations") : meta.putObject("annotations");
    }

    static String kind(JsonNode o) {
        return o.path("kind").asText();
    }

    static String name(JsonNode o) {
        return o.path("metadata").path("name").asText();
    }

    static String namespace(JsonNode o) {
        return o.path("metadata").path("namespace").asText(null);
    }

    static ObjectNode find(State state, String kind, String ns, String name) {
        for (ObjectNode o : state.objects) {
            if (kind(o).equals(kind) && name(o).equals(name) && java.util.Objects.equals(namespace(o), ns)) {
                return o;
            }
        }
        return null;
    }

    /** Objects of {@code kind} in {@code ns} (every namespace when null), in name order. */
    static List<ObjectNode> list(State state, String kind, String ns) {
        List<ObjectNode> found = new ArrayList<>();
        for (ObjectNode o : state.objects) {
            if (kind(o).equals(kind) && (ns == null || ns.equals(namespace(o)))) {
                found.add(o);
            }
        }
        found.sort((a, b) -> (namespace(a) + "/" + name(a)).compareTo(namespace(b) + "/" + name(b)));
        return found;
    }

    /** Adds {@code o}, replacing an object of the same kind, namespace and name. */
    static void put(State state, ObjectNode o) {
        remove(state, kind(o), namespace(o), name(o));
        state.objects.add(o);
    }

    static boolean remove(State state, String kind, String ns, String name) {
        for (Iterator<ObjectNode> it = state.objects.iterator(); it.hasNext(); ) {
            ObjectNode o = it.next();
            if (kind(o).equals(kind) && name(o).equals(name) && java.util.Objects.equals(namespace(o), ns)) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    static boolean namespaceExists(State state, String ns) {
        return find(state, "Namespace", null, ns) != null;
    }

    // ---- small helpers ----

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static String hex(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append("0123456789abcdef".charAt(RANDOM.nextInt(16)));
        }
        return s.toString();
    }

    /** Lower-case letters and digits, as Kubernetes' generated name suffixes. */
    static String alnum(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append("bcdfghjklmnpqrstvwxz2456789".charAt(RANDOM.nextInt(27)));
        }
        return s.toString();
    }

    /** A password: letters and digits, mixed case. */
    static String password(int n) {
        String chars = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(chars.charAt(RANDOM.nextInt(chars.length())));
        }
        return s.toString();
    }

    static SecureRandom random() {
        return RANDOM;
    }

    /** kubectl's AGE column. */
    static String age(JsonNode o) {
        String created = o.path("metadata").path("creationTimestamp").asText("");
        if (created.isEmpty()) {
            return "<unknown>";
        }
        long s = Math.max(
                0, Duration.between(Instant.parse(created), Instant.now()).getSeconds());
        if (s < 120) {
            return s + "s";
        }
        if (s < 7200) {
            return s / 60 + "m";
        }
        if (s < 172800) {
            return s / 3600 + "h";
        }
        return s / 86400 + "d";
    }

    /** Columns separated by three spaces, each as wide as its widest cell, as kubectl and helm print tables. */
    static String table(List<List<String>> rows) {
        Map<Integer, Integer> widths = new LinkedHashMap<>();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths.merge(i, row.get(i).length(), Math::max);
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(row.get(i));
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths.get(i) - row.get(i).length() + 3));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    static String yaml(JsonNode node) {
        try {
            return YAML.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String json(Object node) {
        try {
            return JSON.writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
