package dev.xanthus.sandbox.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** What installing a chart creates in the cluster: plausible workloads, services, volumes and app secrets. */
final class Charts {

    /** Charts from repositories the sandbox knows: latest version, app version, image, service port. */
    record Known(String version, String appVersion, String image, int port) {}

    static final Map<String, Known> KNOWN = Map.of(
            "argo-cd", new Known("8.1.3", "v3.0.11", "quay.io/argoproj/argocd", 80),
            "headlamp", new Known("0.32.1", "0.32.0", "ghcr.io/headlamp-k8s/headlamp", 80),
            "open-webui", new Known("6.22.0", "0.6.18", "ghcr.io/open-webui/open-webui", 80),
            "code-server", new Known("3.27.0", "4.101.2", "codercom/code-server", 8080));

    static final String RELEASE_ANNOTATION = "meta.helm.sh/release-name";
    static final String WORKLOAD_ANNOTATION = "sandbox.xanthus.dev/workload";
    static final String VOLUME_ANNOTATION = "sandbox.xanthus.dev/volume";
    static final String CODE_SERVER_CONFIG = "/home/coder/.config/code-server/config.yaml";

    private Charts() {}

    static String bcrypt(String password) {
        byte[] salt = new byte[16];
        Cluster.random().nextBytes(salt);
        return OpenBSDBCrypt.generate("2a", password.toCharArray(), salt, 10);
    }

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The volume a pod's files live in: its PVC's, else its own (lost when the pod goes). */
    static String volumeOf(JsonNode pod) {
        String volume =
                pod.path("metadata").path("annotations").path(VOLUME_ANNOTATION).asText("");
        return volume.isEmpty() ? Cluster.namespace(pod) + "/pod:" + Cluster.name(pod) : volume;
    }

    /**
     * Creates or updates the objects of {@code release} at revision {@code revision}; {@code failure} non-null leaves
     * the pods Pending with that message.
     */
    static void deploy(
            Cluster.State s,
            String ns,
            String release,
            String chart,
            String appVersion,
            JsonNode values,
            int revision,
            String failure) {
        Known known = KNOWN.getOrDefault(
                chart,
                KNOWN.entrySet().stream()
                        .filter(e -> chart.contains(e.getKey()))
                        .map(Map.Entry::getValue)
                        .findFirst()
                        .orElse(new Known("1.0.0", appVersion, "docker.io/library/" + chart, 80)));
        String tag = values.path("image").path("tag").asText(appVersion);
        String image = values.path("image").path("repository").asText(known.image()) + ":" + tag;

        putReleaseRecord(s, ns, release, revision, failure);

        ObjectNode sa = owned(s, "v1", "ServiceAccount", ns, release, release);
        putIfAbsent(s, sa);

        if (chart.contains("argo-cd")) {
            deployArgoCd(s, ns, release, image, failure);
            return;
        }
        String volume = null;
        if (chart.contains("code-server") || chart.contains("open-webui")) {
            String size =
                    values.path("persistence").path("size").asText(chart.contains("code-server") ? "10Gi" : "5Gi");
            ObjectNode pvc = owned(s, "v1", "PersistentVolumeClaim", ns, release, release);
            Cluster.annotations(pvc).put("helm.sh/resource-policy", "keep");
            ObjectNode spec = pvc.putObject("spec");
            spec.putArray("accessModes").add("ReadWriteOnce");
            spec.put("storageClassName", "local-path");
            spec.putObject("resources").putObject("requests").put("storage", size);
            pvc.putObject("status").put("phase", "Bound").putObject("capacity").put("storage", size);
            putIfAbsent(s, pvc);
            volume = ns + "/" + release;
        }
        if (chart.contains("code-server")) {
            Map<String, String> files = s.files.computeIfAbsent(volume, k -> new LinkedHashMap<>());
            String password = values.path("password").isTextual()
                    ? values.path("password").asText()
                    : Cluster.password(24);
            files.putIfAbsent(
                    CODE_SERVER_CONFIG,
                    "bind-addr: 127.0.0.1:8080\nauth: password\npassword: " + password + "\ncert: false\n");
        }
        String appName = chart.startsWith("xanthus-") ? chart.substring("xanthus-".length()) : chart;
        deployment(s, ns, release, release, appName, image, volume, failure);
        service(s, ns, release, release, appName, known.port());
        ingress(s, ns, release, values.path("ingress"));
    }

