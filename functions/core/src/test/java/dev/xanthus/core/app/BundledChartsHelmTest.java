package dev.xanthus.core.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.xanthus.core.app.catalog.Catalog;
import dev.xanthus.core.app.catalog.CatalogApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Helm (helm-java: the Go library itself) lints and templates every chart Xanthus ships, with the values the
 * product renders for each catalog app that uses it ({@link AppRemote#renderValues}).
 */
class BundledChartsHelmTest {

    private static final Path CHARTS = Path.of("src/main/resources/catalog/charts");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String VERSION = "4.96.4";
    private static final String TIMEZONE = "Europe/Athens";

    private final Catalog catalog = Catalog.load();

    @Test
    void everyBundledChart_shouldBeUsedByACatalogApp_andUploadedWhole() throws IOException {
        List<String> bundled;
        try (Stream<Path> dirs = Files.list(CHARTS)) {
            bundled = dirs.map(d -> d.getFileName().toString()).sorted().toList();
        }
        assertThat(bundled).isNotEmpty();
        assertThat(localApps().stream()
                        .map(a -> a.helmChart().chart())
                        .distinct()
                        .sorted()
                        .toList())
                .isEqualTo(bundled);
        for (String chart : bundled) {
            List<String> files;
            try (Stream<Path> walk = Files.walk(CHARTS.resolve(chart))) {
                files = walk.filter(Files::isRegularFile)
                        .map(f -> CHARTS.resolve(chart).relativize(f).toString())
                        .toList();
            }
            // AppRemote.chart uploads this list: a file added to the chart but not to the list would never reach a
            // server
            assertThat(AppRemote.CODE_SERVER_CHART_FILES).containsExactlyInAnyOrderElementsOf(files);
        }
    }

    @Test
    void lintStrict_shouldPass_withTheValuesTheProductRenders(@TempDir Path tmp) throws IOException {
        for (CatalogApp app : localApps()) {
            // helm-java's lint takes no values file, so the chart is linted as a copy whose values.yaml is the
            // product's
            // values merged over the chart's own, which is what helm computes for an install
            Path copy = copyChart(app, tmp.resolve(app.id()));
            ObjectNode merged =
                    (ObjectNode) YAML.readTree(copy.resolve("values.yaml").toFile());
            merge(merged, YAML.readTree(productValues(app, "web")));
            YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);

            LintResult lint = new Helm(copy).lint().strict().call();
            assertThat(lint.getMessages())
                    .as("helm lint --strict of " + app.id())
                    .noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
            assertThat(lint.isFailed())
                    .as(String.join("\n", lint.getMessages()))
                    .isFalse();
        }
    }

    @Test
    void template_shouldRenderTheObjectsXanthusRelies_on(@TempDir Path tmp) throws IOException {
        CatalogApp app = catalog.require("code-server");
        Path values = Files.writeString(tmp.resolve("values.yaml"), productValues(app, "dev"));
        String release = "dev-code-server";
        List<JsonNode> objects = template(app, values, release, Map.of());

        assertThat(objects)
                .extracting(o ->
                        o.path("kind").asText() + "/" + o.at("/metadata/name").asText())
                .containsExactlyInAnyOrder(
                        "PersistentVolumeClaim/" + release,
                        "Service/" + release,
                        "Deployment/" + release,
                        "Ingress/" + release);
        for (JsonNode o : objects) {
            assertThat(o.at("/metadata/labels/app.kubernetes.io~1instance").asText())
                    .isEqualTo(release);
        }

        JsonNode deployment = kind(objects, "Deployment");
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        assertThat(container.path("image").asText()).isEqualTo("codercom/code-server:" + VERSION);
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
        assertThat(container.at("/ports/0/name").asText()).isEqualTo("http");
        assertThat(container.at("/env/0/name").asText()).isEqualTo("TZ");
        assertThat(container.at("/env/0/value").asText()).isEqualTo(TIMEZONE);
        // AppRemote.pod finds the pod by this label, AppRemote.portForward selects it by both
        assertThat(deployment
                        .at("/spec/template/metadata/labels/app.kubernetes.io~1instance")
                        .asText())
                .isEqualTo(release);
        assertThat(deployment
                        .at("/spec/template/metadata/labels/app.kubernetes.io~1name")
                        .asText())
                .isEqualTo("code-server");
        assertThat(deployment
                        .at("/spec/template/spec/volumes/0/persistentVolumeClaim/claimName")
                        .asText())
                .isEqualTo(release);
        // the product sets no password: code-server writes a random one to its config on first start, which Xanthus
        // reads from the volume, so no secret and no init container are rendered
        assertThat(deployment.at("/spec/template/spec/initContainers").isMissingNode())
                .isTrue();
        assertThat(objects).noneMatch(o -> o.path("kind").asText().equals("Secret"));

        JsonNode service = kind(objects, "Service");
        assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(8080);
        assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");

        JsonNode pvc = kind(objects, "PersistentVolumeClaim");
        assertThat(pvc.at("/spec/resources/requests/storage").asText()).isEqualTo("10Gi");
        assertThat(pvc.at("/metadata/annotations/helm.sh~1resource-policy").asText())
                .isEqualTo("keep");

        JsonNode ingress = kind(objects, "Ingress");
        assertThat(ingress.at("/spec/ingressClassName").asText()).isEqualTo("traefik");
        assertThat(ingress.at("/spec/rules/0/host").asText()).isEqualTo("dev.example.com");
        assertThat(ingress.at("/spec/tls/0/hosts/0").asText()).isEqualTo("dev.example.com");
        assertThat(ingress.at("/spec/tls/0/secretName").asText()).isEqualTo(AppRemote.tlsSecretName("example.com"));
        assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/name").asText())
                .isEqualTo(release);
        assertThat(ingress.at("/spec/rules/0/http/paths/0/backend/service/port/name")
                        .asText())
                .isEqualTo("http");
    }

    @Test
    void template_withAFirstPassword_shouldPutItInASecretOnly(@TempDir Path tmp) throws IOException {
        CatalogApp app = catalog.require("code-server");
        Path values = Files.writeString(tmp.resolve("values.yaml"), productValues(app, "dev"));
        String password = "p4ss: 'quoted' \"too\" #x";
        List<JsonNode> objects = template(app, values, "dev-code-server", Map.of("password", password));

        JsonNode secret = kind(objects, "Secret");
        assertThat(secret.at("/metadata/name").asText()).isEqualTo("dev-code-server-initial-config");
        JsonNode config = YAML.readTree(secret.at("/stringData/config.yaml").asText());
        assertThat(config.path("password").asText()).isEqualTo(password);
        assertThat(config.path("auth").asText()).isEqualTo("password");
        JsonNode deployment = kind(objects, "Deployment");
        assertThat(deployment.at("/spec/template/spec/initContainers/0/name").asText())
                .isEqualTo("initial-config");
        assertThat(deployment.toString()).doesNotContain("p4ss");
    }

    private List<CatalogApp> localApps() {
        return catalog.all().stream().filter(a -> a.helmChart().isLocal()).toList();
    }

    private String productValues(CatalogApp app, String subdomain) {
        Application record = new Application(
                "app-1",
                subdomain,
                "",
                app.id(),
                VERSION,
                subdomain,
                "example.com",
                "42",
                "vps",
                app.helmChart().namespace(),
                Application.CREATING,
                null,
                null,
                null,
                null,
                app.helmChart().chart(),
                app.helmChart().version(),
                null);
        return AppRemote.renderValues(record, app, VERSION, TIMEZONE, null);
    }

    private List<JsonNode> template(CatalogApp app, Path values, String release, Map<String, String> set)
            throws IOException {
        var command = new Helm(CHARTS.resolve(app.helmChart().chart()))
                .template()
                .withName(release)
                .withNamespace(app.helmChart().namespace())
                .withValuesFile(values);
        set.forEach(command::set);
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(command.call())) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && doc.isObject()) {
                    objects.add(doc);
                }
            }
        }
        return objects;
    }

    private static JsonNode kind(List<JsonNode> objects, String kind) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind))
                .findFirst()
                .orElseThrow();
    }

    private static Path copyChart(CatalogApp app, Path to) throws IOException {
        Path from = CHARTS.resolve(app.helmChart().chart());
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    private static void merge(ObjectNode into, JsonNode from) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (into.get(e.getKey()) instanceof ObjectNode c && e.getValue() instanceof ObjectNode v) {
                merge(c, v);
            } else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }
}
