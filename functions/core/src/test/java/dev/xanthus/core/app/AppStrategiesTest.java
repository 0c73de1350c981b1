package dev.xanthus.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xanthus.core.app.catalog.Capability;
import dev.xanthus.core.app.catalog.Catalog;
import dev.xanthus.core.app.catalog.CatalogApp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AppStrategiesTest {

    private final Catalog catalog = Catalog.load();

    @Test
    void theBundledCatalog_shouldDeclareWhatXanthusManagesPerApp() {
        Map<String, List<Capability>> declared =
                catalog.all().stream().collect(Collectors.toMap(CatalogApp::id, CatalogApp::capabilities));
        assertThat(declared)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "code-server", List.of(Capability.PASSWORD, Capability.PORT_FORWARDS),
                        "argocd", List.of(Capability.PASSWORD, Capability.ONE_PER_SERVER),
                        "headlamp", List.of(Capability.TOKEN),
                        "open-webui", List.of(Capability.SECRET_KEY),
                        "xanthus", List.of()));
    }

    @Test
    void standard_shouldHaveAPasswordStrategyForEveryAppDeclaringAPassword_andNoOther() {
        AppStrategies strategies = AppStrategies.standard(catalog, Clock.systemUTC());
        for (CatalogApp app : catalog.all()) {
            assertThat(strategies.passwords(app.id()).isPresent()).as(app.id()).isEqualTo(app.has(Capability.PASSWORD));
        }
    }

    @Test
    void aCatalogAndStrategiesThatDisagree_shouldStopTheStart_namingTheApp() {
        assertThatThrownBy(() -> new AppStrategies(catalog, List.of(new CodeServerPasswords())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(
                        "catalog/argocd.yaml declares a password but no AppPasswords strategy handles it");
        AppPasswords forHeadlamp = new AppPasswords() {
            @Override
            public String appType() {
                return "headlamp";
            }

            @Override
            public boolean storedCopyIsCurrent() {
                return true;
            }

            @Override
            public String readFromServer(AppRemote remote, Application app) {
                throw new UnsupportedOperationException();
            }

            @Override
            public java.util.Optional<String> change(AppRemote remote, Application app, String password) {
                throw new UnsupportedOperationException();
            }

            @Override
            public java.util.Optional<String> afterDeploy(AppRemote remote, Application app) {
                throw new UnsupportedOperationException();
            }
        };
        assertThatThrownBy(() -> new AppStrategies(
                        catalog,
                        List.of(new CodeServerPasswords(), new ArgoCdPasswords(Clock.systemUTC()), forHeadlamp)))
                .hasMessageContaining("catalog/headlamp.yaml declares no password but an AppPasswords strategy exists");
    }

    @Test
    void anUnknownCapability_shouldBeRefusedByName() {
        assertThatThrownBy(() -> Capability.of("backups")).hasMessageContaining("unknown capability 'backups'");
    }
}
