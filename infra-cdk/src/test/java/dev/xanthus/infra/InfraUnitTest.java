package dev.xanthus.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small pieces: CSP hashes, configuration, names, path patterns. No synthesis. */
class InfraUnitTest {

    @Test
    void inlineScriptHashes_shouldBeTheCspSha256OfEachInlineScript_ignoringExternalOnes(@TempDir Path site)
            throws IOException {
        // given: the CSP specification's own example script
        Files.writeString(
                site.resolve("index.html"), "<script src=\"/a.js\"></script><script>alert('Hello, world.');</script>");

        // then
        assertThat(SiteContent.inlineScriptHashes(site))
                .containsExactly("'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='");
    }

    @Test
    void securityHeaders_shouldBeTheOnesTheLocalStackSends() {
        // The local stack's site takes its headers from the API's SecurityHeaders; CloudFront's policy must say the
        // same.
        for (Optional<String> domain : List.of(Optional.<String>empty(), Optional.of("x.example.com"))) {
            assertThat(WebConstruct.contentSecurityPolicy(domain, List.of("'sha256-a'")))
                    .isEqualTo(dev.xanthus.api.support.SecurityHeaders.contentSecurityPolicy(
                            domain, List.of("'sha256-a'")));
        }
    }

    @Test
    void contentSecurityPolicy_shouldNameTheCustomDomainsHttpsAndWssOrigins() {
        assertThat(WebConstruct.contentSecurityPolicy(Optional.of("x.example.com"), List.of("'sha256-a'")))
                .contains("script-src 'self' 'sha256-a';")
                .contains("connect-src 'self' https://x.example.com wss://x.example.com;")
                .doesNotContain("unsafe-eval");
    }

    @Test
    void props_shouldComeFromContext_withDefaults() {
        XanthusProps props = XanthusProps.fromContext(Map.of("functionMemoryMb", "2048", "relayMaxTasks", "2")::get);

        assertThat(props.functionMemoryMb()).isEqualTo(2048);
        assertThat(props.relayMaxTasks()).isEqualTo(2);
        assertThat(props.logRetentionDays()).isEqualTo(30);
        assertThat(props.lambdaJar().toString())
                .isEqualTo("../functions/api/target/xanthus-api-" + XanthusProps.version() + "-lambda.jar");
    }

    @Test
    void props_shouldRefuseADomainWithoutACertificate() {
        assertThatThrownBy(() -> XanthusProps.fromContext(Map.of("domainName", "x.example.com")::get))
                .hasMessageContaining("certificateArn");
    }

    @Test
    void names_shouldBePascalCase_andEventNamesUnique() {
        assertThat(new FunctionCatalog.Fn("deploy-worker", "", false).pascalName())
                .isEqualTo("DeployWorker");
        Set<String> taken = new HashSet<>();
        assertThat(SamTemplate.eventName(new FunctionCatalog.Route("GET", "/api/v1/vps/{id}", "vps"), taken))
                .isEqualTo("GetApiV1VpsId");
        assertThat(SamTemplate.eventName(new FunctionCatalog.Route("GET", "/api/v1/vps/id", "vps"), taken))
                .isEqualTo("GetApiV1VpsId2");
    }

    @Test
    void apiPathPatterns_shouldCoverApiAndEveryRouteOutsideIt() {
        FunctionCatalog catalog = new FunctionCatalog(
                Path.of("x.jar"),
                List.of(),
                List.of(
                        new FunctionCatalog.Route("GET", "/health", "auth"),
                        new FunctionCatalog.Route("GET", "/api/v1/vps", "vps"),
                        new FunctionCatalog.Route("GET", "/hooks/{id}", "applications")));

        assertThat(WebConstruct.apiPathPatterns(catalog)).containsExactly("/api/*", "/health", "/hooks/*");
    }

    @Test
    void logRetention_shouldAcceptOnlyCloudWatchsValues() {
        assertThat(XanthusStack.retention(30).name()).isEqualTo("ONE_MONTH");
        assertThatThrownBy(() -> XanthusStack.retention(31)).isInstanceOf(IllegalArgumentException.class);
    }
}
