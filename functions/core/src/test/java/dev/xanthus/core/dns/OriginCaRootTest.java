package dev.xanthus.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import dev.xanthus.sandbox.cloudflare.CloudflareSimulator;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled-root rules. Cloudflare's genuine {@code origin_ca_rsa_root.pem} could not be obtained when this was
 * written, so it is not in the jar and real mode refuses to start; these tests pin that behaviour, and check the
 * genuine root once someone adds it.
 */
class OriginCaRootTest {

  @TempDir
  Path dir;

  @Test
  void bundled_shouldBeCloudflaresRsaRoot_orRefuseToStart_whenMissingOrAPlaceholder() {
    if (OriginCaRoot.class.getClassLoader().getResource(OriginCaRoot.RESOURCE) == null) {
      assertThatThrownBy(OriginCaRoot::bundled)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("origin_ca_rsa_root.pem")
          .hasMessageContaining(OriginCaRoot.RESOURCE);
    } else {
      // Once added, the bundled file must be the genuine root: bundled() rejects anything else.
      assertThat(OriginCaRoot.bundled().pem()).contains("BEGIN CERTIFICATE");
    }
  }

  @Test
  void bundled_shouldRefuse_whenTheResourceIsAPlaceholderOrAnotherCa() throws IOException {
    assertThatThrownBy(() -> OriginCaRoot.bundled(loaderWith("PLACEHOLDER: add Cloudflare's root here\n"),
        OriginCaRoot.RESOURCE)).isInstanceOf(IllegalStateException.class).hasMessageContaining("not a valid X.509");
    try (CloudflareSimulator sim = CloudflareSimulator.start(CloudflareSimConfig.defaults().withPort(0))) {
      // A real CA certificate, but not Cloudflare's (the sandbox's EC root).
      assertThatThrownBy(() -> OriginCaRoot.bundled(loaderWith(sim.originCaCertificatePem()), OriginCaRoot.RESOURCE))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("is not Cloudflare's Origin CA RSA root");
      assertThat(OriginCaRoot.of(sim.originCaCertificatePem()).pem()).isEqualTo(sim.originCaCertificatePem());
    }
  }

  @Test
  void unavailable_shouldThrowOnUse() {
    assertThatThrownBy(() -> OriginCaRoot.unavailable("why").pem())
        .isInstanceOf(OriginCaRoot.Unavailable.class).hasMessage("why");
  }

  private ClassLoader loaderWith(String content) throws IOException {
    Path file = dir.resolve(OriginCaRoot.RESOURCE);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
  }
}
