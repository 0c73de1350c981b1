package dev.xanthus.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xanthus.core.health.HealthCheck;
import dev.xanthus.sandbox.cloudflare.CloudflareSimConfig;
import dev.xanthus.sandbox.cloudflare.CloudflareSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled root is Cloudflare's genuine file, byte for byte, and its expiry is announced a year ahead. */
class OriginCaRootTest {

    /** From shared/reference/cloudflare/README.md (two independent sources agree); not the code's own constant. */
    private static final String PUBLISHED_SHA256 = "91a8a5567efa6bf941162aa806b3ba476aaddf7867640e53053b35fb225a5dae";

    private static final Instant PUBLISHED_EXPIRY = Instant.parse("2029-08-15T17:00:00Z");

    @TempDir
    Path dir;

    @Test
    void bundled_shouldBeCloudflaresPublishedRoot_byteForByte() throws Exception {
        byte[] bytes;
        try (InputStream in = OriginCaRoot.class.getClassLoader().getResourceAsStream(OriginCaRoot.RESOURCE)) {
            assertThat(in).as(OriginCaRoot.RESOURCE).isNotNull();
            bytes = in.readAllBytes();
        }
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
                .isEqualTo(PUBLISHED_SHA256);

        OriginCaRoot root = OriginCaRoot.bundled();
        assertThat(root.pem().getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo(bytes);
        assertThat(root.notAfter()).hasValue(PUBLISHED_EXPIRY);
        assertThat(root.unavailableReason()).isEmpty();
    }

    @Test
    void bundled_shouldRefuse_whenTheResourceIsMissingAPlaceholderOrAnotherCa() throws IOException {
        assertThatThrownBy(() -> OriginCaRoot.bundled(new URLClassLoader(new URL[0], null), OriginCaRoot.RESOURCE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not bundled");
        assertThatThrownBy(() -> OriginCaRoot.bundled(
                        loaderWith("PLACEHOLDER: add Cloudflare's root here\n"), OriginCaRoot.RESOURCE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a valid X.509");
        try (CloudflareSimulator sim =
                CloudflareSimulator.start(CloudflareSimConfig.defaults().withPort(0))) {
            // A real CA certificate, but not Cloudflare's (the sandbox's EC root).
            assertThatThrownBy(
                            () -> OriginCaRoot.bundled(loaderWith(sim.originCaCertificatePem()), OriginCaRoot.RESOURCE))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is not Cloudflare's Origin CA RSA root");
            assertThat(OriginCaRoot.of(sim.originCaCertificatePem()).pem()).isEqualTo(sim.originCaCertificatePem());
        }
    }

    @Test
    void unavailable_shouldThrowOnUse_andSayWhy() {
        assertThatThrownBy(() -> OriginCaRoot.unavailable("why").pem())
                .isInstanceOf(OriginCaRoot.Unavailable.class)
                .hasMessage("why");
        assertThat(OriginCaRoot.unavailable("why").unavailableReason()).hasValue("why");
    }

    @Test
    void health_shouldWarnFromOneYearBeforeTheRootExpires() {
        OriginCaRoot root = OriginCaRoot.bundled();

        assertThat(health(root, "2028-08-14T16:59:59Z").check()).isEqualTo(HealthCheck.Result.OK);
        assertThat(health(root, "2028-08-14T16:59:59Z").detail()).isEmpty();
        OriginCaRootHealth soon = health(root, "2028-08-16T00:00:00Z");
        assertThat(soon.check()).isEqualTo(HealthCheck.Result.WARNING);
        assertThat(soon.detail()).hasValueSatisfying(d -> assertThat(d).contains("expires on 2029-08-15"));
        assertThat(health(root, "2029-09-01T00:00:00Z").detail())
                .hasValueSatisfying(d -> assertThat(d).contains("expired on 2029-08-15"));
        assertThat(health(OriginCaRoot.unavailable("not bundled"), "2026-12-02T00:00:00Z")
                        .detail())
                .hasValueSatisfying(d -> assertThat(d).contains("not bundled").contains("503"));
    }

    private static OriginCaRootHealth health(OriginCaRoot root, String now) {
        return new OriginCaRootHealth(root, Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
    }

    private ClassLoader loaderWith(String content) throws IOException {
        Path file = dir.resolve(OriginCaRoot.RESOURCE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
    }
}