    private static void deployArgoCd(Cluster.State s, String ns, String release, String image, String failure) {
        for (String component : List.of("server", "repo-server", "redis", "applicationset-controller")) {
            deployment(
                    s,
                    ns,
                    release,
                    release + "-" + component,
                    "argocd-" + component,
                    component.equals("redis") ? "public.ecr.aws/docker/library/redis:7.2.8-alpine" : image,
                    null,
                    failure);
        }
        statefulSet(
                s, ns, release, release + "-application-controller", "argocd-application-controller", image, failure);
        service(s, ns, release, release + "-server", "argocd-server", 80);
        service(s, ns, release, release + "-repo-server", "argocd-repo-server", 8081);
        service(s, ns, release, release + "-redis", "argocd-redis", 6379);

        // argocd-server writes the initial admin secret itself (not part of the release: uninstall keeps it)
        ObjectNode initial = Cluster.find(s, "Secret", ns, "argocd-initial-admin-secret");
        String password;
        if (initial == null) {
            password = Cluster.password(16);
            initial = Cluster.object(s, "v1", "Secret", ns, "argocd-initial-admin-secret");
            initial.put("type", "Opaque");
            initial.putObject("data").put("password", b64(password));
            Cluster.put(s, initial);
        } else {
            password = new String(
                    Base64.getDecoder()
                            .decode(initial.path("data").path("password").asText("")),
                    StandardCharsets.UTF_8);
        }
        if (Cluster.find(s, "Secret", ns, "argocd-secret") == null) {
            ObjectNode secret = owned(s, "v1", "Secret", ns, "argocd-secret", release);
            Cluster.labels(secret)
                    .put("app.kubernetes.io/name", "argocd-secret")
                    .put("app.kubernetes.io/part-of", "argocd");
            secret.put("type", "Opaque");
            secret.putObject("data")
                    .put("admin.password", b64(bcrypt(password)))
                    .put("admin.passwordMtime", b64(Cluster.now()))
                    .put("server.secretkey", b64(Cluster.password(32)));
            Cluster.put(s, secret);
        }
        ObjectNode cm = owned(s, "v1", "ConfigMap", ns, "argocd-cm", release);
        cm.putObject("data").put("admin.enabled", "true");
        putIfAbsent(s, cm);
    }

    /** An object labelled and annotated as part of {@code release}. */
    static ObjectNode owned(Cluster.State s, String apiVersion, String kind, String ns, String name, String release) {
        ObjectNode o = Cluster.object(s, apiVersion, kind, ns, name);
        Cluster.labels(o).put("app.kubernetes.io/instance", release).put("app.kubernetes.io/managed-by", "Helm");
        Cluster.annotations(o).put(RELEASE_ANNOTATION, release).put("meta.helm.sh/release-namespace", ns);
        return o;
    }

    private static void putIfAbsent(Cluster.State s, ObjectNode o) {
        if (Cluster.find(s, Cluster.kind(o), Cluster.namespace(o), Cluster.name(o)) == null) {
            Cluster.put(s, o);
        }
    }

    private static void deployment(
            Cluster.State s,
            String ns,
            String release,
            String name,
            String appName,
            String image,
            String volume,
            String failure) {
        ObjectNode deploy = owned(s, "apps/v1", "Deployment", ns, name, release);
        Cluster.labels(deploy).put("app.kubernetes.io/name", appName);
        ObjectNode template = oneReplica(deploy, release, appName);
        template.putObject("metadata")
                .putObject("labels")
                .put("app.kubernetes.io/instance", release)
                .put("app.kubernetes.io/name", appName);
        container(template, appName, image);
        if (volume != null) {
            Cluster.annotations(deploy).put(VOLUME_ANNOTATION, volume);
        }
        ObjectNode status = deploy.putObject("status");
        int ready = failure == null ? 1 : 0;
        status.put("replicas", 1)
                .put("readyReplicas", ready)
                .put("availableReplicas", ready)
                .put("updatedReplicas", 1);
        ObjectNode previous = Cluster.find(s, "Deployment", ns, name);
        if (previous != null) {
            deploy.set("metadata", previous.get("metadata").deepCopy());
            Cluster.labels(deploy).put("app.kubernetes.io/name", appName);
        }
        Cluster.put(s, deploy);
        replacePods(s, deploy, failure);
    }

    /** A workload's spec of one replica selected by release and app name; returns its (empty) pod template. */
    private static ObjectNode oneReplica(ObjectNode workload, String release, String appName) {
        ObjectNode spec = workload.putObject("spec").put("replicas", 1);
        spec.putObject("selector")
                .putObject("matchLabels")
                .put("app.kubernetes.io/instance", release)
                .put("app.kubernetes.io/name", appName);
        return spec.putObject("template");
    }

    private static void container(ObjectNode template, String appName, String image) {
        template.putObject("spec")
                .putArray("containers")
                .addObject()
                .put("name", appName)
                .put("image", image);
    }

