package dev.xanthus.sandbox.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xanthus.sandbox.k8s.Kinds.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The kubectl commands Xanthus runs, against the server's emulated cluster. */
final class Kubectl {

    private static final Pattern DNS1123_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    private static final Pattern DNS1123_SUBDOMAIN =
            Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static final Pattern DNS1035_LABEL = Pattern.compile("^[a-z]([-a-z0-9]*[a-z0-9])?$");
    private static final List<String> GLOBAL_VALUES =
            List.of("namespace|n", "kubeconfig", "context", "request-timeout");
    private static final List<String> GLOBAL_BOOLS = List.of();
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private Kubectl() {}

    static void run(Invocation call) {
        List<String> args = call.args();
        if (args.isEmpty()) {
            throw new Cluster.Failure("kubectl controls the Kubernetes cluster manager.\n", 0);
        }
        // global flags may come before the verb
        int v = 0;
        while (v < args.size() && args.get(v).startsWith("-")) {
            boolean takesValue = List.of("-n", "--namespace", "--kubeconfig", "--context", "--request-timeout")
                    .contains(args.get(v));
            v += takesValue ? 2 : 1;
        }
        if (v >= args.size()) {
            throw new Cluster.Failure("error: no command given\n");
        }
        String verb = args.get(v);
        // moved behind the verb's own arguments ("create token", "create secret tls" see their sub-command first), but
        // ahead of a "--" (what follows it is the container's command)
        List<String> rest = new ArrayList<>(args.subList(v + 1, args.size()));
        int dashes = rest.indexOf("--");
        rest.addAll(dashes < 0 ? rest.size() : dashes, args.subList(0, v));
        switch (verb) {
            case "version" ->
                call.out("Client Version: " + Cluster.NODE_VERSION + "\nKustomize Version: v5.6.0\nServer Version: "
                        + Cluster.NODE_VERSION + "\n");
            case "cluster-info" -> call.out("Kubernetes control plane is running at https://127.0.0.1:6443\n");
            case "get" -> get(call, rest);
            case "apply" -> apply(call, rest, false);
            case "create" -> create(call, rest);
            case "delete" -> delete(call, rest);
            case "patch" -> patch(call, rest);
            case "exec" -> exec(call, rest);
            case "rollout" -> rollout(call, rest);
            case "wait" -> waitFor(call, rest);
            default -> throw new Cluster.Failure("error: unknown command \"" + verb + "\" for \"kubectl\"\n");
        }
    }

    private static Flags flags(String verb, List<String> args, List<String> values, List<String> bools) {
        List<String> v = new ArrayList<>(GLOBAL_VALUES);
        v.addAll(values);
        List<String> b = new ArrayList<>(GLOBAL_BOOLS);
        b.addAll(bools);
        return Flags.parse(
                args,
                v,
                b,
                message ->
                        new Cluster.Failure("error: " + message + "\nSee 'kubectl " + verb + " --help' for usage.\n"));
    }

    private static Kind kind(Cluster.State s, String typed) {
        Kind kind = Kinds.lookup(typed, new ArrayList<>(s.objects));
        if (kind == null) {
            throw new Cluster.Failure("error: the server doesn't have a resource type \"" + typed + "\"\n");
        }
        return kind;
    }

    /** The objects {@code TYPE NAME…}, {@code TYPE/NAME…} or {@code TYPE -l …} name; absent names are reported. */
    private record Target(Kind kind, String name) {}

    private static List<Target> targets(Cluster.State s, List<String> positional, boolean nameRequired, String verb) {
        List<Target> targets = new ArrayList<>();
        if (positional.isEmpty()) {
            throw new Cluster.Failure("error: you must specify the type of resource to " + verb
                    + ". Use \"kubectl api-resources\" " + "for a complete list of supported resources.\n");
        }
        if (positional.get(0).contains("/")) {
            for (String p : positional) {
                int slash = p.indexOf('/');
                if (slash < 0) {
                    throw new Cluster.Failure(
                            "error: there is no need to specify a resource type as a separate argument when "
                                    + "passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of "
                                    + "'kubectl get resource resource/<resource_name>'\n");
                }
                targets.add(new Target(kind(s, p.substring(0, slash)), p.substring(slash + 1)));
            }
            return targets;
        }
        for (String typed : positional.get(0).split(",")) {
            Kind kind = kind(s, typed);
            if (positional.size() == 1) {
                targets.add(new Target(kind, null));
            }
            for (String name : positional.subList(1, positional.size())) {
                targets.add(new Target(kind, name));
            }
        }
        if (nameRequired && targets.stream().anyMatch(t -> t.name() == null)) {
            throw new Cluster.Failure("error: resource(s) were provided, but no name was specified\n");
        }
        return targets;
    }

    private static String ns(Flags f) {
        return f.value("namespace", "default");
    }

    private static String notFound(Kind kind, String name) {
        String resource = kind.group().isEmpty() ? kind.plural() : kind.plural() + "." + kind.group();
        return "Error from server (NotFound): " + resource + " \"" + name + "\" not found\n";
    }

    // ---- get ----

