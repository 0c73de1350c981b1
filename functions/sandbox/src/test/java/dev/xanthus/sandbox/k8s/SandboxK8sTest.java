package dev.xanthus.sandbox.k8s;

import static dev.xanthus.sandbox.ssh.SshTestClient.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.sandbox.ssh.SandboxServer;
import dev.xanthus.sandbox.ssh.SandboxServers;
import dev.xanthus.sandbox.ssh.SshTestClient;
import dev.xanthus.sandbox.ssh.SshTestClient.Result;
import dev.xanthus.sandbox.ssh.Stage;
import dev.xanthus.sandbox.testing.XanthusUserData;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.xfer.FileSystemFile;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** helm and kubectl on a sandbox server, driven over real SSH with a pinned host key, as the product will run them. */
@Timeout(30)
class SandboxK8sTest {

    private static final KeyPair KEY = SshTestClient.newRsaKey();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SandboxServers servers;
    private static SandboxServer server;
    private static SandboxK8s k8s;

    @BeforeAll
    static void start() throws Exception {
        servers = new SandboxServers(SandboxServers.Config.instant());
        // K3s and Helm come from Xanthus's own cloud-init, run by the server as it boots
        server = servers.create(
                "k8s-1",
                List.of(SshTestClient.authorizedKeyLine(KEY)),
                List.of("root"),
                XanthusUserData.hetzner("k8s-1", "UTC"));
        assertThat(eventually(Duration.ofSeconds(20), SandboxK8sTest::ready)).isTrue();
        k8s = SandboxK8s.of(server);
        k8s.setHelmWait(Duration.ofMillis(100));
    }

    @AfterAll
    static void stop() {
        servers.close();
    }

    /** The status file is rewritten at each stage: a read can catch it empty. */
    private static boolean ready() {
        try {
            return server.stage() == Stage.READY;
        } catch (RuntimeException rewritten) {
            return false;
        }
    }

    private static SshTestClient ssh() throws IOException {
        return SshTestClient.connect(server.sshAddress(), server.hostKeyFingerprint(), KEY);
    }

    private static void upload(SshTestClient ssh, Path local, String remote) throws IOException {
        try (SFTPClient sftp = ssh.ssh().newSFTPClient()) {
            sftp.mkdirs(remote.substring(0, remote.lastIndexOf('/')));
            sftp.put(new FileSystemFile(local.toFile()), remote);
        }
    }

    private static Result ok(SshTestClient ssh, String command) throws IOException {
        Result r = ssh.exec(command);
        assertThat(r.exitStatus()).as(command + "\nstderr: " + r.err()).isZero();
        return r;
    }