    private static void statefulSet(
            Cluster.State s, String ns, String release, String name, String appName, String image, String failure) {
        ObjectNode sts = owned(s, "apps/v1", "StatefulSet", ns, name, release);
        Cluster.labels(sts).put("app.kubernetes.io/name", appName);
        container(oneReplica(sts, release, appName), appName, image);
        sts.putObject("status").put("replicas", 1).put("readyReplicas", failure == null ? 1 : 0);
        Cluster.put(s, sts);
        replacePods(s, sts, failure);
    }

    /** Replaces the pods of a Deployment or StatefulSet with fresh ones (a rollout). */
    static void replacePods(Cluster.State s, ObjectNode workload, String failure) {
        String ns = Cluster.namespace(workload);
        String key = Cluster.kind(workload) + "/" + Cluster.name(workload);
        for (ObjectNode pod : new ArrayList<>(Cluster.list(s, "Pod", ns))) {
            if (key.equals(pod.path("metadata")
                    .path("annotations")
                    .path(WORKLOAD_ANNOTATION)
                    .asText())) {
                Cluster.remove(s, "Pod", ns, Cluster.name(pod));
                if (volumeOf(pod).contains("/pod:")) {
                    s.files.remove(volumeOf(pod));
                }
            }
        }
        Cluster.put(s, newPod(s, workload, failure));
    }

    /** A pod of {@code workload}: {@code <deployment>-<hash>-<suffix>} or {@code <statefulset>-0}. */
    static ObjectNode newPod(Cluster.State s, ObjectNode workload, String failure) {
        String ns = Cluster.namespace(workload);
        String name = Cluster.name(workload);
        boolean sts = Cluster.kind(workload).equals("StatefulSet");
        String hash = Cluster.hex(10);
        String podName = sts ? name + "-0" : name + "-" + hash + "-" + Cluster.alnum(5);
        Map<String, String> labels = new LinkedHashMap<>();
        workload.path("spec")
                .path("selector")
                .path("matchLabels")
                .fields()
                .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        if (!sts) {
            labels.put("pod-template-hash", hash);
        }
        JsonNode container = workload.path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .path(0);
        ObjectNode pod =
                Cluster.pod(s, ns, podName, labels, container.path("image").asText());
        ((ObjectNode) pod.path("spec").path("containers").path(0))
                .put("name", container.path("name").asText());
        ((ObjectNode) pod.path("status").path("containerStatuses").path(0))
                .put("name", container.path("name").asText());
        ObjectNode annotations = Cluster.annotations(pod);
        annotations.put(WORKLOAD_ANNOTATION, Cluster.kind(workload) + "/" + name);
        String volume = workload.path("metadata")
                .path("annotations")
                .path(VOLUME_ANNOTATION)
                .asText("");
        if (!volume.isEmpty()) {
            annotations.put(VOLUME_ANNOTATION, volume);
        }
        ArrayNode owners = ((ObjectNode) pod.path("metadata")).putArray("ownerReferences");
        owners.addObject()
                .put("apiVersion", "apps/v1")
                .put("kind", sts ? "StatefulSet" : "ReplicaSet")
                .put("name", sts ? name : name + "-" + hash)
                .put("controller", true);
        if (failure != null) {
            ObjectNode status = (ObjectNode) pod.path("status");
            status.put("phase", "Pending");
            status.remove("containerStatuses");
            status.remove("podIP");
            status.putArray("conditions")
                    .addObject()
                    .put("type", "PodScheduled")
                    .put("status", "False")
                    .put("reason", "Unschedulable")
                    .put("message", failure);
        }
        return pod;
    }

    private static void service(Cluster.State s, String ns, String release, String name, String appName, int port) {
        ObjectNode svc = owned(s, "v1", "Service", ns, name, release);
        Cluster.labels(svc).put("app.kubernetes.io/name", appName);
        ObjectNode spec = svc.putObject("spec")
                .put("type", "ClusterIP")
                .put(
                        "clusterIP",
                        "10.43." + Cluster.random().nextInt(256) + "."
                                + (1 + Cluster.random().nextInt(254)));
        spec.putArray("ports")
                .addObject()
                .put("name", "http")
                .put("port", port)
                .put("targetPort", port)
                .put("protocol", "TCP");
        spec.putObject("selector").put("app.kubernetes.io/instance", release).put("app.kubernetes.io/name", appName);
        ObjectNode previous = Cluster.find(s, "Service", ns, name);
        if (previous != null) {
            spec.put("clusterIP", previous.path("spec").path("clusterIP").asText());
        }
        Cluster.put(s, svc);
    }