    private static void get(Invocation call, List<String> args) {
        Flags f = flags(
                "get",
                args,
                List.of("output|o", "selector|l", "field-selector", "sort-by"),
                List.of("all-namespaces|A", "no-headers", "ignore-not-found", "show-labels", "watch|w"));
        String output = f.value("output", "");
        boolean all = f.bool("all-namespaces");
        String ns = ns(f);
        StringBuilder err = new StringBuilder();
        boolean[] missing = {false};
        List<ObjectNode> found = Cluster.read(call.root(), s -> {
            List<ObjectNode> objects = new ArrayList<>();
            for (Target t : targets(s, f.positional, false, "get")) {
                String in = t.kind().namespaced() && !all ? ns : null;
                if (t.name() != null) {
                    ObjectNode o =
                            Cluster.find(s, t.kind().kind(), t.kind().namespaced() ? (all ? ns : ns) : null, t.name());
                    if (o == null) {
                        missing[0] = true;
                        if (!f.bool("ignore-not-found")) {
                            err.append(notFound(t.kind(), t.name()));
                        }
                    } else {
                        objects.add(o.deepCopy());
                    }
                } else {
                    for (ObjectNode o : Cluster.list(s, t.kind().kind(), in)) {
                        if (Selector.matches(f.value("selector", ""), o)) {
                            objects.add(o.deepCopy());
                        }
                    }
                }
            }
            return objects;
        });
        boolean single = f.positional.size() == 2 && !f.positional.get(0).contains(",")
                || f.positional.size() == 1 && f.positional.get(0).contains("/");
        String printed = found.isEmpty() && missing[0] ? "" : print(found, output, single, all, f.bool("no-headers"));
        if (found.isEmpty() && !missing[0] && output.isEmpty()) {
            call.err(all ? "No resources found\n" : "No resources found in " + ns + " namespace.\n");
        }
        call.out(printed);
        if (!err.isEmpty()) {
            throw new Cluster.Failure(err.toString());
        }
    }

    private static String print(
            List<ObjectNode> objects, String output, boolean single, boolean all, boolean noHeaders) {
        JsonNode doc;
        if (single && objects.size() == 1) {
            doc = objects.get(0);
        } else {
            ObjectNode list = Cluster.JSON.createObjectNode().put("apiVersion", "v1");
            ArrayNode items = list.putArray("items");
            objects.forEach(items::add);
            list.put("kind", "List");
            list.putObject("metadata").put("resourceVersion", "");
            doc = list;
        }
        if (output.equals("json")) {
            return Cluster.json(doc);
        }
        if (output.equals("yaml")) {
            return Cluster.yaml(sorted(doc));
        }
        if (output.equals("name")) {
            StringBuilder out = new StringBuilder();
            objects.forEach(o -> out.append(
                            Kinds.of(Cluster.kind(o), o.path("apiVersion").asText())
                                    .qualified())
                    .append('/')
                    .append(Cluster.name(o))
                    .append('\n'));
            return out.toString();
        }
        if (output.startsWith("jsonpath=") || output.startsWith("jsonpath-as-json=")) {
            return JsonPath.render(output.substring(output.indexOf('=') + 1), doc);
        }
        if (!output.isEmpty() && !output.equals("wide")) {
            throw new Cluster.Failure("error: unable to match a printer suitable for the output format \"" + output
                    + "\", allowed formats are: json,jsonpath,jsonpath-as-json,name,wide,yaml (sandbox)\n");
        }
        StringBuilder out = new StringBuilder();
        String lastKind = null;
        List<List<String>> rows = new ArrayList<>();
        for (ObjectNode o : objects) {
            if (!Cluster.kind(o).equals(lastKind)) {
                if (!rows.isEmpty()) {
                    out.append(Cluster.table(rows)).append('\n');
                    rows.clear();
                }
                lastKind = Cluster.kind(o);
                if (!noHeaders) {
                    List<String> header = new ArrayList<>(Columns.header(lastKind));
                    if (all && Cluster.namespace(o) != null) {
                        header.add(0, "NAMESPACE");
                    }
                    rows.add(header);
                }
            }
            List<String> row = new ArrayList<>(Columns.row(o));
            if (all && Cluster.namespace(o) != null) {
                row.add(0, Cluster.namespace(o));
            }
            rows.add(row);
        }
        if (!rows.isEmpty()) {
            out.append(Cluster.table(rows));
        }
        return out.toString();
    }

    /** kubectl prints YAML with keys sorted (it goes through a map). */
    static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = Cluster.JSON.createObjectNode();
            new TreeMap<String, JsonNode>(toMap(node)).forEach((k, v) -> copy.set(k, sorted(v)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Cluster.JSON.createArrayNode();
            node.forEach(n -> copy.add(sorted(n)));
            return copy;
        }
        return node;
    }

    private static Map<String, JsonNode> toMap(JsonNode node) {
        Map<String, JsonNode> map = new TreeMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }

    // ---- apply / create -f ----

    private static void apply(Invocation call, List<String> args, boolean createOnly) {
        Flags f = flags(
                createOnly ? "create" : "apply",
                args,
                List.of("filename|f", "output|o", "dry-run", "field-manager", "selector|l"),
                List.of("server-side", "force-conflicts", "validate", "overwrite", "prune", "recursive|R"));
        if (f.values("filename").isEmpty()) {
            throw new Cluster.Failure("error: must specify one of -f and -k\n");
        }
        List<ObjectNode> docs = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (String file : f.values("filename")) {
            String text = file.equals("-") ? call.stdin() : call.readFile(file);
            if (text == null) {
                throw new Cluster.Failure("error: the path \"" + file + "\" does not exist\n");
            }
            for (ObjectNode doc : documents(text, file.equals("-") ? "STDIN" : file)) {
                docs.add(doc);
                sources.add(file.equals("-") ? "STDIN" : file);
            }
        }
        String flagNs = f.value("namespace", null);
        String out = Cluster.write(call.root(), s -> {
            StringBuilder printed = new StringBuilder();
            for (int i = 0; i < docs.size(); i++) {
                printed.append(applyOne(s, docs.get(i), sources.get(i), flagNs, createOnly))
                        .append('\n');
            }
            return printed.toString();
        });
        call.out(out);
    }

