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
    return ((List<Map<String, Object>>) doc.get("write_files")).stream()
        .filter(f -> f.get("path").equals("/opt/xanthus/setup.env")).findFirst().orElseThrow().get("content")
        .toString();
  }

  @Test
  void render_shouldKeepHostileValuesInsideOneScalar_forEveryInput() {
    for (String value : HOSTILE) {
      Map<String, Object> doc = parse(CloudInit.render(value, value, CloudInit.Provider.HETZNER));

      assertThat(doc).containsOnlyKeys("package_update", "package_upgrade", "packages", "ssh_pwauth", "disable_root",
          "write_files", "runcmd");
      assertThat((List<?>) doc.get("runcmd")).hasSize(2);
      assertThat((List<?>) doc.get("write_files")).hasSize(4);
      assertThat(setupEnv(doc)).isEqualTo("XANTHUS_HOSTNAME=" + RemoteCommand.quote(value) + "\n"
          + "XANTHUS_TIMEZONE=" + RemoteCommand.quote(value) + "\n" + "XANTHUS_PROVIDER='hetzner'\n");
    }
  }

  @Test
  void render_shouldRefuseNul_whichNoShellArgumentCanCarry() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CloudInit.render("a\0b", "UTC", CloudInit.Provider.HETZNER))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void render_shouldCarryTheValuesShellQuoted_forPlainInput() {
    Map<String, Object> doc = parse(CloudInit.render("web-1", "Europe/Berlin", CloudInit.Provider.HETZNER));

    assertThat(setupEnv(doc)).isEqualTo(
        "XANTHUS_HOSTNAME='web-1'\nXANTHUS_TIMEZONE='Europe/Berlin'\nXANTHUS_PROVIDER='hetzner'\n");
  }

  @Test
  void render_shouldOpenOraclesOwnFirewall_onlyOnOci() {
    String oci = CloudInit.render("web-1", "UTC", CloudInit.Provider.OCI);

    assertThat(setupEnv(parse(oci))).endsWith("XANTHUS_PROVIDER='oci'\n");
    // the same template, so the same hardening; the iptables lines only run where XANTHUS_PROVIDER is oci
    assertThat(oci).contains("PasswordAuthentication no", "ufw default deny incoming",
        "iptables -I INPUT 1 -p tcp --dport 443 -j ACCEPT", "if [ \"${XANTHUS_PROVIDER:-}\" = oci ]; then");
    assertThat(oci).doesNotContain("6443");
  }

  @Test
  void render_shouldHardenTheServer() {
    String userData = CloudInit.render("web-1", "UTC", CloudInit.Provider.HETZNER);
    Map<String, Object> doc = parse(userData);

    assertThat(doc.get("ssh_pwauth")).isEqualTo(false);
    assertThat(userData).contains("PasswordAuthentication no", "ufw allow 22/tcp", "ufw allow 80/tcp",
        "ufw allow 443/tcp", "ufw default deny incoming", "--write-kubeconfig-mode 600",
        "chmod 600 /etc/rancher/k3s/k3s.yaml", "Unattended-Upgrade \"1\"", "unattended-upgrades");
    assertThat(userData).doesNotContain("6443", "chmod 644 /etc/rancher");
    for (String stage : List.of("INSTALLING", "INSTALLING_K3S", "WAITING_K3S", "INSTALLING_HELM", "VERIFYING",
        "READY")) {
      assertThat(userData).contains("stage " + stage + "\n");
    }
  }
}