    /** An Ingress when the values enable one ({@code ingress.enabled}, hosts as {@code hosts[].host} or {@code hostname}). */
    private static void ingress(Cluster.State s, String ns, String release, JsonNode values) {
        if (!values.path("enabled").asBoolean(false)) {
            return;
        }
        List<String> hosts = new ArrayList<>();
        values.path("hosts")
                .forEach(h ->
                        hosts.add(h.isTextual() ? h.asText() : h.path("host").asText()));
        if (values.hasNonNull("hostname")) {
            hosts.add(values.path("hostname").asText());
        }
        ObjectNode ing = owned(s, "networking.k8s.io/v1", "Ingress", ns, release, release);
        ObjectNode spec = ing.putObject("spec")
                .put("ingressClassName", values.path("className").asText("traefik"));
        ArrayNode rules = spec.putArray("rules");
        for (String host : hosts) {
            ObjectNode backend = rules.addObject()
                    .put("host", host)
                    .putObject("http")
                    .putArray("paths")
                    .addObject()
                    .put("path", "/")
                    .put("pathType", "Prefix")
                    .putObject("backend")
                    .putObject("service");
            backend.put("name", release).putObject("port").put("name", "http");
        }
        if (values.path("tls").isArray() && !values.path("tls").isEmpty()) {
            spec.set("tls", values.path("tls").deepCopy());
        }
        Cluster.put(s, ing);
    }

    /**
     * A local chart rendered by real Helm ({@code helm template}, through helm-java), as {@code helm install} would send
     * it to the cluster; a template error fails as helm's does.
     */
    static List<ObjectNode> render(
            Path chart, String release, String ns, List<Path> valuesFiles, Map<String, String> set, String what) {
        com.marcnuri.helm.TemplateCommand template =
                new com.marcnuri.helm.Helm(chart).template().withName(release).withNamespace(ns);
        valuesFiles.forEach(template::withValuesFile);
        set.forEach(template::set);
        String manifests;
        try {
            manifests = template.call();
        } catch (RuntimeException e) {
            String said = e.getMessage() == null ? e.toString() : e.getMessage().strip();
            throw new Cluster.Failure("Error: " + what + ": " + said + "\n");
        }
        return Kubectl.documents(manifests, "helm template");
    }

    /** The release record Helm 3 keeps as a Secret ({@code sh.helm.release.v1.<release>.v<revision>}). */
    private static void putReleaseRecord(Cluster.State s, String ns, String release, int revision, String failure) {
        ObjectNode record = owned(s, "v1", "Secret", ns, "sh.helm.release.v1." + release + ".v" + revision, release);
        record.put("type", "helm.sh/release.v1");
        Cluster.labels(record)
                .put("owner", "helm")
                .put("name", release)
                .put("version", Integer.toString(revision))
                .put("status", failure == null ? "deployed" : "failed");
        record.putObject("data").put("release", b64("{\"name\":\"" + release + "\",\"version\":" + revision + "}"));
        Cluster.put(s, record);
    }

    /**
     * Stores what real Helm rendered for {@code release} (objects applied as the API server takes them, labelled and
     * annotated as Helm 3 marks what it owns), removes the release's objects the new manifests no longer have, and plays
     * the parts of the containers Xanthus reads back (code-server's config file on its volume).
     */
    static void deployRendered(
            Cluster.State s, String ns, String release, List<ObjectNode> rendered, int revision, String failure) {
        putReleaseRecord(s, ns, release, revision, failure);

        java.util.Set<String> kept = new java.util.HashSet<>();
        for (ObjectNode doc : rendered) {
            ObjectNode o = doc.deepCopy();
            Cluster.labels(o).put("app.kubernetes.io/managed-by", "Helm");
            Cluster.annotations(o).put(RELEASE_ANNOTATION, release).put("meta.helm.sh/release-namespace", ns);
            String claim = claimOf(o);
            if (claim != null) {
                Cluster.annotations(o).put(VOLUME_ANNOTATION, ns + "/" + claim);
            }
            String kind = o.path("kind").asText();
            if (kind.equals("PersistentVolumeClaim")
                    && Cluster.find(s, kind, ns, Cluster.name(o)) != null
                    && "keep"
                            .equals(o.at("/metadata/annotations/helm.sh~1resource-policy")
                                    .asText())) {
                kept.add(kind + "/" + Cluster.name(o)); // a kept volume survives reinstalls as it is
                continue;
            }
            Kubectl.applyOne(s, o, "helm", ns, false);
            ObjectNode stored = Cluster.find(s, kind, ns, Cluster.name(o));
            Cluster.annotations(stored).remove(Kubectl.LAST_APPLIED);
            kept.add(kind + "/" + Cluster.name(o));
            if (kind.equals("PersistentVolumeClaim")) {
                String size = stored.at("/spec/resources/requests/storage").asText();
                ((ObjectNode) stored.path("status")).putObject("capacity").put("storage", size);
            }
            if (kind.equals("Deployment") || kind.equals("StatefulSet")) {
                int ready = failure == null ? 1 : 0;
                stored.putObject("status")
                        .put("replicas", 1)
                        .put("readyReplicas", ready)
                        .put("availableReplicas", ready)
                        .put("updatedReplicas", 1);
                if (failure != null) {
                    replacePods(s, stored, failure);
                }
                containerStarts(s, ns, release, stored);
            }
        }
        for (ObjectNode o : new ArrayList<>(s.objects)) {
            boolean ours = release.equals(o.at("/metadata/annotations/meta.helm.sh~1release-name")
                            .asText())
                    && ns.equals(Cluster.namespace(o))
                    && !Cluster.kind(o).equals("Pod")
                    && !Cluster.name(o).startsWith("sh.helm.release.v1.");
            if (ours
                    && !kept.contains(Cluster.kind(o) + "/" + Cluster.name(o))
                    && !"keep"
                            .equals(o.at("/metadata/annotations/helm.sh~1resource-policy")
                                    .asText())) {
                s.objects.remove(o);
            }
        }
    }