    static List<ObjectNode> documents(String text, String source) {
        List<ObjectNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it =
                Cluster.YAML.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc == null || doc.isNull() || doc.isMissingNode() || doc.isEmpty()) {
                    continue;
                }
                if (!(doc instanceof ObjectNode o)) {
                    throw new Cluster.Failure("error: error parsing " + source + ": error converting YAML to JSON\n");
                }
                if (o.path("kind").asText().equals("List")) {
                    o.path("items").forEach(item -> docs.add((ObjectNode) item));
                } else {
                    docs.add(o);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof Cluster.Failure failure) {
                throw failure;
            }
            throw new Cluster.Failure("error: error parsing " + source + ": error converting YAML to JSON: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "\n");
        }
        return docs;
    }

    static String applyOne(Cluster.State s, ObjectNode doc, String source, String flagNs, boolean createOnly) {
        List<String> missing = new ArrayList<>();
        if (doc.path("apiVersion").asText("").isEmpty()) {
            missing.add("apiVersion not set");
        }
        if (doc.path("kind").asText("").isEmpty()) {
            missing.add("kind not set");
        }
        if (!missing.isEmpty()) {
            throw new Cluster.Failure("error: error validating \"" + source + "\": error validating data: " + missing
                    + "; if you choose to ignore these errors, turn validation off with --validate=false\n");
        }
        Kind kind = Kinds.of(doc.get("kind").asText(), doc.get("apiVersion").asText());
        String name = doc.path("metadata").path("name").asText("");
        if (name.isEmpty()) {
            throw new Cluster.Failure(
                    "error: error when retrieving current configuration of:\nResource: \"" + kind.plural()
                            + "\", GroupVersionKind: \"" + doc.get("apiVersion").asText() + ", Kind=" + kind.kind()
                            + "\"\nName: \"\", "
                            + "Namespace: \"\"\nfrom server for: \"" + source + "\": resource name may not be empty\n");
        }
        ObjectNode meta = doc.path("metadata") instanceof ObjectNode m ? m : doc.putObject("metadata");
        String ns = null;
        if (kind.namespaced()) {
            String docNs = meta.path("namespace").asText(null);
            if (docNs != null && flagNs != null && !docNs.equals(flagNs)) {
                throw new Cluster.Failure("error: the namespace from the provided object \"" + docNs
                        + "\" does not match the " + "namespace \"" + flagNs + "\". You must pass '--namespace=" + docNs
                        + "' to perform this operation.\n");
            }
            ns = docNs != null ? docNs : flagNs != null ? flagNs : "default";
            meta.put("namespace", ns);
            if (!Cluster.namespaceExists(s, ns)) {
                throw new Cluster.Failure("Error from server (NotFound): error when creating \"" + source
                        + "\": namespaces \"" + ns + "\" not found\n");
            }
        } else {
            meta.remove("namespace");
        }
        validateName(kind, name);
        // what the server sets is not the client's to say
        for (String field : List.of("uid", "resourceVersion", "creationTimestamp", "generation", "managedFields")) {
            meta.remove(field);
        }
        if (kind.kind().equals("Secret")) {
            normaliseSecret(doc, kind, name);
        }
        ObjectNode existing = Cluster.find(s, kind.kind(), ns, name);
        String verb;
        if (existing != null) {
            if (createOnly) {
                throw new Cluster.Failure("Error from server (AlreadyExists): error when creating \"" + source + "\": "
                        + kind.plural() + " \"" + name + "\" already exists\n");
            }
            // as kubectl's three-way apply: unchanged when the same configuration was applied last
            String last = existing.path("metadata")
                    .path("annotations")
                    .path(LAST_APPLIED)
                    .asText(null);
            if (last != null && last.equals(content(doc).toString())) {
                return kind.qualified() + "/" + name + " unchanged";
            }
            ObjectNode after = doc.deepCopy();
            keepServerFields(existing, after);
            ((ObjectNode) after.get("metadata")).put("resourceVersion", Long.toString(++s.serial));
            Cluster.put(s, after);
            doc = after;
            verb = "configured";
        } else {
            Cluster.stamp(s, doc);
            if (!createOnly) {
                Cluster.annotations(doc).put(LAST_APPLIED, content(doc).toString());
            }
            Cluster.put(s, doc);
            verb = "created";
        }
        settle(s, doc, kind);
        return kind.qualified() + "/" + name + " " + verb;
    }

    private static void validateName(Kind kind, String name) {
        boolean ok = kind.kind().equals("Service") || kind.kind().equals("Namespace")
                ? (kind.kind().equals("Service") ? DNS1035_LABEL : DNS1123_LABEL)
                                .matcher(name)
                                .matches()
                        && name.length() <= 63
                : DNS1123_SUBDOMAIN.matcher(name).matches() && name.length() <= 253;
        if (!ok) {
            throw new Cluster.Failure(
                    "The " + kind.kind() + " \"" + name + "\" is invalid: metadata.name: Invalid value: \""
                            + name + "\": a lowercase RFC 1123 "
                            + (kind.kind().equals("Service") || kind.kind().equals("Namespace") ? "label" : "subdomain")
                            + " must consist of lower case alphanumeric characters, '-' or '.', and must start "
                            + "and end with an alphanumeric character\n");
        }
    }

    /** {@code stringData} folded into base64 {@code data}; {@code data} must be base64. */
    private static void normaliseSecret(ObjectNode secret, Kind kind, String name) {
        ObjectNode data = secret.path("data") instanceof ObjectNode d ? d : Cluster.JSON.createObjectNode();
        JsonNode stringData = secret.remove("stringData");
        if (stringData != null) {
            stringData
                    .fields()
                    .forEachRemaining(
                            e -> data.put(e.getKey(), Charts.b64(e.getValue().asText())));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                Base64.getDecoder().decode(e.getValue().asText());
            } catch (IllegalArgumentException bad) {
                throw new Cluster.Failure(
                        "Error from server (BadRequest): Secret in version \"v1\" cannot be handled as a "
                                + "Secret: illegal base64 data at input byte 0\n");
            }
        }
        if (!data.isEmpty() || secret.has("data")) {
            secret.set("data", data);
        }
        if (!secret.has("type")) {
            secret.put("type", "Opaque");
        }
    }

    private static void keepServerFields(ObjectNode existing, ObjectNode after) {
        ObjectNode meta = (ObjectNode) after.get("metadata");
        JsonNode old = existing.get("metadata");
        for (String field : List.of("uid", "creationTimestamp", "resourceVersion")) {
            meta.set(field, old.get(field));
        }
        JsonNode oldAnnotations = old.path("annotations");
        if (!oldAnnotations.isMissingNode()) {
            ObjectNode annotations = Cluster.annotations(after);
            oldAnnotations.fields().forEachRemaining(e -> {
                if (e.getKey().startsWith("meta.helm.sh/") || e.getKey().startsWith("sandbox.xanthus.dev/")) {
                    annotations.set(e.getKey(), e.getValue());
                }
            });
        }
        Cluster.annotations(after).put(LAST_APPLIED, content(after).toString());
        if (existing.has("status") && !after.has("status")) {
            after.set("status", existing.get("status"));
        }
        if (existing.path("spec").has("clusterIP")
                && after.path("spec") instanceof ObjectNode spec
                && !spec.has("clusterIP")) {
            spec.set("clusterIP", existing.path("spec").get("clusterIP"));
        }
    }

    /** An object without what the server sets: to tell "unchanged" from "configured". */
    private static JsonNode content(JsonNode o) {
        ObjectNode copy = o.deepCopy();
        copy.remove("status");
        ObjectNode meta = (ObjectNode) copy.path("metadata");
        for (String field : List.of("uid", "resourceVersion", "creationTimestamp", "generation", "managedFields")) {
            meta.remove(field);
        }
        if (meta.path("annotations") instanceof ObjectNode a) {
            a.remove(LAST_APPLIED);
            if (a.isEmpty()) {
                meta.remove("annotations");
            }
        }
        if (copy.path("spec") instanceof ObjectNode spec) {
            spec.remove("clusterIP");
        }
        return copy;
    }

    /** What controllers do right after an object is stored: status, cluster IPs, pods of a Deployment. */
    private static void settle(Cluster.State s, ObjectNode o, Kind kind) {
        switch (kind.kind()) {
            case "Namespace" -> {
                ObjectNode ns = (ObjectNode) o;
                Cluster.labels(ns).put("kubernetes.io/metadata.name", Cluster.name(ns));
                ns.putObject("status").put("phase", "Active");
                if (Cluster.find(s, "ServiceAccount", Cluster.name(ns), "default") == null) {
                    Cluster.put(s, Cluster.object(s, "v1", "ServiceAccount", Cluster.name(ns), "default"));
                }
            }
            case "Service" -> {
                ObjectNode spec = o.path("spec") instanceof ObjectNode sp ? sp : o.putObject("spec");
                if (!spec.has("type")) {
                    spec.put("type", "ClusterIP");
                }
                if (!spec.has("clusterIP")) {
                    spec.put(
                            "clusterIP",
                            "10.43." + Cluster.random().nextInt(256) + "."
                                    + (1 + Cluster.random().nextInt(254)));
                }
            }
            case "PersistentVolumeClaim" -> o.putObject("status").put("phase", "Bound");
            case "Pod" -> {
                if (!o.has("status")) {
                    o.putObject("status").put("phase", "Running");
                }
            }
            case "Deployment" -> Charts.replacePods(s, o, null);
            default -> {
                // nothing to do
            }
        }
    }

    // ---- create ----

    private static void create(Invocation call, List<String> args) {
        String what = args.stream().filter(a -> !a.startsWith("-")).findFirst().orElse("");
        if (args.stream().anyMatch(a -> a.equals("-f") || a.startsWith("--filename") || a.startsWith("-f="))) {
            apply(call, args, true);
            return;
        }
        List<String> rest = new ArrayList<>(args);
        rest.remove(what);
        switch (what) {
            case "namespace", "ns" -> createSimple(call, rest, "Namespace");
            case "serviceaccount", "sa" -> createSimple(call, rest, "ServiceAccount");
            case "secret" -> createSecret(call, rest);
            case "token" -> createToken(call, rest);
            default ->
                throw new Cluster.Failure("error: unknown command \"" + what + "\" for \"kubectl create\" (sandbox)\n");
        }
    }

    private static Flags createFlags(List<String> args, List<String> values) {
        List<String> v = new ArrayList<>(List.of("output|o", "dry-run"));
        v.addAll(values);
        return flags("create", args, v, List.of("save-config", "append-hash"));
    }

    /** --dry-run=client|server|none; a bare --dry-run is parsed by the caller as "client". */
    private static boolean dryRun(Flags f) {
        String mode = f.value("dry-run", "none");
        if (!List.of("none", "client", "server").contains(mode)) {
            throw new Cluster.Failure(
                    "error: Invalid dry-run value (" + mode + "). Must be \"none\", \"server\", or \"client\".\n");
        }
        return !mode.equals("none");
    }

    private static List<String> bareDryRun(List<String> args) {
        return args.stream()
                .map(a -> a.equals("--dry-run") ? "--dry-run=client" : a)
                .toList();
    }

    private static void createSimple(Invocation call, List<String> args, String kindName) {
        Flags f = createFlags(bareDryRun(args), List.of());
        Kind kind = Kinds.of(kindName, "v1");
        if (f.positional.size() != 1) {
            throw new Cluster.Failure("error: exactly one NAME is required, got " + f.positional.size() + "\n");
        }
        String name = f.positional.get(0);
        validateName(kind, name);
        String ns = kind.namespaced() ? ns(f) : null;
        ObjectNode manifest =
                JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", kindName);
        ObjectNode meta = manifest.putObject("metadata");
        meta.putNull("creationTimestamp");
        meta.put("name", name);
        if (ns != null) {
            meta.put("namespace", ns);
        }
        if (kindName.equals("Namespace")) {
            manifest.putObject("spec");
            manifest.putObject("status");
        }
        createOrPrint(call, f, kind, manifest, ns, name);
    }

    private static void createOrPrint(
            Invocation call, Flags f, Kind kind, ObjectNode manifest, String ns, String name) {
        if (dryRun(f)) {
            String output = f.value("output", "");
            switch (output) {
                case "yaml" -> call.out(Cluster.yaml(sorted(manifest)));
                case "json" -> call.out(Cluster.json(manifest));
                case "name" -> call.out(kind.qualified() + "/" + name + "\n");
                case "" ->
                    call.out(kind.qualified() + "/" + name + " created (" + f.value("dry-run", "client")
                            + " dry run)\n");
                default ->
                    throw new Cluster.Failure(
                            "error: unable to match a printer suitable for the output format \"" + output + "\"\n");
            }
            return;
        }
        Cluster.write(call.root(), s -> {
            if (ns != null && !Cluster.namespaceExists(s, ns)) {
                throw new Cluster.Failure("error: failed to create "
                        + kind.kind().toLowerCase() + ": namespaces \"" + ns + "\" not found\n");
            }
            if (Cluster.find(s, kind.kind(), ns, name) != null) {
                throw new Cluster.Failure(
                        kind.kind().equals("Secret")
                                ? "error: failed to create secret secrets \"" + name + "\" already exists\n"
                                : "Error from server (AlreadyExists): " + kind.plural() + " \"" + name
                                        + "\" already exists\n");
            }
            ((ObjectNode) manifest.get("metadata")).remove("creationTimestamp");
            manifest.remove("status");
            if (kind.kind().equals("Namespace")) {
                Cluster.addNamespace(s, name);
            } else {
                Cluster.stamp(s, manifest);
                Cluster.put(s, manifest);
            }
            return null;
        });
        call.out(
                "json".equals(f.value("output", ""))
                        ? Cluster.json(manifest)
                        : "name".equals(f.value("output", ""))
                                ? kind.qualified() + "/" + name + "\n"
                                : kind.qualified() + "/" + name + " created\n");
    }

    private static void createSecret(Invocation call, List<String> args) {
        String type = args.stream().filter(a -> !a.startsWith("-")).findFirst().orElse("");
        List<String> rest = new ArrayList<>(args);
        rest.remove(type);
        Flags f = createFlags(bareDryRun(rest), List.of("cert", "key", "from-literal", "from-file", "type"));
        if (f.positional.size() != 1) {
            throw new Cluster.Failure("error: exactly one NAME is required, got " + f.positional.size() + "\n");
        }
        String name = f.positional.get(0);
        Kind kind = Kinds.of("Secret", "v1");
        validateName(kind, name);
        String ns = ns(f);
        ObjectNode manifest = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1");
        ObjectNode data = manifest.putObject("data");
        manifest.put("kind", "Secret");
        ObjectNode meta = manifest.putObject("metadata");
        meta.putNull("creationTimestamp");
        meta.put("name", name).put("namespace", ns);
        switch (type) {
            case "tls" -> {
                String certPath = f.value("cert", null);
                String keyPath = f.value("key", null);
                if (certPath == null || keyPath == null) {
                    throw new Cluster.Failure("error: key and cert must be specified\n");
                }
                String cert = call.readFile(certPath);
                if (cert == null) {
                    throw new Cluster.Failure("error: open " + certPath + ": no such file or directory\n");
                }
                String key = call.readFile(keyPath);
                if (key == null) {
                    throw new Cluster.Failure("error: open " + keyPath + ": no such file or directory\n");
                }
                checkKeyPair(cert, key);
                data.put("tls.crt", Charts.b64(cert)).put("tls.key", Charts.b64(key));
                manifest.put("type", "kubernetes.io/tls");
            }
            case "generic" -> {
                for (String literal : f.values("from-literal")) {
                    int eq = literal.indexOf('=');
                    if (eq <= 0) {
                        throw new Cluster.Failure(
                                "error: invalid literal source " + literal + ", expected key=value\n");
                    }
                    data.put(literal.substring(0, eq), Charts.b64(literal.substring(eq + 1)));
                }
                for (String spec : f.values("from-file")) {
                    int eq = spec.indexOf('=');
                    String path = eq < 0 ? spec : spec.substring(eq + 1);
                    String key = eq < 0 ? path.substring(path.lastIndexOf('/') + 1) : spec.substring(0, eq);
                    String text = call.readFile(path);
                    if (text == null) {
                        throw new Cluster.Failure("error: error reading " + path + ": no such file or directory\n");
                    }
                    data.put(key, Charts.b64(text));
                }
                manifest.put("type", f.value("type", "Opaque"));
            }
            default ->
                throw new Cluster.Failure("error: unknown command \"" + type + "\" for \"kubectl create secret\" "
                        + "(the sandbox knows tls and generic)\n");
        }
        createOrPrint(call, f, kind, manifest, ns, name);
    }

    /** As tls.X509KeyPair: a certificate block that parses, and a private key block. */
    private static void checkKeyPair(String cert, String key) {
        if (!cert.contains("-----BEGIN CERTIFICATE-----")) {
            throw new Cluster.Failure(
                    "error: failed to load key pair tls: failed to find any PEM data in certificate input\n");
        }
        try {
            CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(cert.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new Cluster.Failure(
                    "error: failed to load key pair tls: failed to parse certificate: " + e.getMessage() + "\n");
        }
        if (!Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----").matcher(key).find()) {
            throw new Cluster.Failure("error: failed to load key pair tls: failed to find any PEM data in key input\n");
        }
    }

    private static void createToken(Invocation call, List<String> args) {
        Flags f = createFlags(args, List.of("duration", "audience", "bound-object-kind", "bound-object-name"));
        if (f.positional.size() != 1) {
            throw new Cluster.Failure("error: exactly one NAME is required, got " + f.positional.size() + "\n");
        }
        String sa = f.positional.get(0);
        String ns = ns(f);
        Duration duration = Duration.ofHours(1);
        if (f.has("duration")) {
            String text = f.value("duration", "");
            duration = Flags.goDuration(text);
            if (duration == null) {
                throw new Cluster.Failure(
                        "error: invalid argument \"" + text + "\" for \"--duration\" flag: time: invalid "
                                + "duration \"" + text + "\"\nSee 'kubectl create token --help' for usage.\n");
            }
            if (duration.isNegative()) {
                throw new Cluster.Failure("error: --duration must be greater than or equal to 0\n");
            }
            if (duration.getNano() != 0) {
                throw new Cluster.Failure("error: --duration must be a whole number of seconds\n");
            }
        }
        long seconds = duration.isZero() ? 3600 : duration.getSeconds();
        if (seconds < 600) {
            throw new Cluster.Failure(
                    "error: failed to create token: TokenRequest.authentication.k8s.io \"" + sa + "\" is "
                            + "invalid: spec.expirationSeconds: Invalid value: " + seconds
                            + ": may not specify a duration less than 10 "
                            + "minutes\n");
        }
        Instant now = Instant.now();
        long exp = now.getEpochSecond() + seconds;
        String token = Cluster.write(call.root(), s -> {
            ObjectNode account = Cluster.find(s, "ServiceAccount", ns, sa);
            if (account == null) {
                throw new Cluster.Failure("error: failed to create token: serviceaccounts \"" + sa + "\" not found\n");
            }
            ObjectNode header =
                    Cluster.JSON.createObjectNode().put("alg", "RS256").put("kid", "sandbox-" + Cluster.hex(8));
            ObjectNode claims = Cluster.JSON.createObjectNode();
            claims.putArray("aud").add(f.value("audience", "https://kubernetes.default.svc.cluster.local"));
            claims.put("exp", exp)
                    .put("iat", now.getEpochSecond())
                    .put("iss", "https://kubernetes.default.svc.cluster.local")
                    .put("jti", java.util.UUID.randomUUID().toString())
                    .put("nbf", now.getEpochSecond())
                    .put("sub", "system:serviceaccount:" + ns + ":" + sa);
            claims.putObject("kubernetes.io")
                    .put("namespace", ns)
                    .putObject("serviceaccount")
                    .put("name", sa)
                    .put("uid", account.path("metadata").path("uid").asText());
            byte[] signature = new byte[256];
            Cluster.random().nextBytes(signature);
            Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
            String jwt = url.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                    + url.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + "."
                    + url.encodeToString(signature);
            s.tokens.add(new SandboxK8s.Token(
                    ns, sa, seconds, Instant.ofEpochSecond(exp).toString(), jwt));
            return jwt;
        });
        call.out(token + "\n");
    }

    // ---- delete ----

    private static void delete(Invocation call, List<String> args) {
        Flags f = flags(
                "delete",
                args,
                List.of("filename|f", "selector|l", "grace-period", "timeout", "cascade", "wait"),
                List.of("ignore-not-found", "force", "now", "all", "all-namespaces|A"));
        String ns = ns(f);
        List<ObjectNode> fromFiles = new ArrayList<>();
        for (String file : f.values("filename")) {
            String text = file.equals("-") ? call.stdin() : call.readFile(file);
            if (text == null) {
                throw new Cluster.Failure("error: the path \"" + file + "\" does not exist\n");
            }
            fromFiles.addAll(documents(text, file));
        }
        StringBuilder err = new StringBuilder();
        String out = Cluster.write(call.root(), s -> {
            List<Target> targets = new ArrayList<>();
            List<String> namespaces = new ArrayList<>();
            if (!fromFiles.isEmpty()) {
                for (ObjectNode doc : fromFiles) {
                    Kind kind = Kinds.of(
                            doc.path("kind").asText(), doc.path("apiVersion").asText());
                    targets.add(new Target(kind, Cluster.name(doc)));
                    namespaces.add(
                            kind.namespaced()
                                    ? doc.path("metadata").path("namespace").asText(ns)
                                    : null);
                }
            } else {
                for (Target t : targets(s, f.positional, false, "delete")) {
                    String in = t.kind().namespaced() ? ns : null;
                    if (t.name() != null) {
                        targets.add(t);
                        namespaces.add(in);
                    } else if (f.has("selector") || f.bool("all")) {
                        for (ObjectNode o : Cluster.list(s, t.kind().kind(), in)) {
                            if (Selector.matches(f.value("selector", ""), o)) {
                                targets.add(new Target(t.kind(), Cluster.name(o)));
                                namespaces.add(in);
                            }
                        }
                    } else {
                        throw new Cluster.Failure("error: resource(s) were provided, but no name was specified\n");
                    }
                }
                if (targets.isEmpty()) {
                    err.append("No resources found\n");
                }
            }
            StringBuilder printed = new StringBuilder();
            for (int i = 0; i < targets.size(); i++) {
                Target t = targets.get(i);
                String in = namespaces.get(i);
                ObjectNode o = Cluster.find(s, t.kind().kind(), in, t.name());
                if (o == null) {
                    if (!f.bool("ignore-not-found")) {
                        err.append(notFound(t.kind(), t.name()));
                    }
                    continue;
                }
                if (t.kind().kind().equals("Namespace")
                        && List.of("default", "kube-system", "kube-public", "kube-node-lease")
                                .contains(t.name())) {
                    err.append("Error from server (Forbidden): namespaces \"")
                            .append(t.name())
                            .append("\" is forbidden: this namespace may not be deleted\n");
                    continue;
                }
                deleteObject(s, o);
                printed.append(t.kind().qualified())
                        .append(" \"")
                        .append(t.name())
                        .append("\" deleted\n");
            }
            return printed.toString();
        });
        if (f.bool("force")) {
            call.err("Warning: Immediate deletion does not wait for confirmation that the running resource has been "
                    + "terminated. The resource may continue to run on the cluster indefinitely.\n");
        }
        call.out(out);
        if (!err.isEmpty()) {
            if (err.toString().equals("No resources found\n")) {
                call.err(err.toString());
                return;
            }
            throw new Cluster.Failure(err.toString());
        }
    }

    /** Deletes one object with what goes with it: a namespace's contents, a PVC's files, a controller's new pod. */
    private static void deleteObject(Cluster.State s, ObjectNode o) {
        String kind = Cluster.kind(o);
        String ns = Cluster.namespace(o);
        String name = Cluster.name(o);
        Cluster.remove(s, kind, ns, name);
        switch (kind) {
            case "Namespace" -> {
                s.objects.removeIf(x -> name.equals(Cluster.namespace(x)));
                s.releases.keySet().removeIf(k -> k.startsWith(name + "/"));
                s.files.keySet().removeIf(k -> k.startsWith(name + "/"));
            }
            case "PersistentVolumeClaim" -> s.files.remove(ns + "/" + name);
            case "Pod" -> {
                String volume = Charts.volumeOf(o);
                if (volume.contains("/pod:")) {
                    s.files.remove(volume);
                }
                String workload = o.path("metadata")
                        .path("annotations")
                        .path(Charts.WORKLOAD_ANNOTATION)
                        .asText("");
                int slash = workload.indexOf('/');
                ObjectNode owner = slash < 0
                        ? null
                        : Cluster.find(s, workload.substring(0, slash), ns, workload.substring(slash + 1));
                if (owner != null) {
                    Cluster.put(s, Charts.newPod(s, owner, null));
                }
            }
            case "Deployment", "StatefulSet" ->
                s.objects.removeIf(x -> Cluster.kind(x).equals("Pod")
                        && Objects.equals(ns, Cluster.namespace(x))
                        && (kind + "/" + name)
                                .equals(x.path("metadata")
                                        .path("annotations")
                                        .path(Charts.WORKLOAD_ANNOTATION)
                                        .asText()));
            default -> {
                // nothing goes with it
            }
        }
    }

    // ---- patch ----

    private static void patch(Invocation call, List<String> args) {
        Flags f = flags("patch", args, List.of("patch|p", "type", "output|o", "patch-file"), List.of());
        String type = f.value("type", "strategic");
        if (!type.equals("merge") && !type.equals("strategic")) {
            throw new Cluster.Failure(
                    "error: --type " + type + " is not supported by the sandbox (merge, strategic)\n");
        }
        String text = f.has("patch")
                ? f.value("patch", "")
                : f.has("patch-file") ? call.readFile(f.value("patch-file", "")) : null;
        if (text == null) {
            throw new Cluster.Failure(
                    "error: must specify --patch or --patch-file containing the contents of the patch\n");
        }
        JsonNode patch;
        try {
            patch = Cluster.YAML.readTree(text);
        } catch (IOException e) {
            throw new Cluster.Failure(
                    "error: unable to parse \"" + text + "\": yaml: did not find expected node content\n");
        }
        if (!(patch instanceof ObjectNode)) {
            throw new Cluster.Failure("error: unable to parse \"" + text + "\": the patch must be an object\n");
        }
        String ns = ns(f);
        String out = Cluster.write(call.root(), s -> {
            List<Target> targets = targets(s, f.positional, true, "patch");
            StringBuilder printed = new StringBuilder();
            for (Target t : targets) {
                String in = t.kind().namespaced() ? ns : null;
                ObjectNode o = Cluster.find(s, t.kind().kind(), in, t.name());
                if (o == null) {
                    throw new Cluster.Failure(notFound(t.kind(), t.name()));
                }
                ObjectNode before = o.deepCopy();
                mergePatch(o, patch);
                if (t.kind().kind().equals("Secret")) {
                    normaliseSecret(o, t.kind(), t.name());
                }
                boolean changed = !before.equals(o);
                if (changed) {
                    ((ObjectNode) o.get("metadata")).put("resourceVersion", Long.toString(++s.serial));
                }
                printed.append(t.kind().qualified())
                        .append('/')
                        .append(t.name())
                        .append(changed ? " patched\n" : " patched (no change)\n");
            }
            return printed.toString();
        });
        call.out(out);
    }

    /** RFC 7386: objects merge, null removes, anything else replaces. */
    static void mergePatch(ObjectNode target, JsonNode patch) {
        patch.fields().forEachRemaining(e -> {
            JsonNode value = e.getValue();
            if (value.isNull()) {
                target.remove(e.getKey());
            } else if (value.isObject()) {
                JsonNode current = target.get(e.getKey());
                ObjectNode into = current instanceof ObjectNode c ? c : target.putObject(e.getKey());
                mergePatch(into, value);
            } else {
                target.set(e.getKey(), value.deepCopy());
            }
        });
    }

    // ---- exec ----

    private static void exec(Invocation call, List<String> args) {
        Flags f = flags(
                "exec",
                args,
                List.of("container|c", "pod-running-timeout", "filename|f"),
                List.of("stdin|i", "tty|t", "quiet|q"));
        if (f.rest == null) {
            throw new Cluster.Failure(
                    "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\n");
        }
        if (f.positional.size() != 1) {
            throw new Cluster.Failure(
                    "error: expected 'exec POD_NAME COMMAND [ARG1] [ARG2] ... [ARGN]'.\nPOD_NAME and COMMAND "
                            + "are required arguments for the exec command\n");
        }
        if (f.rest.isEmpty()) {
            throw new Cluster.Failure("error: you must specify at least one command for the container\n");
        }
        String stdin = f.bool("stdin") ? call.stdin() : "";
        String ns = ns(f);
        String target = f.positional.get(0);
        ContainerShell.Result result = Cluster.write(call.root(), s -> {
            ObjectNode pod = pod(s, ns, target);
            if (!"Running".equals(pod.path("status").path("phase").asText())) {
                throw new Cluster.Failure("error: unable to upgrade connection: container not found (\""
                        + pod.path("spec")
                                .path("containers")
                                .path(0)
                                .path("name")
                                .asText() + "\")\n");
            }
            return new ContainerShell(s, pod).exec(f.rest, stdin);
        });
        call.out(result.out());
        call.err(result.err());
        if (result.status() != 0) {
            throw new Cluster.Failure("command terminated with exit code " + result.status() + "\n", result.status());
        }
    }

    /** A pod by name, or the first pod of {@code deploy/NAME} / {@code deployment/NAME} / {@code sts/NAME}. */
    private static ObjectNode pod(Cluster.State s, String ns, String target) {
        int slash = target.indexOf('/');
        if (slash < 0 || target.startsWith("pod/") || target.startsWith("pods/") || target.startsWith("po/")) {
            String name = target.substring(slash + 1);
            ObjectNode pod = Cluster.find(s, "Pod", ns, name);
            if (pod == null) {
                throw new Cluster.Failure("Error from server (NotFound): pods \"" + name + "\" not found\n");
            }
            return pod;
        }
        Kind kind = kind(s, target.substring(0, slash));
        String name = target.substring(slash + 1);
        if (Cluster.find(s, kind.kind(), ns, name) == null) {
            throw new Cluster.Failure(notFound(kind, name));
        }
        for (ObjectNode pod : Cluster.list(s, "Pod", ns)) {
            if ((kind.kind() + "/" + name)
                    .equals(pod.path("metadata")
                            .path("annotations")
                            .path(Charts.WORKLOAD_ANNOTATION)
                            .asText())) {
                return pod;
            }
        }
        throw new Cluster.Failure("error: cannot exec into a container in a completed pod; current phase is Pending\n");
    }

    // ---- rollout, wait ----

    private static void rollout(Invocation call, List<String> args) {
        String sub = args.stream().filter(a -> !a.startsWith("-")).findFirst().orElse("");
        List<String> rest = new ArrayList<>(args);
        rest.remove(sub);
        Flags f = flags("rollout", rest, List.of("timeout", "watch|w", "revision"), List.of());
        String ns = ns(f);
        String out = Cluster.write(call.root(), s -> {
            StringBuilder printed = new StringBuilder();
            for (Target t : targets(s, f.positional, true, "rollout " + sub)) {
                if (!t.kind().kind().equals("Deployment") && !t.kind().kind().equals("StatefulSet")) {
                    throw new Cluster.Failure("error: no rollout for "
                            + t.kind().qualified() + " (sandbox: deployments, statefulsets)\n");
                }
                ObjectNode workload = Cluster.find(s, t.kind().kind(), ns, t.name());
                if (workload == null) {
                    throw new Cluster.Failure(notFound(t.kind(), t.name()));
                }
                switch (sub) {
                    case "restart" -> {
                        ObjectNode spec =
                                workload.path("spec") instanceof ObjectNode sp ? sp : workload.putObject("spec");
                        Cluster.annotations(
                                        spec.path("template") instanceof ObjectNode tp
                                                ? tp
                                                : spec.putObject("template"))
                                .put("kubectl.kubernetes.io/restartedAt", Cluster.now());
                        Charts.replacePods(s, workload, null);
                        printed.append(t.kind().qualified())
                                .append('/')
                                .append(t.name())
                                .append(" restarted\n");
                    }
                    case "status" ->
                        printed.append(
                                t.kind().kind().equals("Deployment")
                                        ? "deployment \"" + t.name() + "\" successfully rolled out\n"
                                        : "partitioned roll out complete: 1 new pods have been updated...\n");
                    default ->
                        throw new Cluster.Failure(
                                "error: unknown command \"" + sub + "\" for \"kubectl rollout\" (sandbox)\n");
                }
            }
            return printed.toString();
        });
        call.out(out);
    }

    private static void waitFor(Invocation call, List<String> args) {
        Flags f = flags("wait", args, List.of("for", "timeout", "selector|l"), List.of("all"));
        String ns = ns(f);
        String out = Cluster.read(call.root(), s -> {
            StringBuilder printed = new StringBuilder();
            for (Target t : targets(s, f.positional, false, "wait")) {
                List<ObjectNode> objects = t.name() != null
                        ? java.util.stream.Stream.ofNullable(
                                        Cluster.find(s, t.kind().kind(), ns, t.name()))
                                .toList()
                        : Cluster.list(s, t.kind().kind(), ns).stream()
                                .filter(o -> Selector.matches(f.value("selector", ""), o))
                                .toList();
                if (objects.isEmpty()) {
                    throw new Cluster.Failure(
                            t.name() != null ? notFound(t.kind(), t.name()) : "error: no matching resources found\n");
                }
                for (ObjectNode o : objects) {
                    if (Cluster.kind(o).equals("Pod")
                            && !"Running".equals(o.path("status").path("phase").asText())) {
                        throw new Cluster.Failure(
                                "error: timed out waiting for the condition on pods/" + Cluster.name(o) + "\n");
                    }
                    printed.append(t.kind().qualified())
                            .append('/')
                            .append(Cluster.name(o))
                            .append(" condition met\n");
                }
            }
            return printed.toString();
        });
        call.out(out);
    }
}
