package dev.xanthus.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xanthus.clients.http.JsonHttp;
import dev.xanthus.clients.http.RetryAdvice;
import dev.xanthus.clients.releases.HttpReleasesClient;
import dev.xanthus.core.app.catalog.Catalog;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.testing.LocalDynamo;
import dev.xanthus.core.testing.MutableClock;
import dev.xanthus.sandbox.http.Fault;
import dev.xanthus.sandbox.releases.ReleasesSimulator;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Versions over HTTP from the releases simulator (GitHub API and Helm indexes), cached in dynalite. */
class VersionServiceTest {

    private final ReleasesSimulator sim = ReleasesSimulator.start("127.0.0.1", 0);
    private final MutableClock clock = MutableClock.atNow();
    private final VersionService versions = new VersionService(
            Catalog.load(),
            new HttpReleasesClient(
                    JsonHttp.create(RetryAdvice.retryAfter()),
                    URI.create(sim.githubApi()),
                    Optional.of(URI.create(sim.helmMirror()))),
            LocalDynamo.client(),
            LocalDynamo.newTable(),
            clock);

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void versions_shouldListGithubReleasesWithoutPrereleasesOrV_andHelmChartVersionsWithAppVersions() {
        assertThat(versions.versions("code-server"))
                .extracting(AppVersion::version)
                .containsExactly("4.96.4", "4.96.2", "4.95.3", "4.93.1", "4.92.2");
        assertThat(versions.versions("argocd")).first().isEqualTo(new AppVersion("7.7.16", "v2.13.3"));
        assertThat(versions.versions("headlamp"))
                .extracting(AppVersion::version)
                .contains("0.28.0");
        assertThat(versions.isAvailable("open-webui", "6.21.0")).isTrue();
        assertThat(versions.isAvailable("open-webui", "6.21.0; rm -rf /")).isFalse();
    }

    @Test
    void versions_shouldBeCachedTenMinutes_thenRefetched() {
        versions.versions("code-server");
        versions.versions("code-server");
        assertThat(sim.http().calls("GET /github/repos/coder/code-server/releases"))
                .isEqualTo(1);

        clock.advance(Duration.ofMinutes(11));
        versions.versions("code-server");

        assertThat(sim.http().calls("GET /github/repos/coder/code-server/releases"))
                .isEqualTo(2);
    }

    @Test
    void versions_shouldServeTheStaleList_whenTheSourceFails_and502WithoutOne() {
        versions.versions("argocd");
        clock.advance(Duration.ofMinutes(30));
        sim.http().faults().injectAlways("GET /helm/argoproj.github.io/argo-helm/index.yaml", Fault.status(500, "{}"));
        sim.http().faults().injectAlways("GET /helm/helm.openwebui.com/index.yaml", Fault.status(500, "{}"));

        assertThat(versions.versions("argocd")).isNotEmpty();
        assertThatThrownBy(() -> versions.versions("open-webui"))
                .isInstanceOf(AppException.Upstream.class)
                .hasMessageContaining("Open WebUI");
    }
}
