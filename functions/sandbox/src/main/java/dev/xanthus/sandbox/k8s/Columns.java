package dev.xanthus.sandbox.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The columns {@code kubectl get} prints for each kind. */
final class Columns {

    private Columns() {}

    static List<String> header(String kind) {
        return switch (kind) {
            case "Pod" -> List.of("NAME", "READY", "STATUS", "RESTARTS", "AGE");
            case "Service" -> List.of("NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE");
            case "Secret" -> List.of("NAME", "TYPE", "DATA", "AGE");
            case "ConfigMap" -> List.of("NAME", "DATA", "AGE");
            case "Ingress" -> List.of("NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE");
            case "PersistentVolumeClaim" ->
                List.of(
                        "NAME",
                        "STATUS",
                        "VOLUME",
                        "CAPACITY",
                        "ACCESS MODES",
                        "STORAGECLASS",
                        "VOLUMEATTRIBUTESCLASS",
                        "AGE");
            case "Namespace" -> List.of("NAME", "STATUS", "AGE");
            case "Deployment" -> List.of("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE");
            case "StatefulSet" -> List.of("NAME", "READY", "AGE");
            case "Node" -> List.of("NAME", "STATUS", "ROLES", "AGE", "VERSION");
            case "ServiceAccount" -> List.of("NAME", "SECRETS", "AGE");
            default -> List.of("NAME", "AGE");
        };
    }

    static List<String> row(JsonNode o) {
        String name = Cluster.name(o);
        String age = Cluster.age(o);
        JsonNode spec = o.path("spec");
        JsonNode status = o.path("status");
        return switch (Cluster.kind(o)) {
            case "Pod" -> {
                JsonNode cs = status.path("containerStatuses").path(0);
                boolean ready = cs.path("ready").asBoolean(false);
                int total = Math.max(1, spec.path("containers").size());
                yield List.of(
                        name,
                        (ready ? total : 0) + "/" + total,
                        status.path("phase").asText("Pending"),
                        Integer.toString(cs.path("restartCount").asInt(0)),
                        age);
            }
            case "Service" -> {
                List<String> ports = new ArrayList<>();
                spec.path("ports")
                        .forEach(p -> ports.add(p.path("port").asText() + "/"
                                + p.path("protocol").asText("TCP")));
                yield List.of(
                        name,
                        spec.path("type").asText("ClusterIP"),
                        spec.path("clusterIP").asText("<none>"),
                        "<none>",
                        ports.isEmpty() ? "<none>" : String.join(",", ports),
                        age);
            }
            case "Secret" ->
                List.of(
                        name,
                        o.path("type").asText("Opaque"),
                        Integer.toString(o.path("data").size()),
                        age);
            case "ConfigMap" -> List.of(name, Integer.toString(o.path("data").size()), age);
            case "Ingress" -> {
                List<String> hosts = new ArrayList<>();
                spec.path("rules").forEach(r -> hosts.add(r.path("host").asText("*")));
                yield List.of(
                        name,
                        spec.path("ingressClassName").asText("<none>"),
                        hosts.isEmpty() ? "*" : String.join(",", hosts),
                        "",
                        spec.path("tls").isEmpty() ? "80" : "80, 443",
                        age);
            }
            case "PersistentVolumeClaim" ->
                List.of(
                        name,
                        status.path("phase").asText("Pending"),
                        "pvc-" + o.path("metadata").path("uid").asText(),
                        spec.path("resources").path("requests").path("storage").asText(""),
                        spec.path("accessModes").path(0).asText("").equals("ReadWriteOnce")
                                ? "RWO"
                                : spec.path("accessModes").path(0).asText(""),
                        spec.path("storageClassName").asText("local-path"),
                        "<unset>",
                        age);
            case "Namespace" -> List.of(name, status.path("phase").asText("Active"), age);
            case "Deployment" -> {
                int replicas = spec.path("replicas").asInt(1);
                int ready = status.path("readyReplicas").asInt(replicas);
                yield List.of(name, ready + "/" + replicas, Integer.toString(replicas), Integer.toString(ready), age);
            }
            case "StatefulSet" ->
                List.of(
                        name,
                        status.path("readyReplicas").asInt(1) + "/"
                                + spec.path("replicas").asInt(1),
                        age);
            case "Node" -> List.of(name, "Ready", "control-plane,master", age, Cluster.NODE_VERSION);
            case "ServiceAccount" -> List.of(name, "0", age);
            default -> List.of(name, age);
        };
    }
}
