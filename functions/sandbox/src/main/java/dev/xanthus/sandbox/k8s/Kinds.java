package dev.xanthus.sandbox.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/** The resource types kubectl knows by name, and how a name typed on the command line maps to one. */
final class Kinds {

    record Kind(String kind, String apiVersion, boolean namespaced, String plural, List<String> aliases) {

        String group() {
            int slash = apiVersion.indexOf('/');
            return slash < 0 ? "" : apiVersion.substring(0, slash);
        }

        /** {@code deployment.apps}, {@code ingress.networking.k8s.io}, {@code pod}: how kubectl prints the type. */
        String qualified() {
            String lower = kind.toLowerCase(Locale.ROOT);
            return group().isEmpty() ? lower : lower + "." + group();
        }

        boolean matches(String typed) {
            String t = typed.toLowerCase(Locale.ROOT);
            String lower = kind.toLowerCase(Locale.ROOT);
            return t.equals(lower)
                    || t.equals(plural)
                    || aliases.contains(t)
                    || t.equals(lower + "." + group())
                    || t.equals(plural + "." + group());
        }
    }

    static final List<Kind> KNOWN = List.of(
            new Kind("Pod", "v1", true, "pods", List.of("po")),
            new Kind("Service", "v1", true, "services", List.of("svc")),
            new Kind("Secret", "v1", true, "secrets", List.of()),
            new Kind("ConfigMap", "v1", true, "configmaps", List.of("cm")),
            new Kind("PersistentVolumeClaim", "v1", true, "persistentvolumeclaims", List.of("pvc")),
            new Kind("ServiceAccount", "v1", true, "serviceaccounts", List.of("sa")),
            new Kind("Namespace", "v1", false, "namespaces", List.of("ns")),
            new Kind("Node", "v1", false, "nodes", List.of("no")),
            new Kind("Deployment", "apps/v1", true, "deployments", List.of("deploy")),
            new Kind("StatefulSet", "apps/v1", true, "statefulsets", List.of("sts")),
            new Kind("Ingress", "networking.k8s.io/v1", true, "ingresses", List.of("ing")),
            new Kind("ClusterRole", "rbac.authorization.k8s.io/v1", false, "clusterroles", List.of()),
            new Kind("ClusterRoleBinding", "rbac.authorization.k8s.io/v1", false, "clusterrolebindings", List.of()),
            new Kind(
                    "CustomResourceDefinition",
                    "apiextensions.k8s.io/v1",
                    false,
                    "customresourcedefinitions",
                    List.of("crd", "crds")));

    private Kinds() {}

    /** The type {@code typed} names: a known one, else one of the kinds applied to this cluster; null when neither. */
    static Kind lookup(String typed, Iterable<JsonNode> objects) {
        for (Kind kind : KNOWN) {
            if (kind.matches(typed)) {
                return kind;
            }
        }
        for (JsonNode object : objects) {
            Kind applied =
                    of(object.path("kind").asText(), object.path("apiVersion").asText());
            if (applied.matches(typed)) {
                return applied;
            }
        }
        return null;
    }

    /** The type of an object with this kind and apiVersion (custom kinds are namespaced). */
    static Kind of(String kind, String apiVersion) {
        for (Kind known : KNOWN) {
            if (known.kind().equals(kind)) {
                return known;
            }
        }
        String lower = kind.toLowerCase(Locale.ROOT);
        String plural = lower.endsWith("s")
                ? lower + "es"
                : lower.endsWith("y") ? lower.substring(0, lower.length() - 1) + "ies" : lower + "s";
        return new Kind(kind, apiVersion, true, plural, List.of());
    }
}