    @Test
    void githubTagArchive_shouldDownloadAndUnpack_intoTheServersFolder_andAMissingTagShouldFailAsCurlF(
            @TempDir Path local) throws Exception {
        try (SshTestClient ssh = ssh()) {
            String url = "https://codeload.github.com/chrishham/xanthus/tar.gz/refs/tags/v0.9.1";
            ok(
                    ssh,
                    "mkdir -p /var/lib/xanthus/charts/xa && curl -fsSL --retry 3 -o /var/lib/xanthus/charts/xa.tar.gz "
                            + url);
            // GitHub names the archive's top folder <repo>-<tag without its v>
            assertThat(ok(ssh, "tar -tzf /var/lib/xanthus/charts/xa.tar.gz").out())
                    .contains("xanthus-0.9.1/charts/xanthus-platform/Chart.yaml");
            ok(ssh, "tar -xzf /var/lib/xanthus/charts/xa.tar.gz -C /var/lib/xanthus/charts/xa --strip-components=1");
            assertThat(server.root().resolve("var/lib/xanthus/charts/xa/charts/xanthus-platform/Chart.yaml"))
                    .content()
                    .contains("name: xanthus-platform");
            ok(
                    ssh,
                    "helm --kubeconfig /etc/rancher/k3s/k3s.yaml upgrade --install xa-xanthus "
                            + "/var/lib/xanthus/charts/xa/charts/xanthus-platform -n xanthus --create-namespace");
            assertThat(k8s.release("xanthus", "xa-xanthus").orElseThrow().chart())
                    .isEqualTo("xanthus-platform");

            // a chart real helm cannot render fails as helm does
            Path bad = Files.createDirectories(local.resolve("bad/templates"));
            Files.writeString(local.resolve("bad/Chart.yaml"), "apiVersion: v2\nname: bad\nversion: 1.0.0\n");
            Files.writeString(
                    bad.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ nosuchfunc }}\n");
            upload(ssh, local.resolve("bad/Chart.yaml"), "/var/lib/xanthus/charts/bad/Chart.yaml");
            upload(ssh, bad.resolve("cm.yaml"), "/var/lib/xanthus/charts/bad/templates/cm.yaml");
            Result unrenderable = ssh.exec("helm --kubeconfig /etc/rancher/k3s/k3s.yaml upgrade --install bad "
                    + "/var/lib/xanthus/charts/bad -n xanthus");
            assertThat(unrenderable.exitStatus()).isEqualTo(1);
            assertThat(unrenderable.err()).startsWith("Error: ").contains("function \"nosuchfunc\" not defined");
            assertThat(k8s.release("xanthus", "bad")).isEmpty();

            Result missing = ssh.exec("curl -fsSL -o /var/lib/xanthus/charts/nope.tar.gz "
                    + "https://codeload.github.com/chrishham/xanthus/tar.gz/refs/tags/v9.9.9");
            assertThat(missing.exitStatus()).isEqualTo(22);
            assertThat(missing.err()).contains("404");
            assertThat(server.root().resolve("var/lib/xanthus/charts/nope.tar.gz"))
                    .doesNotExist();
            // kubectl takes global flags before the verb, and keeps them out of the container's command
            assertThat(ok(ssh, "kubectl --kubeconfig /etc/rancher/k3s/k3s.yaml get namespace xanthus -o name")
                            .out())
                    .isEqualTo("namespace/xanthus\n");
        }
    }

    @Test
    void helm_shouldRecordVersionAndRevision_whenInstalledThenUpgraded(@TempDir Path local) throws Exception {
        Path values = Files.writeString(local.resolve("values.yaml"), "server:\n  ingress:\n    enabled: true\n");
        try (SshTestClient ssh = ssh()) {
            upload(ssh, values, "/tmp/xanthus/demo-argocd-values.yaml");
            assertThat(ok(ssh, "helm repo add argocd https://argoproj.github.io/argo-helm")
                            .out())
                    .isEqualTo("\"argocd\" has been added to your repositories\n");
            assertThat(ok(ssh, "helm repo update").out()).contains("Successfully got an update from the \"argocd\"");

            Result install = ok(
                    ssh,
                    "helm --kubeconfig /etc/rancher/k3s/k3s.yaml upgrade --install demo-argocd argocd/argo-cd --version 8.0.0 -n argocd "
                            + "--create-namespace -f /tmp/xanthus/demo-argocd-values.yaml --wait --timeout 10m");
            assertThat(install.out())
                    .contains(
                            "Release \"demo-argocd\" does not exist. Installing it now.",
                            "STATUS: deployed",
                            "REVISION: 1");
            SandboxK8s.Release release = k8s.release("argocd", "demo-argocd").orElseThrow();
            assertThat(release.version()).isEqualTo("8.0.0");
            assertThat(release.argv()).containsSequence("--version", "8.0.0");
            assertThat(release.valuesYaml()).contains("enabled: true");
            assertThat(release.values().at("/server/ingress/enabled").asBoolean())
                    .isTrue();

            ok(
                    ssh,
                    "helm --kubeconfig /etc/rancher/k3s/k3s.yaml upgrade --install demo-argocd argocd/argo-cd --version 8.1.3 -n argocd "
                            + "-f /tmp/xanthus/demo-argocd-values.yaml --wait --timeout 10m");
            release = k8s.release("argocd", "demo-argocd").orElseThrow();
            assertThat(release.revision()).isEqualTo(2);
            assertThat(release.version()).isEqualTo("8.1.3");
            assertThat(release.appVersion()).isEqualTo("v3.0.11");
            assertThat(release.history().get(0).status()).isEqualTo("superseded");

            JsonNode list = JSON.readTree(ok(ssh, "helm --kubeconfig /etc/rancher/k3s/k3s.yaml list -n argocd -o json")
                    .out());
            assertThat(list).hasSize(1);
            assertThat(list.get(0).get("chart").asText()).isEqualTo("argo-cd-8.1.3");
            assertThat(list.get(0).get("revision").asText()).isEqualTo("2");
            assertThat(list.get(0).get("status").asText()).isEqualTo("deployed");
            assertThat(JSON.readTree(ok(ssh, "helm --kubeconfig /etc/rancher/k3s/k3s.yaml list -A -o json")
                                    .out())
                            .size())
                    .isGreaterThanOrEqualTo(1);
            assertThat(JSON.readTree(ok(
                                            ssh,
                                            "helm --kubeconfig /etc/rancher/k3s/k3s.yaml status demo-argocd -n argocd -o json")
                                    .out())
                            .at("/info/status")
                            .asText())
                    .isEqualTo("deployed");
            assertThat(JSON.readTree(ok(
                                            ssh,
                                            "helm --kubeconfig /etc/rancher/k3s/k3s.yaml get values demo-argocd -n argocd -o json")
                                    .out())
                            .at("/server/ingress/enabled")
                            .asBoolean())
                    .isTrue();

            Result missing = ssh.exec("helm --kubeconfig /etc/rancher/k3s/k3s.yaml status nope -n argocd");
            assertThat(missing.exitStatus()).isEqualTo(1);
            assertThat(missing.err()).isEqualTo("Error: release: not found\n");
            Result badRepo =
                    ssh.exec("helm --kubeconfig /etc/rancher/k3s/k3s.yaml upgrade --install x nosuch/chart -n argocd");
            assertThat(badRepo.err()).contains("repo nosuch not found");

            // helm has no K3s default: without --kubeconfig it looks for the API on localhost:8080, as on a real server
            Result noKubeconfig = ssh.exec("helm status demo-argocd -n argocd");
            assertThat(noKubeconfig.exitStatus()).isEqualTo(1);
            assertThat(noKubeconfig.err()).contains("Kubernetes cluster unreachable", "localhost:8080");
            Result wrongKubeconfig =
                    ssh.exec("helm --kubeconfig /etc/rancher/k3s/nope.yaml status demo-argocd -n argocd");
            assertThat(wrongKubeconfig.err()).contains("stat /etc/rancher/k3s/nope.yaml: no such file or directory");
        }
    }

    @Test
    void codeServer_passwordShouldBeReadable_andReplaceable_throughExec(@TempDir Path local) throws Exception {
        try (SshTestClient ssh = ssh()) {
            installCodeServer(ssh, local, "cs1");
            // what real helm rendered from the chart, not a stand-in: its strategy, probe, ingress host and no password
            // secret
            JsonNode deployment =
                    k8s.object("Deployment", "code-server", "cs1-code-server").orElseThrow();
            assertThat(deployment.at("/spec/strategy/type").asText()).isEqualTo("Recreate");
            assertThat(deployment
                            .at("/spec/template/spec/containers/0/readinessProbe/httpGet/path")
                            .asText())
                    .isEqualTo("/healthz");
            assertThat(deployment
                            .at("/metadata/annotations/meta.helm.sh~1release-name")
                            .asText())
                    .isEqualTo("cs1-code-server");
            assertThat(k8s.object("Ingress", "code-server", "cs1-code-server")
                            .orElseThrow()
                            .at("/spec/rules/0/host")
                            .asText())
                    .isEqualTo("cs1.example.com");
            assertThat(k8s.object("Service", "code-server", "cs1-code-server")
                            .orElseThrow()
                            .at("/spec/clusterIP")
                            .asText())
                    .startsWith("10.43.");
            assertThat(k8s.names("Secret", "code-server")).noneMatch(n -> n.endsWith("-initial-config"));
            String pod = ok(
                            ssh,
                            "kubectl get pods -n code-server -l app.kubernetes.io/instance=cs1-code-server "
                                    + "-o jsonpath='{.items[0].metadata.name}'")
                    .out();
            assertThat(pod).startsWith("cs1-code-server-");

            String config = ok(
                            ssh,
                            "kubectl exec " + pod
                                    + " -n code-server -- cat /home/coder/.config/code-server/config.yaml")
                    .out();
            assertThat(ok(
                                    ssh,
                                    "kubectl --kubeconfig /etc/rancher/k3s/k3s.yaml exec " + pod
                                            + " -n code-server -- cat " + "/home/coder/.config/code-server/config.yaml")
                            .out())
                    .isEqualTo(config);
            assertThat(config).containsPattern("(?m)^password: [A-Za-z0-9]{24}$");
            Result grep = ok(
                    ssh,
                    "kubectl exec " + pod + " -n code-server -- sh -c "
                            + "'grep \"^password:\" /home/coder/.config/code-server/config.yaml'");
            assertThat(grep.out()).startsWith("password: ");

            String newConfig = config.replaceAll("(?m)^password: .*$", "password: n3w-Secret");
            String marker = "XANTHUS_" + UUID.randomUUID().toString().replace("-", "");
            ok(
                    ssh,
                    "kubectl exec -i " + pod
                            + " -n code-server -- sh -c 'cat > /home/coder/.config/code-server/config.yaml' <<'"
                            + marker + "'\n" + newConfig + marker + "\n");
            ok(ssh, "kubectl exec " + pod + " -n code-server -- pkill -f code-server");

            assertThat(ok(
                                    ssh,
                                    "kubectl exec " + pod
                                            + " -n code-server -- cat /home/coder/.config/code-server/config.yaml")
                            .out())
                    .isEqualTo(newConfig);
            assertThat(k8s.podFile("code-server", pod, "/home/coder/.config/code-server/config.yaml"))
                    .contains(newConfig);
            assertThat(k8s.object("Pod", "code-server", pod)
                            .orElseThrow()
                            .at("/status/containerStatuses/0/restartCount")
                            .asInt())
                    .isEqualTo(1);

            // a restarted pod (new name) still sees the file: it lives on the PVC
            ok(ssh, "kubectl rollout restart deployment/cs1-code-server -n code-server");
            String newPod = ok(
                            ssh,
                            "kubectl get pods -n code-server -l app.kubernetes.io/instance=cs1-code-server "
                                    + "-o jsonpath='{.items[0].metadata.name}'")
                    .out();
            assertThat(newPod).isNotEqualTo(pod);
            assertThat(ok(
                                    ssh,
                                    "kubectl exec deploy/cs1-code-server -n code-server -- cat "
                                            + "/home/coder/.config/code-server/config.yaml")
                            .out())
                    .contains("password: n3w-Secret");

            Result noFile = ssh.exec("kubectl exec " + newPod + " -n code-server -- cat /nope");
            assertThat(noFile.exitStatus()).isEqualTo(1);
            assertThat(noFile.err())
                    .contains("cat: /nope: No such file or directory", "command terminated with exit code 1");
        }
    }

    @Test
    void helmUninstall_shouldRemoveObjects_butKeepPvc(@TempDir Path local) throws Exception {
        try (SshTestClient ssh = ssh()) {
            installCodeServer(ssh, local, "cs2");
            assertThat(k8s.names("PersistentVolumeClaim", "code-server")).contains("cs2-code-server");
            assertThat(k8s.names("Service", "code-server")).contains("cs2-code-server");

            assertThat(ok(ssh, "helm --kubeconfig /etc/rancher/k3s/k3s.yaml uninstall cs2-code-server -n code-server")
                            .out())
                    .isEqualTo("release \"cs2-code-server\" uninstalled\n");

            assertThat(k8s.release("code-server", "cs2-code-server")).isEmpty();
            assertThat(k8s.names("Service", "code-server")).doesNotContain("cs2-code-server");
            assertThat(k8s.names("Deployment", "code-server")).doesNotContain("cs2-code-server");
            assertThat(k8s.pods("code-server"))
                    .noneMatch(p -> p.at("/metadata/name").asText().startsWith("cs2-"));
            assertThat(ok(ssh, "kubectl get pvc -n code-server -o name").out())
                    .contains("persistentvolumeclaim/cs2-code-server");

            ok(ssh, "kubectl delete pvc cs2-code-server -n code-server");
            assertThat(k8s.names("PersistentVolumeClaim", "code-server")).doesNotContain("cs2-code-server");
            Result again =
                    ssh.exec("helm --kubeconfig /etc/rancher/k3s/k3s.yaml uninstall cs2-code-server -n code-server");
            assertThat(again.exitStatus()).isEqualTo(1);
            assertThat(again.err()).contains("release: not found");
        }
    }

    @Test
    void kubectlApplyFromStdin_shouldCreateServiceAndIngress_thenGetAndDelete() throws Exception {
        String manifest =
                """
        apiVersion: v1
        kind: Service
        metadata:
          name: app-1-port-3000
          namespace: pf
        spec:
          selector:
            app.kubernetes.io/name: code-server
          ports:
            - port: 80
              targetPort: 3000
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: app-1-port-3000-ingress
          namespace: pf
          annotations:
            traefik.ingress.kubernetes.io/router.entrypoints: websecure
        spec:
          tls:
            - hosts: [p3000.example.com]
              secretName: example.com-tls
          rules:
            - host: p3000.example.com
              http:
                paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service:
                        name: app-1-port-3000
                        port:
                          number: 80
        """;
        try (SshTestClient ssh = ssh()) {
            String ns = "kubectl create namespace pf --dry-run=client -o yaml | kubectl apply -f -";
            assertThat(ok(ssh, ns).out()).isEqualTo("namespace/pf created\n");
            assertThat(ok(ssh, ns).out()).isEqualTo("namespace/pf unchanged\n");
            assertThat(ok(ssh, "kubectl get namespace pf").out())
                    .startsWith("NAME")
                    .contains("pf ", "Active");

            Result applied = ok(ssh, "kubectl apply -f - <<'EOF_M'\n" + manifest + "EOF_M\n");
            assertThat(applied.out())
                    .isEqualTo("service/app-1-port-3000 created\n"
                            + "ingress.networking.k8s.io/app-1-port-3000-ingress created\n");
            assertThat(ok(ssh, "kubectl apply -f - <<'EOF_M'\n" + manifest + "EOF_M\n")
                            .out())
                    .contains("unchanged");

            JsonNode svc = JSON.readTree(
                    ok(ssh, "kubectl get service app-1-port-3000 -n pf -o json").out());
            assertThat(svc.at("/spec/clusterIP").asText()).startsWith("10.43.");
            assertThat(ok(ssh, "kubectl get ingress -n pf -o jsonpath='{.items[*].spec.rules[0].host}'")
                            .out())
                    .isEqualTo("p3000.example.com");
            assertThat(k8s.ingresses("pf")).singleElement().satisfies(i -> assertThat(
                            i.at("/spec/tls/0/secretName").asText())
                    .isEqualTo("example.com-tls"));

            assertThat(ok(ssh, "kubectl delete ingress app-1-port-3000-ingress -n pf")
                            .out())
                    .isEqualTo("ingress.networking.k8s.io \"app-1-port-3000-ingress\" deleted\n");
            ok(ssh, "kubectl delete service app-1-port-3000 -n pf");
            Result gone = ssh.exec("kubectl get service app-1-port-3000 -n pf");
            assertThat(gone.exitStatus()).isEqualTo(1);
            assertThat(gone.err()).isEqualTo("Error from server (NotFound): services \"app-1-port-3000\" not found\n");
            assertThat(ok(ssh, "kubectl delete service app-1-port-3000 -n pf --ignore-not-found")
                            .out())
                    .isEmpty();
            assertThat(ssh.exec("kubectl apply -f - <<'EOF'\nkind: Service\nmetadata:\n  name: x\nEOF\n")
                            .err())
                    .contains("apiVersion not set");
        }
    }

    @Test
    void tlsSecret_shouldBeCreatedFromFiles_andShowInJson(@TempDir Path local) throws Exception {
        String[] pair = selfSigned("example.com");
        Path cert = Files.writeString(local.resolve("cert.crt"), pair[0]);
        Path key = Files.writeString(local.resolve("key.key"), pair[1]);
        try (SshTestClient ssh = ssh()) {
            ok(ssh, "kubectl create namespace tls-test");
            upload(ssh, cert, "/tmp/xanthus-tls/example-com-cert.crt");
            upload(ssh, key, "/tmp/xanthus-tls/example-com-key.key");
            assertThat(ok(
                                    ssh,
                                    "kubectl create secret tls example.com-tls --cert=/tmp/xanthus-tls/example-com-cert.crt "
                                            + "--key=/tmp/xanthus-tls/example-com-key.key -n tls-test")
                            .out())
                    .isEqualTo("secret/example.com-tls created\n");

            JsonNode secret = JSON.readTree(ok(ssh, "kubectl get secret example.com-tls -n tls-test -o json")
                    .out());
            assertThat(secret.get("type").asText()).isEqualTo("kubernetes.io/tls");
            assertThat(new String(
                            Base64.getDecoder()
                                    .decode(secret.at("/data/tls.crt").asText()),
                            StandardCharsets.UTF_8))
                    .isEqualTo(pair[0]);
            assertThat(k8s.secretData("tls-test", "example.com-tls").orElseThrow())
                    .containsEntry("tls.key", pair[1]);

            Result twice =
                    ssh.exec("kubectl create secret tls example.com-tls --cert=/tmp/xanthus-tls/example-com-cert.crt "
                            + "--key=/tmp/xanthus-tls/example-com-key.key -n tls-test");
            assertThat(twice.err()).contains("already exists");
            Result notPem = ssh.exec("kubectl create secret tls bad --cert=/tmp/xanthus-tls/example-com-key.key "
                    + "--key=/tmp/xanthus-tls/example-com-key.key -n tls-test");
            assertThat(notPem.err()).contains("failed to load key pair");
        }
    }

    @Test
    void argoCd_passwordChange_shouldBeCheckedAgainstTheBcryptHash() throws Exception {
        try (SshTestClient ssh = ssh()) {
            ok(ssh, "helm repo add argo https://argoproj.github.io/argo-helm");
            ok(
                    ssh,
                    "helm --kubeconfig /etc/rancher/k3s/k3s.yaml upgrade --install ops-argocd argo/argo-cd -n argo2 --create-namespace --wait --timeout 10m");
            String initial = ok(
                            ssh,
                            "kubectl get secret argocd-initial-admin-secret -n argo2 -o jsonpath='{.data.password}' "
                                    + "| base64 --decode")
                    .out();
            assertThat(initial).hasSize(16);
            assertThat(k8s.argoCdPasswordMatches("argo2", initial)).isTrue();
            assertThat(ok(
                                    ssh,
                                    "kubectl get secret argocd-secret -n argo2 -o jsonpath='{.data.admin\\.password}' | base64 -d")
                            .out())
                    .startsWith("$2a$10$");

            String hash = SandboxK8s.bcrypt("Better-Pass-42");
            String patch = JSON.createObjectNode()
                    .set(
                            "stringData",
                            JSON.createObjectNode()
                                    .put("admin.password", hash)
                                    .put("admin.passwordMtime", Instant.now().toString()))
                    .toString();
            assertThat(ok(ssh, "kubectl patch secret argocd-secret -n argo2 --type merge -p '" + patch + "'")
                            .out())
                    .isEqualTo("secret/argocd-secret patched\n");

            assertThat(k8s.argoCdPasswordMatches("argo2", "Better-Pass-42")).isTrue();
            assertThat(k8s.argoCdPasswordMatches("argo2", initial)).isFalse();
            assertThat(k8s.secretData("argo2", "argocd-secret").orElseThrow()).containsKey("admin.passwordMtime");
        }
    }

    @Test
    void createToken_shouldIssueAJwt_withAValidDuration() throws Exception {
        try (SshTestClient ssh = ssh()) {
            ok(ssh, "helm repo add headlamp https://kubernetes-sigs.github.io/headlamp/");
            ok(
                    ssh,
                    "helm --kubeconfig /etc/rancher/k3s/k3s.yaml upgrade --install hl-headlamp headlamp/headlamp -n headlamp --create-namespace --wait --timeout 10m");
            String token = ok(ssh, "kubectl create token hl-headlamp -n headlamp --duration=8760h")
                    .out()
                    .trim();
            String[] parts = token.split("\\.");
            assertThat(parts).hasSize(3);
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            assertThat(claims.get("sub").asText()).isEqualTo("system:serviceaccount:headlamp:hl-headlamp");
            assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(8760L * 3600);
            assertThat(k8s.tokens()).anyMatch(t -> t.token().equals(token) && t.durationSeconds() == 8760L * 3600);

            Result bad = ssh.exec("kubectl create token hl-headlamp -n headlamp --duration=1y");
            assertThat(bad.exitStatus()).isEqualTo(1);
            assertThat(bad.err())
                    .contains("invalid argument \"1y\" for \"--duration\" flag: time: invalid duration \"1y\"");
            assertThat(ssh.exec("kubectl create token hl-headlamp -n headlamp --duration=5m")
                            .err())
                    .contains("may not specify a duration less than 10 minutes");
            assertThat(ssh.exec("kubectl create token nobody -n headlamp").err())
                    .contains("serviceaccounts \"nobody\" not found");
        }
    }

    @Test
    void helmInstall_shouldFail_whenTheServerIsTooSmall() throws Exception {
        try (SshTestClient ssh = ssh()) {
            ok(ssh, "helm repo add open-webui https://helm.openwebui.com/");
            k8s.failNextHelmInstall(SandboxK8s.INSUFFICIENT_MEMORY);
            Result failed = ssh.exec(
                    "helm --kubeconfig /etc/rancher/k3s/k3s.yaml upgrade --install ai-open-webui open-webui/open-webui --version 6.22.0 -n open-webui "
                            + "--create-namespace --wait --timeout 10m");
            assertThat(failed.exitStatus()).isEqualTo(1);
            assertThat(failed.err())
                    .startsWith("Error: context deadline exceeded")
                    .contains("Insufficient memory");
            assertThat(k8s.release("open-webui", "ai-open-webui").orElseThrow().status())
                    .isEqualTo("failed");
            assertThat(ok(ssh, "kubectl get pods -n open-webui").out()).contains("Pending");

            ok(ssh, "helm --kubeconfig /etc/rancher/k3s/k3s.yaml uninstall ai-open-webui -n open-webui");
            ok(
                    ssh,
                    "helm --kubeconfig /etc/rancher/k3s/k3s.yaml upgrade --install ai-open-webui open-webui/open-webui --version 6.22.0 -n open-webui --wait "
                            + "--timeout 10m");
            assertThat(k8s.release("open-webui", "ai-open-webui").orElseThrow().status())
                    .isEqualTo("deployed");
            assertThat(k8s.persistentVolumeClaims("open-webui")).hasSize(1);
        }
    }

    @Test
    void commands_shouldBeMissingOrRefused_untilK3sIsUp() throws Exception {
        try (SandboxServers plain = new SandboxServers(SandboxServers.Config.instant())) {
            SandboxServer fresh = plain.create("fresh", List.of(SshTestClient.authorizedKeyLine(KEY)));
            try (SshTestClient ssh = SshTestClient.connect(fresh.sshAddress(), fresh.hostKeyFingerprint(), KEY)) {
                // kubectl comes with K3s; Helm alone finds no cluster
                assertThat(ssh.exec("kubectl get pods").exitStatus()).isEqualTo(127);
                assertThat(ssh.exec(
                                        "curl -fsSL https://raw.githubusercontent.com/helm/helm/main/scripts/get-helm-3 | bash")
                                .exitStatus())
                        .isZero();
                Result helm = ssh.exec("helm --kubeconfig /etc/rancher/k3s/k3s.yaml list -A");
                assertThat(helm.exitStatus()).isEqualTo(1);
                assertThat(helm.err()).contains("Kubernetes cluster unreachable");
            }
        }
    }

    @Test
    void quotedArguments_shouldBeData_neverExecuted(@TempDir Path local) throws Exception {
        String canary = "canary-" + UUID.randomUUID();
        String payload = "'$(touch /tmp/" + canary + ")'";
        try (SshTestClient ssh = ssh()) {
            installCodeServer(ssh, local, "inj");
            assertThat(ssh.exec("kubectl create namespace " + payload).exitStatus())
                    .isEqualTo(1);
            assertThat(ssh.exec("helm repo add " + payload + " " + payload).exitStatus())
                    .isEqualTo(1);
            assertThat(ssh.exec("helm --kubeconfig /etc/rancher/k3s/k3s.yaml upgrade --install x " + payload
                                    + " -n code-server -f " + payload)
                            .exitStatus())
                    .isEqualTo(1);
            assertThat(ssh.exec("kubectl get pods -n code-server -l " + payload).exitStatus())
                    .isZero();
            ok(ssh, "kubectl create secret generic inj-secret -n code-server --from-literal=k=" + payload);
            assertThat(k8s.secretData("code-server", "inj-secret").orElseThrow())
                    .containsEntry("k", "$(touch /tmp/" + canary + ")");
            Result shell = ssh.exec("kubectl exec deploy/inj-code-server -n code-server -- sh -c " + payload);
            assertThat(shell.exitStatus()).isEqualTo(2);
            assertThat(shell.err()).contains("not supported by the sandbox container shell");
            ok(ssh, "echo 'k: v' | kubectl exec -i deploy/inj-code-server -n code-server -- tee " + payload);
        }
        assertThat(Path.of("/tmp", canary)).doesNotExist();
        assertThat(server.root().resolve("tmp").resolve(canary)).doesNotExist();
    }

    private static void installCodeServer(SshTestClient ssh, Path local, String sub) throws IOException {
        // the chart Xanthus ships (core's resources): the sandbox's helm renders it with real Helm
        Path chart = Path.of("../core/src/main/resources/catalog/charts/xanthus-code-server");
        Path values = Files.writeString(
                local.resolve("values.yaml"),
                "image:\n  tag: \"4.101.2\"\npersistence:\n  size: 10Gi\n" + "ingress:\n  host: " + sub
                        + ".example.com\n  tlsSecret: example-com-tls\n");
        try (var files = Files.walk(chart)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                upload(ssh, file, "/tmp/xanthus-code-server/" + chart.relativize(file));
            }
        }
        upload(ssh, values, "/tmp/" + sub + "-code-server-values.yaml");
        ok(ssh, "kubectl create namespace code-server --dry-run=client -o yaml | kubectl apply -f -");
        ok(
                ssh,
                "helm --kubeconfig /etc/rancher/k3s/k3s.yaml upgrade --install " + sub
                        + "-code-server /tmp/xanthus-code-server -n code-server " + "-f /tmp/" + sub
                        + "-code-server-values.yaml --wait --timeout 10m");
    }

    /** A self-signed certificate and its key, PEM. */
    private static String[] selfSigned(String host) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=" + host);
        Instant now = Instant.now();
        var holder = new JcaX509v3CertificateBuilder(
                        name,
                        BigInteger.valueOf(now.toEpochMilli()),
                        Date.from(now),
                        Date.from(now.plus(Duration.ofDays(90))),
                        name,
                        pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
        var cert = new JcaX509CertificateConverter().getCertificate(holder);
        return new String[] {pem(cert), pem(pair.getPrivate())};
    }

    private static String pem(Object o) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(o);
        }
        return out.toString();
    }
}
