package dev.xanthus.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xanthus.core.app.catalog.Catalog;
import dev.xanthus.core.app.catalog.CatalogApp;
import dev.xanthus.core.app.catalog.ValuesRenderer;
import dev.xanthus.core.error.AppException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class CatalogTest {

    private final Catalog catalog = Catalog.load();

    @Test
    void load_shouldReadTheGoProgramsFiveApps_withFractionalRequirements() {
        assertThat(catalog.all())
                .extracting(CatalogApp::id)
                .containsExactly("code-server", "open-webui", "argocd", "headlamp", "xanthus");
        CatalogApp headlamp = catalog.require("headlamp");
        assertThat(headlamp.requirements().minMemoryGb()).isEqualTo(0.5);
        assertThat(headlamp.requirements().minCpu()).isEqualTo(0.25);
        assertThat(catalog.require("code-server").versionSource().isGithub()).isTrue();
        assertThat(catalog.require("argocd").helmChart().repository())
                .isEqualTo("https://argoproj.github.io/argo-helm");
        assertThat(catalog.require("code-server").helmChart().isLocal()).isTrue();
    }

    @Test
    void require_shouldBe404ForAnUnknownApp() {
        assertThatThrownBy(() -> catalog.require("wordpress")).isInstanceOf(AppException.NotFound.class);
    }

    /** Found by FuzzAndFaultIT: a 5,000-character id from the request path came back whole in the 404. */
    @Test
    void require_shouldQuoteAtMost100CharactersOfAnUnknownId() {
        String id = "Q".repeat(5000);

        assertThatThrownBy(() -> catalog.require(id))
                .isInstanceOf(AppException.NotFound.class)
                .hasMessageContaining("'" + "Q".repeat(100) + "…'")
                .hasMessageNotContaining("Q".repeat(101));
    }

    @Test
    void everyValuesTemplate_shouldRenderToValidYaml_evenWithHostileValues() {
        String hostile = "x\"\n  evil: true\n# $(touch /tmp/pwned) `id` 'q' \\ \t\u0001";
        Map<String, String> values = Map.of(
                "VERSION",
                hostile,
                "HOST",
                hostile,
                "SUBDOMAIN",
                hostile,
                "DOMAIN",
                hostile,
                "RELEASE_NAME",
                hostile,
                "TIMEZONE",
                hostile,
                "TLS_SECRET",
                hostile,
                "SECRET_KEY",
                hostile);

        for (CatalogApp app : catalog.all()) {
            String rendered = ValuesRenderer.render(Catalog.valuesTemplate(app), values);
            Map<String, Object> parsed = new Yaml().load(rendered);
            assertThat(parsed).as(app.id()).doesNotContainKey("evil");
            assertThat(rendered).as(app.id()).doesNotContain("{{");
        }
        String codeServer = ValuesRenderer.render(Catalog.valuesTemplate(catalog.require("code-server")), values);
        Map<String, Map<String, Object>> parsed = new Yaml().load(codeServer);
        assertThat(parsed.get("image").get("tag")).isEqualTo(hostile);
    }

    @Test
    void render_shouldRefuseAnUnknownOrMissingPlaceholder() {
        assertThatThrownBy(() -> ValuesRenderer.render("a: {{NOPE}}", Map.of())).hasMessageContaining("NOPE");
        assertThatThrownBy(() -> ValuesRenderer.render("a: {{HOST}}", Map.of())).hasMessageContaining("HOST");
    }
}
