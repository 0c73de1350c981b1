package dev.xanthus.core.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class CloudInitTest {

    private static final List<String> HOSTILE = List.of(
            "Europe/Berlin; touch /tmp/pwned",
            "x\"\n  - [bash, -c, 'touch /tmp/pwned']\nruncmd:\n  - touch /tmp/pwned",
            "$(touch /tmp/pwned)`id`'\\",
            "#{not a comment} &anchor *alias !!python/object:os.system",
            "\u2028line\u0085sep\ttab\r\n emoji \ud83d\ude00 \u00e9",
            "'; rm -rf / #");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String userData) {
        assertThat(userData).startsWith("#cloud-config\n");
        return new Yaml().load(userData);
    }

    @SuppressWarnings("unchecked")
    private static String setupEnv(Map<String, Object> doc) {
        return ((List<Map<String, Object>>) doc.get("write_files"))
                .stream()
                        .filter(f -> f.get("path").equals("/opt/xanthus/setup.env"))
                        .findFirst()
                        .orElseThrow()
                        .get("content")
                        .toString();
    }

    @Test
    void render_shouldKeepHostileValuesInsideOneScalar_forEveryInput() {
        for (String value : HOSTILE) {
            Map<String, Object> doc = parse(CloudInit.render(value, value, CloudInit.Provider.HETZNER));

            assertThat(doc)
                    .containsOnlyKeys(
                            "package_update",
                            "package_upgrade",
                            "packages",
                            "ssh_pwauth",
                            "disable_root",
                            "write_files",
                            "runcmd");
            assertThat((List<?>) doc.get("runcmd")).hasSize(2);
            assertThat((List<?>) doc.get("write_files")).hasSize(5);
            assertThat(setupEnv(doc))
                    .isEqualTo("XANTHUS_HOSTNAME=" + RemoteCommand.quote(value) + "\n" + "XANTHUS_TIMEZONE="
                            + RemoteCommand.quote(value) + "\n" + "XANTHUS_PROVIDER='hetzner'\n");
        }
    }

    @Test
    void render_shouldRefuseNul_whichNoShellArgumentCanCarry() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> CloudInit.render("a\0b", "UTC", CloudInit.Provider.HETZNER))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void render_shouldCarryTheValuesShellQuoted_forPlainInput() {
        Map<String, Object> doc = parse(CloudInit.render("web-1", "Europe/Berlin", CloudInit.Provider.HETZNER));

        assertThat(setupEnv(doc))
                .isEqualTo("XANTHUS_HOSTNAME='web-1'\nXANTHUS_TIMEZONE='Europe/Berlin'\nXANTHUS_PROVIDER='hetzner'\n");
    }

    @Test
    void render_shouldOpenOraclesOwnFirewall_onlyOnOci() {
        String oci = CloudInit.render("web-1", "UTC", CloudInit.Provider.OCI);

        assertThat(setupEnv(parse(oci))).endsWith("XANTHUS_PROVIDER='oci'\n");
        // the same template, so the same hardening; the iptables lines only run where XANTHUS_PROVIDER is oci
        assertThat(oci)
                .contains(
                        "PasswordAuthentication no",
                        "ufw default deny incoming",
                        "iptables -I INPUT 1 -p tcp --dport 443 -j ACCEPT",
                        "if [ \"${XANTHUS_PROVIDER:-}\" = oci ]; then");
        assertThat(oci).doesNotContain("6443");
    }

    @Test
    void render_shouldHardenTheServer() {
        String userData = CloudInit.render("web-1", "UTC", CloudInit.Provider.HETZNER);
        Map<String, Object> doc = parse(userData);

        assertThat(doc.get("ssh_pwauth")).isEqualTo(false);
        assertThat(userData)
                .contains(
                        "PasswordAuthentication no",
                        "ufw allow 22/tcp",
                        "ufw allow 80/tcp",
                        "ufw allow 443/tcp",
                        "ufw default deny incoming",
                        "--write-kubeconfig-mode 600",
                        "chmod 600 /etc/rancher/k3s/k3s.yaml",
                        "Unattended-Upgrade \"1\"",
                        "unattended-upgrades");
        assertThat(userData).doesNotContain("6443", "chmod 644 /etc/rancher");
        for (String stage :
                List.of("INSTALLING", "INSTALLING_K3S", "WAITING_K3S", "INSTALLING_HELM", "VERIFYING", "READY")) {
            assertThat(userData).contains("stage " + stage + "\n");
        }
    }

    /** The content of the heredoc that writes {@code path} in an existing server's setup script. */
    private static String heredoc(String script, String path) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "cat >" + java.util.regex.Pattern.quote(path) + " <<'(XANTHUS_[0-9a-f]{24})'\n")
                .matcher(script);
        assertThat(m.find()).as(path).isTrue();
        int start = m.end();
        int end = script.indexOf("\n" + m.group(1) + "\n", start - 1);
        return script.substring(start, end + 1);
    }

    @Test
    void existingServerScript_shouldCarryHostileValuesQuoted_andSourceThemAsPlainStrings() throws Exception {
        java.nio.file.Path pwned = java.nio.file.Path.of("/tmp/pwned");
        java.nio.file.Files.deleteIfExists(pwned);
        for (String value : HOSTILE) {
            String script = CloudInit.existingServerScript(value, value, CloudInit.Provider.OCI);
            String env = heredoc(script, "/opt/xanthus/setup.env");
            assertThat(env)
                    .isEqualTo("XANTHUS_HOSTNAME=" + RemoteCommand.quote(value) + "\n" + "XANTHUS_TIMEZONE="
                            + RemoteCommand.quote(value) + "\n" + "XANTHUS_PROVIDER='oci'\n");
            // bash reads the file exactly as setup.sh does and gets the value back, running nothing
            java.nio.file.Path file = java.nio.file.Files.createTempFile("setup", ".env");
            try {
                java.nio.file.Files.writeString(file, env);
                Process bash = new ProcessBuilder(
                                "bash", "-c", ". \"$1\"; printf '%s' \"$XANTHUS_HOSTNAME\"", "_", file.toString())
                        .redirectErrorStream(true)
                        .start();
                String out = new String(bash.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(bash.waitFor()).isZero();
                assertThat(out).isEqualTo(value);
            } finally {
                java.nio.file.Files.deleteIfExists(file);
            }
            // the whole script and the command line that carries it are valid bash
            Process check = new ProcessBuilder(
                            "bash",
                            "-n",
                            "-c",
                            ServerCommands.setupExisting(value, value, CloudInit.Provider.OCI)
                                    .line())
                    .redirectErrorStream(true)
                    .start();
            assertThat(check.waitFor()).isZero();
            Process inner = new ProcessBuilder("bash", "-n", "-c", script)
                    .redirectErrorStream(true)
                    .start();
            assertThat(inner.waitFor()).isZero();
        }
        assertThat(pwned).doesNotExist();
    }

    @Test
    void existingServerScript_shouldDoWhatCloudInitDoes_fromTheSameTemplate() {
        String script = CloudInit.existingServerScript("web-1", "Europe/Berlin", CloudInit.Provider.OCI);

        for (CloudInit.WriteFile file : CloudInit.writeFiles("web-1", "Europe/Berlin", CloudInit.Provider.OCI)) {
            assertThat(heredoc(script, file.path())).isEqualTo(file.content());
            assertThat(script)
                    .contains(
                            "chown " + file.owner() + " " + file.path() + "\n",
                            "chmod " + file.permissions() + " " + file.path() + "\n");
        }
        assertThat(CloudInit.writeFiles("web-1", "UTC", CloudInit.Provider.OCI))
                .extracting(CloudInit.WriteFile::path)
                .containsExactly(
                        "/opt/xanthus/setup.env",
                        CloudInit.SSHD_DROP_IN,
                        "/etc/apt/apt.conf.d/20auto-upgrades",
                        "/etc/systemd/system/sysstat-collect.timer.d/10-xanthus.conf",
                        "/opt/xanthus/setup.sh");
        String bootstrap = heredoc(script, "/opt/xanthus/bootstrap.sh");
        assertThat(bootstrap)
                .contains(
                        "apt-get -q update\n",
                        "upgrade\n",
                        "apt-get -y -q install curl ca-certificates gnupg jq ufw unattended-upgrades sysstat\n",
                        "mkdir -p /opt/xanthus\nbash /opt/xanthus/setup.sh\n");
        assertThat(heredoc(script, "/opt/xanthus/setup.sh"))
                .contains("ufw default deny incoming", "curl -sfL https://get.k3s.io", "stage READY");
        // started once, in the background; a READY server is left alone
        assertThat(script)
                .contains(
                        "= READY ]; then echo READY; exit 0; fi",
                        "setsid flock -n /opt/xanthus/setup.lock bash /opt/xanthus/bootstrap.sh");
        // a fresh heredoc marker every time
        assertThat(CloudInit.existingServerScript("web-1", "UTC", CloudInit.Provider.OCI))
                .isNotEqualTo(CloudInit.existingServerScript("web-1", "UTC", CloudInit.Provider.OCI));
    }

    @Test
    void rootAccess_shouldInstallTheTemplatesSshdDropIn_andTheKeyQuoted_throughSudoN() {
        String key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTheTest0000000000000000000000 it's xanthus";
        String line = ServerCommands.rootAccess(key).line();

        assertThat(line).startsWith("sudo -n bash -c '");
        assertThat(line)
                .contains(
                        "PermitRootLogin prohibit-password",
                        "PasswordAuthentication no",
                        CloudInit.SSHD_DROP_IN,
                        "/root/.ssh/authorized_keys",
                        "systemctl reload ssh");
        assertThat(CloudInit.sshdDropIn().content()).contains("PermitRootLogin prohibit-password");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServerCommands.rootAccess(key + "\nssh-rsa AAAA evil"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
