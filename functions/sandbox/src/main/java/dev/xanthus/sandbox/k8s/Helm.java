package dev.xanthus.sandbox.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xanthus.sandbox.k8s.SandboxK8s.Release;
import dev.xanthus.sandbox.k8s.SandboxK8s.Revision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The helm 3 commands Xanthus runs, against the server's emulated cluster. */
final class Helm {

    static final String VERSION = "v3.19.0";
    /** Top-level key in a values file that makes the install fail with its value as the reason. */
    static final String FAIL_MARKER = "xanthusSandboxFail";

    private static final Pattern RELEASE_NAME =
            Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static final Pattern SEMVER =
            Pattern.compile("^v?\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$");
    private static final Pattern REPO_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]*$");
    private static final DateTimeFormatter DEPLOYED = DateTimeFormatter.ofPattern(
                    "EEE MMM d HH:mm:ss yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final List<String> GLOBAL_VALUES = List.of("kubeconfig", "kube-context", "namespace|n");
    private static final List<String> GLOBAL_BOOLS = List.of("debug");

    private Helm() {}

    static void run(Invocation call, boolean up) {
        List<String> args = call.args();
        // global flags may come before the verb (helm --kubeconfig <file> upgrade …)
        int v = 0;
        while (v < args.size()
                && args.get(v).startsWith("-")
                && !List.of("--help", "-h").contains(args.get(v))) {
            boolean takesValue = List.of("--kubeconfig", "--kube-context", "-n", "--namespace")
                    .contains(args.get(v));
            v += takesValue ? 2 : 1;
        }
        String verb = v >= args.size() ? "help" : args.get(v);
        // moved behind the verb's own arguments, so "get values" and "repo add" still see their sub-command first
        List<String> rest = new ArrayList<>(args.subList(Math.min(v + 1, args.size()), args.size()));
        rest.addAll(args.subList(0, Math.min(v, args.size())));
        boolean needsCluster =
                !List.of("version", "repo", "help", "--help", "-h").contains(verb);
        if (needsCluster) {
            kubeconfig(call, rest);
        }
        if (needsCluster && !up) {
            throw new Cluster.Failure("Error: Kubernetes cluster unreachable: Get \"https://127.0.0.1:6443/version\": "
                    + "dial tcp 127.0.0.1:6443: connect: connection refused\n");
        }
        switch (verb) {
            case "version" -> version(call, rest);
            case "repo" -> repo(call, rest);
            case "install" -> install(call, rest, false);
            case "upgrade" -> install(call, rest, true);
            case "uninstall", "delete", "del", "un" -> uninstall(call, rest);
            case "list", "ls" -> list(call, rest);
            case "status" -> status(call, rest);
            case "get" -> get(call, rest);
            case "history", "hist" -> history(call, rest);
            default ->
                throw new Cluster.Failure(
                        "Error: unknown command \"" + verb + "\" for \"helm\"\n" + "Run 'helm --help' for usage.\n");
        }
    }

    /**
     * Helm finds the cluster through {@code --kubeconfig} (or KUBECONFIG, which the sandbox's shim does not carry): it
     * has no K3s default, so without one it reads ~/.kube/config, which a K3s server lacks, and falls back to
     * localhost:8080. Messages as helm 3 prints them (client-go's loader, then helm's "cluster unreachable").
     */
    private static void kubeconfig(Invocation call, List<String> args) {
        String path = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--kubeconfig") && i + 1 < args.size()) {
                path = args.get(i + 1);
            } else if (args.get(i).startsWith("--kubeconfig=")) {
                path = args.get(i).substring("--kubeconfig=".length());
            }
        }
        if (path == null) {
            throw new Cluster.Failure("Error: Kubernetes cluster unreachable: Get \"http://localhost:8080/version\": "
                    + "dial tcp 127.0.0.1:8080: connect: connection refused\n");
        }
        if (call.readFile(path) == null) {
            throw new Cluster.Failure(
                    "Error: Kubernetes cluster unreachable: stat " + path + ": no such file or directory\n");
        }
    }

    private static Flags flags(List<String> args, List<String> values, List<String> bools) {
        List<String> v = new ArrayList<>(GLOBAL_VALUES);
        v.addAll(values);
        List<String> b = new ArrayList<>(GLOBAL_BOOLS);
        b.addAll(bools);
        return Flags.parse(args, v, b, message -> new Cluster.Failure("Error: " + message + "\n"));
    }

    private static void version(Invocation call, List<String> args) {
        Flags f = flags(args, List.of("template"), List.of("short"));
        if (f.bool("short")) {
            call.out(VERSION + "+g5a8b5a7\n");
        } else {
            call.out("version.BuildInfo{Version:\"" + VERSION + "\", GitCommit:\"5a8b5a7\", GitTreeState:\"clean\", "
                    + "GoVersion:\"go1.24.7\"}\n");
        }
    }

    // ---- repositories ----

    private static void repo(Invocation call, List<String> args) {
        String sub = args.isEmpty() ? "" : args.get(0);
        Flags f = flags(
                args.subList(Math.min(1, args.size()), args.size()),
                List.of("output|o", "username", "password"),
                List.of("force-update", "fail-on-repo-update-fail", "pass-credentials", "insecure-skip-tls-verify"));
        switch (sub) {
            case "add" -> {
                if (f.positional.size() != 2) {
                    throw new Cluster.Failure(
                            "Error: \"helm repo add\" requires 2 arguments\n\nUsage:  helm repo add [NAME] [URL] [flags]\n");
                }
                String name = f.positional.get(0);
                String url = f.positional.get(1);
                if (!REPO_NAME.matcher(name).matches()) {
                    throw new Cluster.Failure("Error: repository name (" + name + ") contains invalid characters\n");
                }
                if (!url.startsWith("https://") && !url.startsWith("http://")) {
                    throw new Cluster.Failure("Error: could not find protocol handler for: " + url + "\n");
                }
                String answer = Cluster.write(call.root(), s -> {
                    String existing = s.repos.get(name);
                    if (existing != null && !f.bool("force-update")) {
                        if (existing.equals(url)) {
                            return "\"" + name + "\" already exists with the same configuration, skipping\n";
                        }
                        throw new Cluster.Failure("Error: repository name (" + name
                                + ") already exists, please specify a different name\n");
                    }
                    s.repos.put(name, url);
                    return "\"" + name + "\" has been added to your repositories\n";
                });
                call.out(answer);
            }
            case "update", "up" -> {
                Map<String, String> repos = Cluster.read(call.root(), s -> Map.copyOf(s.repos));
                if (repos.isEmpty()) {
                    throw new Cluster.Failure("Error: no repositories found. You must add one before updating\n");
                }
                for (String name : f.positional) {
                    if (!repos.containsKey(name)) {
                        throw new Cluster.Failure(
                                "Error: no repositories found matching '" + name + "'.  Nothing will be updated\n");
                    }
                }
                call.out("Hang tight while we grab the latest from your chart repositories...\n");
                repos.keySet().stream()
                        .sorted()
                        .filter(n -> f.positional.isEmpty() || f.positional.contains(n))
                        .forEach(n ->
                                call.out("...Successfully got an update from the \"" + n + "\" chart repository\n"));
                call.out("Update Complete. ⎈Happy Helming!⎈\n");
            }
            case "list", "ls" -> {
                Map<String, String> repos = Cluster.read(call.root(), s -> Map.copyOf(s.repos));
                if ("json".equals(f.value("output", "table"))) {
                    ArrayNode list = Cluster.JSON.createArrayNode();
                    repos.keySet().stream()
                            .sorted()
                            .forEach(n -> list.addObject().put("name", n).put("url", repos.get(n)));
                    call.out(list + "\n");
                } else if (repos.isEmpty()) {
                    throw new Cluster.Failure("Error: no repositories to show\n");
                } else {
                    List<List<String>> rows = new ArrayList<>(List.of(List.of("NAME", "URL")));
                    repos.keySet().stream().sorted().forEach(n -> rows.add(List.of(n, repos.get(n))));
                    call.out(Cluster.table(rows));
                }
            }
            case "remove", "rm" -> {
                for (String name : f.positional) {
                    boolean removed = Cluster.write(call.root(), s -> s.repos.remove(name) != null);
                    if (!removed) {
                        throw new Cluster.Failure("Error: no repo named \"" + name + "\" found\n");
                    }
                    call.out("\"" + name + "\" has been removed from your repositories\n");
                }
            }
            default -> throw new Cluster.Failure("Error: unknown command \"" + sub + "\" for \"helm repo\"\n");
        }
    }

    // ---- install / upgrade ----

    /** The chart a release uses. */
    private record ChartInfo(String name, String version, String appVersion, String ref) {}

    private static void install(Invocation call, List<String> args, boolean upgrade) {
        Flags f = flags(
                args,
                List.of("version", "values|f", "set", "set-string", "timeout", "description", "output|o"),
                List.of(
                        "install|i",
                        "create-namespace",
                        "wait",
                        "wait-for-jobs",
                        "atomic",
                        "reset-values",
                        "reuse-values",
                        "dry-run",
                        "force",
                        "cleanup-on-fail",
                        "skip-crds"));
        String what = upgrade ? "UPGRADE FAILED" : "INSTALLATION FAILED";
        String usage = upgrade ? "helm upgrade [RELEASE] [CHART] [flags]" : "helm install [NAME] [CHART] [flags]";
        if (f.positional.size() != 2) {
            throw new Cluster.Failure("Error: \"helm " + (upgrade ? "upgrade" : "install")
                    + "\" requires 2 arguments\n\n" + "Usage:  " + usage + "\n");
        }
        String release = f.positional.get(0);
        String chartRef = f.positional.get(1);
        String ns = f.value("namespace", "default");
        boolean installMissing = !upgrade || f.bool("install");
        if (!RELEASE_NAME.matcher(release).matches() || release.length() > 53) {
            throw new Cluster.Failure(
                    "Error: " + what + ": release name \"" + release + "\": invalid release name, must match "
                            + "regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be "
                            + "longer than 53\n");
        }
        Duration timeout = Duration.ofMinutes(5);
        if (f.has("timeout")) {
            timeout = Flags.goDuration(f.value("timeout", ""));
            if (timeout == null) {
                throw new Cluster.Failure(
                        "Error: invalid argument \"" + f.value("timeout", "") + "\" for \"--timeout\" flag: "
                                + "time: invalid duration \"" + f.value("timeout", "") + "\"\n");
            }
        }

        // values files and --set, read before taking the lock
        StringBuilder valuesYaml = new StringBuilder();
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        for (String spec : f.values("values")) {
            for (String path : spec.split(",")) {
                String text = call.readFile(path);
                if (text == null) {
                    throw new Cluster.Failure("Error: open " + path + ": no such file or directory\n");
                }
                if (!valuesYaml.isEmpty()) {
                    valuesYaml.append("---\n");
                }
                valuesYaml.append(text);
                merge(values, parseValues(path, text));
            }
        }
        for (String set : f.values("set")) {
            applySet(values, set, false);
        }
        for (String set : f.values("set-string")) {
            applySet(values, set, true);
        }
        ChartInfo local = localChart(call, chartRef, what);
        List<ObjectNode> rendered = null;
        if (local != null) {
            // what real helm renders for a chart on the server, not the sandbox's idea of it (see SANDBOX-K8S.md)
            List<Path> files = new ArrayList<>();
            f.values("values").forEach(spec -> List.of(spec.split(",")).forEach(p -> files.add(call.resolve(p))));
            Map<String, String> sets = new java.util.LinkedHashMap<>();
            for (String spec : f.values("set")) {
                sets.put(spec.substring(0, Math.max(0, spec.indexOf('='))), spec.substring(spec.indexOf('=') + 1));
            }
            rendered = Charts.render(call.resolve(chartRef), release, ns, files, sets, what);
        }
        List<ObjectNode> manifests = rendered;

        boolean waits = f.bool("wait") || f.bool("atomic");
        record Plan(ChartInfo chart, boolean exists, String failure, long waitMillis) {}
        Plan plan = Cluster.write(call.root(), s -> {
            ChartInfo chart = local != null ? local : repoChart(s, chartRef, f.value("version", null), what);
            Release existing = s.releases.get(ns + "/" + release);
            if (existing != null && !upgrade) {
                throw new Cluster.Failure("Error: " + what + ": cannot re-use a name that is still in use\n");
            }
            if (existing == null && !installMissing) {
                throw new Cluster.Failure("Error: " + what + ": \"" + release + "\" has no deployed releases\n");
            }
            if (!Cluster.namespaceExists(s, ns) && !f.bool("create-namespace")) {
                throw new Cluster.Failure(
                        "Error: " + what + ": create: failed to create: namespaces \"" + ns + "\" not found\n");
            }
            String failure = values.hasNonNull(FAIL_MARKER)
                    ? values.get(FAIL_MARKER).asText()
                    : s.settings.failNext.isEmpty() ? null : s.settings.failNext.remove(0);
            return new Plan(chart, existing != null, failure, s.settings.helmWaitMillis);
        });
        String failure = plan.failure();
        if (waits) {
            long wait = Math.min(plan.waitMillis(), timeout.toMillis());
            sleep(wait);
            if (failure == null && plan.waitMillis() > timeout.toMillis()) {
                failure = "context deadline exceeded";
            }
        }
        if (plan.exists()) {
            call.out("Release \"" + release + "\" has been upgraded. Happy Helming!\n");
        } else if (upgrade) {
            call.out("Release \"" + release + "\" does not exist. Installing it now.\n");
        }
        String finalFailure = failure;
        List<String> argv = new ArrayList<>(List.of("helm"));
        argv.addAll(call.args());
        Revision revision = Cluster.write(call.root(), s -> {
            if (!Cluster.namespaceExists(s, ns)) {
                Cluster.addNamespace(s, ns);
            }
            Release existing = s.releases.get(ns + "/" + release);
            List<Revision> history = new ArrayList<>();
            if (existing != null) {
                for (Revision r : existing.history()) {
                    history.add(r.status().equals("deployed") ? withStatus(r, "superseded") : r);
                }
            }
            int number = history.isEmpty() ? 1 : history.get(history.size() - 1).revision() + 1;
            String description = finalFailure != null
                    ? "Release \"" + release + "\" failed: " + finalFailure
                    : existing == null ? "Install complete" : "Upgrade complete";
            Revision r = new Revision(
                    number,
                    plan.chart().name(),
                    plan.chart().ref(),
                    plan.chart().version(),
                    plan.chart().appVersion(),
                    finalFailure == null ? "deployed" : "failed",
                    description,
                    Instant.now().toString(),
                    valuesYaml.toString(),
                    values,
                    List.copyOf(argv));
            history.add(r);
            if (finalFailure != null && f.bool("atomic")) {
                Charts.uninstall(s, ns, release);
                if (existing == null) {
                    s.releases.remove(ns + "/" + release);
                }
                return r;
            }
            s.releases.put(ns + "/" + release, new Release(release, ns, history));
            if (manifests != null) {
                Charts.deployRendered(s, ns, release, manifests, number, finalFailure);
            } else {
                Charts.deploy(
                        s, ns, release, plan.chart().name(), plan.chart().appVersion(), values, number, finalFailure);
            }
            return r;
        });
        if (failure != null) {
            // helm wraps install errors in "INSTALLATION FAILED", upgrade errors in "UPGRADE FAILED", and the install
            // that
            // upgrade --install falls back to in nothing
            String prefix = !upgrade ? "INSTALLATION FAILED: " : plan.exists() ? "UPGRADE FAILED: " : "";
            throw new Cluster.Failure(
                    f.bool("atomic")
                            ? "Error: " + prefix + "release " + release
                                    + " failed, and has been uninstalled due to atomic being set: " + failure + "\n"
                            : "Error: " + prefix + failure + "\n");
        }
        call.out("NAME: " + release + "\n"
                + "LAST DEPLOYED: " + DEPLOYED.format(Instant.parse(revision.updated())) + "\n"
                + "NAMESPACE: " + ns + "\n"
                + "STATUS: deployed\n"
                + "REVISION: " + revision.revision() + "\n"
                + "TEST SUITE: None\n");
    }

    private static Revision withStatus(Revision r, String status) {
        return new Revision(
                r.revision(),
                r.chart(),
                r.chartRef(),
                r.version(),
                r.appVersion(),
                status,
                r.description(),
                r.updated(),
                r.valuesYaml(),
                r.values(),
                r.argv());
    }

    /** A chart directory on the server (with Chart.yaml), or null when {@code ref} does not name one. */
    private static ChartInfo localChart(Invocation call, String ref, String what) {
        boolean pathLike = ref.startsWith("/") || ref.startsWith("./") || ref.startsWith("../") || ref.equals(".");
        Path dir = call.resolve(ref);
        if (!pathLike && !Files.isDirectory(dir)) {
            return null;
        }
        if (!Files.exists(dir)) {
            throw new Cluster.Failure("Error: " + what + ": path \"" + ref + "\" not found\n");
        }
        String chartYaml = call.readFile(dir.resolve("Chart.yaml").toString());
        if (chartYaml == null) {
            throw new Cluster.Failure("Error: " + what + ": Chart.yaml file is missing\n");
        }
        JsonNode chart = parseValues(ref + "/Chart.yaml", chartYaml);
        if (!chart.hasNonNull("name") || !chart.hasNonNull("version")) {
            throw new Cluster.Failure(
                    "Error: " + what + ": validation: chart.metadata.name and version are required\n");
        }
        String version = chart.get("version").asText();
        return new ChartInfo(
                chart.get("name").asText(), version, chart.path("appVersion").asText(version), ref);
    }

    private static ChartInfo repoChart(Cluster.State s, String ref, String version, String what) {
        int slash = ref.indexOf('/');
        if (slash <= 0 || ref.indexOf('/', slash + 1) >= 0 || ref.contains("://")) {
            throw new Cluster.Failure("Error: " + what
                    + ": non-absolute URLs should be in form of repo_name/path_to_chart, got: " + ref + "\n");
        }
        String repo = ref.substring(0, slash);
        String chart = ref.substring(slash + 1);
        if (!s.repos.containsKey(repo)) {
            throw new Cluster.Failure("Error: " + what + ": repo " + repo + " not found\n");
        }
        Charts.Known known = Charts.KNOWN.get(chart);
        if (version != null && !SEMVER.matcher(version).matches()) {
            throw new Cluster.Failure(
                    "Error: " + what + ": chart \"" + chart + "\" matching " + version + " not found in " + repo
                            + " index. (try 'helm repo update'): improper constraint: " + version + "\n");
        }
        if (version == null) {
            return new ChartInfo(
                    chart,
                    known != null ? known.version() : "1.0.0",
                    known != null ? known.appVersion() : "1.0.0",
                    ref);
        }
        String v = version.startsWith("v") ? version.substring(1) : version;
        String app = known != null && known.version().equals(v) ? known.appVersion() : v;
        return new ChartInfo(chart, v, app, ref);
    }

    static JsonNode parseValues(String path, String text) {
        try (MappingIterator<JsonNode> docs =
                Cluster.YAML.readerFor(JsonNode.class).readValues(text)) {
            ObjectNode merged = JsonNodeFactory.instance.objectNode();
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc instanceof ObjectNode o) {
                    merge(merged, o);
                } else if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    throw new Cluster.Failure(
                            "Error: failed to parse " + path + ": error unmarshaling JSON: " + "json: cannot unmarshal "
                                    + doc.getNodeType().name().toLowerCase(Locale.ROOT)
                                    + " into Go value of type map[string]interface {}\n");
                }
            }
            return merged;
        } catch (IOException | RuntimeException e) {
            if (e instanceof Cluster.Failure failure) {
                throw failure;
            }
            throw new Cluster.Failure("Error: failed to parse " + path + ": error converting YAML to JSON: "
                    + e.getMessage().lines().findFirst().orElse("") + "\n");
        }
    }

    /** Deep merge, {@code from} winning, as helm merges values files in order. */
    static void merge(ObjectNode into, JsonNode from) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode current = into.get(e.getKey());
            if (current instanceof ObjectNode c && e.getValue() instanceof ObjectNode v) {
                merge(c, v);
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    private static void applySet(ObjectNode values, String spec, boolean asString) {
        for (String assignment : spec.split("(?<!\\\\),")) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw new Cluster.Failure(
                        "Error: failed parsing --set data: key \"" + assignment + "\" has no value\n");
            }
            String[] path = assignment.substring(0, eq).split("\\.");
            String raw = assignment.substring(eq + 1).replace("\\,", ",");
            ObjectNode at = values;
            for (int i = 0; i < path.length - 1; i++) {
                at = at.get(path[i]) instanceof ObjectNode o ? o : at.putObject(path[i]);
            }
            String key = path[path.length - 1];
            if (asString) {
                at.put(key, raw);
            } else if (raw.equals("true") || raw.equals("false")) {
                at.put(key, Boolean.parseBoolean(raw));
            } else if (raw.equals("null")) {
                at.putNull(key);
            } else if (raw.matches("-?\\d{1,18}")) {
                at.put(key, Long.parseLong(raw));
            } else {
                at.put(key, raw);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(Math.max(0, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- uninstall, list, status, get, history ----

    private static void uninstall(Invocation call, List<String> args) {
        Flags f = flags(
                args,
                List.of("timeout", "cascade", "description"),
                List.of("wait", "ignore-not-found", "keep-history", "dry-run", "no-hooks"));
        if (f.positional.isEmpty()) {
            throw new Cluster.Failure("Error: \"helm uninstall\" requires at least 1 argument\n\n"
                    + "Usage:  helm uninstall RELEASE_NAME [...] [flags]\n");
        }
        String ns = f.value("namespace", "default");
        for (String release : f.positional) {
            boolean removed = Cluster.write(call.root(), s -> {
                if (s.releases.remove(ns + "/" + release) == null) {
                    return false;
                }
                Charts.uninstall(s, ns, release);
                return true;
            });
            if (removed) {
                call.out("release \"" + release + "\" uninstalled\n");
            } else if (!f.bool("ignore-not-found")) {
                throw new Cluster.Failure(
                        "Error: uninstall: Release not loaded: " + release + ": release: not found\n");
            }
        }
    }

    private static void list(Invocation call, List<String> args) {
        Flags f = flags(
                args,
                List.of("output|o", "filter|f", "max|m", "selector|l"),
                List.of(
                        "all-namespaces|A",
                        "all|a",
                        "short|q",
                        "deployed",
                        "failed",
                        "pending",
                        "superseded",
                        "uninstalled",
                        "no-headers",
                        "date|d",
                        "reverse|r"));
        String ns = f.bool("all-namespaces") ? null : f.value("namespace", "default");
        Pattern filter = f.has("filter") ? Pattern.compile(f.value("filter", "")) : null;
        List<Release> releases = Cluster.read(call.root(), s -> s.releases.values().stream()
                .filter(r -> ns == null || r.namespace().equals(ns))
                .filter(r -> filter == null || filter.matcher(r.name()).find())
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .toList());
        String output = f.value("output", "table");
        if (f.bool("short")) {
            releases.forEach(r -> call.out(r.name() + "\n"));
            return;
        }
        ArrayNode list = Cluster.JSON.createArrayNode();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("NAME", "NAMESPACE", "REVISION", "UPDATED", "STATUS", "CHART", "APP VERSION"));
        for (Release r : releases) {
            String updated = helmTime(r.current().updated());
            list.addObject()
                    .put("name", r.name())
                    .put("namespace", r.namespace())
                    .put("revision", Integer.toString(r.revision()))
                    .put("updated", updated)
                    .put("status", r.status())
                    .put("chart", r.chart() + "-" + r.version())
                    .put("app_version", r.appVersion());
            rows.add(List.of(
                    r.name(),
                    r.namespace(),
                    Integer.toString(r.revision()),
                    updated,
                    r.status(),
                    r.chart() + "-" + r.version(),
                    r.appVersion()));
        }
        switch (output) {
            case "json" -> call.out(list + "\n");
            case "yaml" -> call.out(Cluster.yaml(list));
            case "table" -> call.out(Cluster.table(f.bool("no-headers") ? rows.subList(1, rows.size()) : rows));
            default -> throw new Cluster.Failure("Error: invalid format type\n");
        }
    }

    /** How helm prints a time in list and history: {@code 2025-11-25 17:44:00.123456789 +0000 UTC}. */
    private static String helmTime(String iso) {
        Instant at = Instant.parse(iso);
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS", Locale.ENGLISH)
                        .withZone(ZoneOffset.UTC)
                        .format(at)
                + " +0000 UTC";
    }

    private static Release find(Invocation call, String ns, String name) {
        Release release = Cluster.read(call.root(), s -> s.releases.get(ns + "/" + name));
        if (release == null) {
            throw new Cluster.Failure("Error: release: not found\n");
        }
        return release;
    }

    private static void status(Invocation call, List<String> args) {
        Flags f = flags(args, List.of("output|o", "revision"), List.of("show-desc", "show-resources"));
        if (f.positional.size() != 1) {
            throw new Cluster.Failure(
                    "Error: \"helm status\" requires 1 argument\n\nUsage:  helm status RELEASE_NAME [flags]\n");
        }
        String ns = f.value("namespace", "default");
        Release r = find(call, ns, f.positional.get(0));
        Revision current = r.current();
        ObjectNode status = Cluster.JSON.createObjectNode();
        status.put("name", r.name());
        ObjectNode info = status.putObject("info");
        info.put("first_deployed", r.history().get(0).updated())
                .put("last_deployed", current.updated())
                .put("deleted", "")
                .put("description", current.description())
                .put("status", current.status())
                .put("notes", "");
        status.putObject("chart")
                .putObject("metadata")
                .put("name", current.chart())
                .put("version", current.version())
                .put("appVersion", current.appVersion())
                .put("apiVersion", "v2");
        status.set("config", current.values());
        status.put("version", current.revision()).put("namespace", r.namespace());
        switch (f.value("output", "table")) {
            case "json" -> call.out(status + "\n");
            case "yaml" -> call.out(Cluster.yaml(status));
            case "table" ->
                call.out("NAME: " + r.name() + "\nLAST DEPLOYED: " + DEPLOYED.format(Instant.parse(current.updated()))
                        + "\nNAMESPACE: " + r.namespace() + "\nSTATUS: " + current.status() + "\nREVISION: "
                        + current.revision()
                        + "\nTEST SUITE: None\n");
            default -> throw new Cluster.Failure("Error: invalid format type\n");
        }
    }

    private static void get(Invocation call, List<String> args) {
        String what = args.isEmpty() ? "" : args.get(0);
        Flags f = flags(
                args.subList(Math.min(1, args.size()), args.size()), List.of("output|o", "revision"), List.of("all|a"));
        if (!what.equals("values")) {
            throw new Cluster.Failure(
                    "Error: unknown command \"" + what + "\" for \"helm get\" (the sandbox knows values)\n");
        }
        if (f.positional.size() != 1) {
            throw new Cluster.Failure(
                    "Error: \"helm get values\" requires 1 argument\n\nUsage:  helm get values RELEASE_NAME [flags]\n");
        }
        Release r = find(call, f.value("namespace", "default"), f.positional.get(0));
        JsonNode values = r.values() == null || r.values().isEmpty() ? null : r.values();
        switch (f.value("output", "table")) {
            case "json" -> call.out((values == null ? "null" : values.toString()) + "\n");
            case "yaml" -> call.out(values == null ? "{}\n" : Cluster.yaml(values));
            case "table" ->
                call.out((f.bool("all") ? "COMPUTED VALUES:\n" : "USER-SUPPLIED VALUES:\n")
                        + (values == null ? "null\n" : Cluster.yaml(values)));
            default -> throw new Cluster.Failure("Error: invalid format type\n");
        }
    }

    private static void history(Invocation call, List<String> args) {
        Flags f = flags(args, List.of("output|o", "max"), List.of());
        if (f.positional.size() != 1) {
            throw new Cluster.Failure("Error: \"helm history\" requires 1 argument\n");
        }
        Release r = find(call, f.value("namespace", "default"), f.positional.get(0));
        ArrayNode list = Cluster.JSON.createArrayNode();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("REVISION", "UPDATED", "STATUS", "CHART", "APP VERSION", "DESCRIPTION"));
        for (Revision rev : r.history()) {
            list.addObject()
                    .put("revision", rev.revision())
                    .put("updated", rev.updated())
                    .put("status", rev.status())
                    .put("chart", rev.chart() + "-" + rev.version())
                    .put("app_version", rev.appVersion())
                    .put("description", rev.description());
            rows.add(List.of(
                    Integer.toString(rev.revision()),
                    DEPLOYED.format(Instant.parse(rev.updated())),
                    rev.status(),
                    rev.chart() + "-" + rev.version(),
                    rev.appVersion(),
                    rev.description()));
        }
        call.out("json".equals(f.value("output", "table")) ? list + "\n" : Cluster.table(rows));
    }
}