    /** The PVC a workload's pods mount, if any. */
    private static String claimOf(ObjectNode workload) {
        for (JsonNode volume : workload.at("/spec/template/spec/volumes")) {
            String claim = volume.at("/persistentVolumeClaim/claimName").asText("");
            if (!claim.isEmpty()) {
                return claim;
            }
        }
        return null;
    }

    /**
     * code-server's first start: its init container copies the chart's initial config (when the release set a
     * password) unless the volume has one, else code-server writes one with a random password, as the image does.
     */
    private static void containerStarts(Cluster.State s, String ns, String release, ObjectNode workload) {
        String image = workload.at("/spec/template/spec/containers/0/image").asText();
        String claim = claimOf(workload);
        if (!image.startsWith("codercom/code-server:") || claim == null) {
            return;
        }
        Map<String, String> files = s.files.computeIfAbsent(ns + "/" + claim, k -> new LinkedHashMap<>());
        String initial = null;
        for (JsonNode volume : workload.at("/spec/template/spec/volumes")) {
            String secret = volume.at("/secret/secretName").asText("");
            ObjectNode found = secret.isEmpty() ? null : Cluster.find(s, "Secret", ns, secret);
            if (found != null
                    && workload.at("/spec/template/spec/initContainers").size() > 0) {
                initial = new String(
                        Base64.getDecoder().decode(found.at("/data/config.yaml").asText("")), StandardCharsets.UTF_8);
            }
        }
        files.putIfAbsent(
                CODE_SERVER_CONFIG,
                initial != null
                        ? initial
                        : "bind-addr: 127.0.0.1:8080\nauth: password\npassword: " + Cluster.password(24)
                                + "\ncert: false\n");
    }

    /** Removes what {@code release} created, but its PVCs marked {@code helm.sh/resource-policy: keep}, as helm does. */
    static void uninstall(Cluster.State s, String ns, String release) {
        List<ObjectNode> gone = new ArrayList<>();
        for (ObjectNode o : s.objects) {
            JsonNode annotations = o.path("metadata").path("annotations");
            boolean ownedByRelease =
                    release.equals(annotations.path(RELEASE_ANNOTATION).asText()) && ns.equals(Cluster.namespace(o));
            boolean helmRecord = Cluster.kind(o).equals("Secret")
                    && ns.equals(Cluster.namespace(o))
                    && Cluster.name(o).startsWith("sh.helm.release.v1." + release + ".v");
            boolean kept =
                    "keep".equals(annotations.path("helm.sh/resource-policy").asText());
            boolean podOfRelease = Cluster.kind(o).equals("Pod")
                    && ns.equals(Cluster.namespace(o))
                    && release.equals(o.path("metadata")
                            .path("labels")
                            .path("app.kubernetes.io/instance")
                            .asText());
            if ((ownedByRelease && !kept) || helmRecord || podOfRelease) {
                gone.add(o);
            }
        }
        for (ObjectNode o : gone) {
            s.objects.remove(o);
            if (Cluster.kind(o).equals("Pod")) {
                String volume = volumeOf(o);
                if (volume.contains("/pod:")) {
                    s.files.remove(volume);
                }
            }
        }
    }
}
