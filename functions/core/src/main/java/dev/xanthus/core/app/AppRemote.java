package dev.xanthus.core.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.clients.ssh.CommandResult;
import dev.xanthus.clients.ssh.SshSession;
import dev.xanthus.core.app.catalog.Catalog;
import dev.xanthus.core.app.catalog.CatalogApp;
import dev.xanthus.core.app.catalog.ValuesRenderer;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.remote.AppCommands;
import dev.xanthus.core.remote.RemoteCommand;
import dev.xanthus.core.remote.RemoteValues;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * What the applications function does on a server, over one SSH session: every command comes from
 * {@link AppCommands}; charts, values and manifests are uploaded over SFTP (mode 0600) under
 * {@link AppCommands#WORK_DIR} and applied by path; secrets go over SFTP or standard input, never on a command line.
 */
public final class AppRemote {

    static final String LOCAL_CHART_DIR = AppCommands.WORK_DIR + "/charts/";
    static final List<String> CODE_SERVER_CHART_FILES = List.of(
            "Chart.yaml",
            "values.yaml",
            "templates/deployment.yaml",
            "templates/service.yaml",
            "templates/ingress.yaml",
            "templates/pvc.yaml",
            "templates/secret.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SshSession session;

    public AppRemote(SshSession session) {
        this.session = session;
    }

    public static String appDir(String appId) {
        return AppCommands.WORK_DIR + "/apps/" + RemoteValues.k8sName(appId);
    }

    /** The TLS secret of a domain in an app's namespace, named as the Go program named it. */
    public static String tlsSecretName(String domain) {
        return RemoteValues.objectName(domain + "-tls");
    }

    /** Runs a command; a non-zero exit becomes a 502 with a short, secret-free reason. */
    CommandResult run(RemoteCommand command, String what) {
        CommandResult result = session.run(command.line());
        if (!result.succeeded()) {
            throw failed(what, result);
        }
        return result;
    }

    CommandResult runQuietly(RemoteCommand command) {
        return session.run(command.line());
    }

    /** Runs a command with {@code input} on its standard input (how secrets reach a program); as {@link #run}. */
    CommandResult run(RemoteCommand command, byte[] input, String what) {
        CommandResult result = session.run(command.line(), input);
        if (!result.succeeded()) {
            throw failed(what, result);
        }
        return result;
    }

    static AppException.Upstream failed(String what, CommandResult result) {
        String said = (result.stderr().isBlank() ? result.stdout() : result.stderr()).strip();
        if (said.length() > 400) {
            said = said.substring(said.length() - 400);
        }
        return new AppException.Upstream(
                "REMOTE_COMMAND_FAILED", what + " failed on the server: " + said, Map.of(), null);
    }

    /** Uploads a manifest, applies it, and removes the file (it may hold a key). */
    void apply(String appId, String fileName, String manifest, String what) {
        String path = appDir(appId) + "/" + fileName;
        session.upload(path, manifest.getBytes(StandardCharsets.UTF_8));
        try {
            run(AppCommands.kubectlApply(path), what);
        } finally {
            session.remove(path);
        }
    }

    void namespace(String appId, String namespace) {
        apply(
                appId,
                "namespace.yaml",
                "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + RemoteValues.k8sName(namespace) + "\n",
                "Creating the namespace");
    }

    /** Makes the chart available and returns the chart reference for helm. */
    String chart(CatalogApp app, String version) {
        CatalogApp.HelmChart chart = app.helmChart();
        if (chart.isLocal()) {
            String dir = LOCAL_CHART_DIR + RemoteValues.k8sName(chart.chart());
            for (String file : CODE_SERVER_CHART_FILES) {
                session.upload(dir + "/" + file, resource("catalog/charts/" + chart.chart() + "/" + file));
            }
            return dir;
        }
        if (chart.repository().startsWith("https://github.com/")) {
            String tag = "v" + RemoteValues.version(version).replaceFirst("^v", "");
            String dir = LOCAL_CHART_DIR + RemoteValues.k8sName(app.id()) + "-" + tag.replace('.', '-');
            String[] ownerRepo = chart.repository()
                    .substring("https://github.com/".length())
                    .replaceFirst("\\.git$", "")
                    .split("/");
            String archive = dir + ".tar.gz";
            run(AppCommands.makeDir(dir), "Preparing the chart folder");
            run(AppCommands.downloadTagArchive(ownerRepo[0], ownerRepo[1], tag, archive), "Downloading the chart");
            run(AppCommands.extractArchive(archive, dir), "Unpacking the chart");
            return dir + "/" + chart.chart();
        }
        run(AppCommands.helmRepoAdd(app.id(), chart.repository()), "Adding the Helm repository");
        run(AppCommands.helmRepoUpdate(app.id()), "Updating the Helm repository");
        return app.id() + "/" + chart.chart();
    }

    /** Renders the values template and uploads it; returns its path. */
    String values(Application record, CatalogApp app, String version, String timezone, String secretKey) {
        String rendered = renderValues(record, app, version, timezone, secretKey);
        String path = appDir(record.id()) + "/values.yaml";
        session.upload(path, rendered.getBytes(StandardCharsets.UTF_8));
        return path;
    }

    /** The values file helm is given for {@code record} (the catalog app's template, placeholders filled in). */
    static String renderValues(Application record, CatalogApp app, String version, String timezone, String secretKey) {
        Map<String, String> values = new java.util.HashMap<>();
        values.put("VERSION", version);
        values.put("HOST", record.host());
        values.put("SUBDOMAIN", record.isApex() ? "" : record.subdomain());
        values.put("DOMAIN", record.domain());
        values.put("RELEASE_NAME", record.release());
        values.put("TIMEZONE", timezone);
        values.put("TLS_SECRET", tlsSecretName(record.domain()));
        values.put("SECRET_KEY", secretKey == null ? "" : secretKey);
        return ValuesRenderer.render(Catalog.valuesTemplate(app), values);
    }

    /** The chart version helm is given: the app version for Helm-repository apps, the chart's fixed one otherwise. */
    static String chartVersion(CatalogApp app, String version) {
        return app.versionSource().isHelm() ? version : app.helmChart().version();
    }

    void helm(Application record, String chartRef, String chartVersion, String valuesPath) {
        CommandResult result = runQuietly(AppCommands.helmUpgradeInstall(
                record.release(), chartRef, chartVersion, record.namespace(), valuesPath));
        if (!result.succeeded()) {
            String said = result.stderr() + result.stdout();
            if (said.contains("Insufficient")) {
                throw new AppException.Upstream(
                        "SERVER_TOO_SMALL",
                        "The server has not enough free CPU or memory for " + record.appType() + "; Helm said: "
                                + tail(said),
                        Map.of(),
                        null);
            }
            throw new AppException.Upstream(
                    "HELM_FAILED", "helm upgrade --install failed: " + tail(said), Map.of(), null);
        }
    }

    /** The open-webui session key from the release's current values, so an upgrade keeps users signed in. */
    String currentSecretKey(Application record) {
        CommandResult result = runQuietly(AppCommands.helmValues(record.release(), record.namespace()));
        if (!result.succeeded()) {
            return null;
        }
        try {
            for (JsonNode env : JSON.readTree(result.stdout()).path("extraEnvVars")) {
                if ("WEBUI_SECRET_KEY".equals(env.path("name").asText())) {
                    return env.path("value").asText(null);
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    void tlsSecret(String appId, String namespace, String domain, String certificate, String key) {
        String manifest = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: " + tlsSecretName(domain)
                + "\n  namespace: "
                + RemoteValues.k8sName(namespace) + "\ntype: kubernetes.io/tls\ndata:\n  tls.crt: " + b64(certificate)
                + "\n  tls.key: " + b64(key) + "\n";
        apply(appId, "tls-secret.yaml", manifest, "Creating the TLS secret");
    }

    void uninstall(Application record) {
        run(AppCommands.helmUninstall(record.release(), record.namespace()), "helm uninstall");
    }

    void deleteObject(String kind, String name, String namespace) {
        run(AppCommands.kubectlDelete(kind, name, namespace), "Deleting " + kind + " " + name);
    }

    void deleteVolumes(Application record) {
        run(AppCommands.kubectlDeleteOfRelease("pvc", record.release(), record.namespace()), "Deleting the volumes");
    }

    void cleanFiles(String appId) {
        session.remove(appDir(appId) + "/values.yaml");
    }

    String pod(Application record) {
        String pod = run(AppCommands.podOf(record.release(), record.namespace()), "Finding the pod")
                .stdout()
                .trim();
        if (pod.isEmpty()) {
            throw new AppException.Upstream("APP_NOT_RUNNING", "The application has no running pod.", Map.of(), null);
        }
        return pod;
    }

    /** A key of a secret, decoded; empty when the secret or key is missing. */
    String secretValue(String secret, String namespace, String key) {
        CommandResult result = runQuietly(AppCommands.secretKey(secret, namespace, key));
        if (!result.succeeded() || result.stdout().isBlank()) {
            return "";
        }
        return new String(Base64.getDecoder().decode(result.stdout().trim()), StandardCharsets.UTF_8).strip();
    }

    /** A Service to {@code port} of the app's pod and a Traefik Ingress for {@code host}, applied together. */
    void portForward(Application app, String service, String ingress, int port, String host) {
        String ns = RemoteValues.k8sName(app.namespace());
        String tls = tlsSecretName(app.domain());
        String manifest =
                """
        apiVersion: v1
        kind: Service
        metadata:
          name: %1$s
          namespace: %2$s
          labels:
            app.kubernetes.io/managed-by: xanthus
            xanthus.dev/app-id: %3$s
        spec:
          type: ClusterIP
          selector:
            app.kubernetes.io/name: code-server
            app.kubernetes.io/instance: %4$s
          ports:
            - name: http
              port: 80
              targetPort: %5$d
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: %6$s
          namespace: %2$s
          labels:
            app.kubernetes.io/managed-by: xanthus
            xanthus.dev/app-id: %3$s
          annotations:
            traefik.ingress.kubernetes.io/router.entrypoints: websecure
        spec:
          ingressClassName: traefik
          tls:
            - hosts: [%7$s]
              secretName: %8$s
          rules:
            - host: %7$s
              http:
                paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service:
                        name: %1$s
                        port:
                          number: 80
        """
                        .formatted(
                                RemoteValues.k8sName(service),
                                ns,
                                RemoteValues.k8sName(app.id()),
                                RemoteValues.k8sName(app.release()),
                                port,
                                RemoteValues.k8sName(ingress),
                                ValuesRenderer.quote(host),
                                ValuesRenderer.quote(tls));
        apply(app.id(), "port-forward.yaml", manifest, "Creating the port-forward");
    }

    String token(String serviceAccount, String namespace, long seconds) {
        return run(AppCommands.createToken(serviceAccount, namespace, seconds), "Creating the token")
                .stdout()
                .trim();
    }

    private static String tail(String text) {
        String t = text.strip();
        return t.length() > 400 ? t.substring(t.length() - 400) : t;
    }

    private static String b64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] resource(String path) {
        try (InputStream in = AppRemote.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
