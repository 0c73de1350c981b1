package dev.xanthus.core.app.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.xanthus.core.error.AppException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The application catalog, embedded in the jar: the Go program's YAML definitions plus our values templates. */
public final class Catalog {

    static final List<String> IDS = List.of("code-server", "open-webui", "argocd", "headlamp", "xanthus");
    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Map<String, CatalogApp> apps;

    private Catalog(Map<String, CatalogApp> apps) {
        this.apps = apps;
    }

    public static Catalog load() {
        Map<String, CatalogApp> apps = new LinkedHashMap<>();
        for (String id : IDS) {
            CatalogApp app = read("catalog/" + id + ".yaml", CatalogApp.class);
            if (!id.equals(app.id())) {
                throw new IllegalStateException("catalog/" + id + ".yaml declares id " + app.id());
            }
            valuesTemplate(app);
            apps.put(id, app);
        }
        return new Catalog(Map.copyOf(apps));
    }

    public List<CatalogApp> all() {
        return IDS.stream().map(apps::get).toList();
    }

    public Optional<CatalogApp> find(String id) {
        return Optional.ofNullable(id == null ? null : apps.get(id));
    }

    public CatalogApp require(String id) {
        return find(id).orElseThrow(() -> AppException.notFound(
                "APP_TYPE_NOT_FOUND",
                "There is no catalog application '" + quoted(id) + "'. Known: " + String.join(", ", IDS) + "."));
    }

    /** At most this much of the asked-for id is quoted back: it comes from the request path, which may be kilobytes. */
    static final int MAX_QUOTED = 100;

    private static String quoted(String id) {
        return id == null || id.length() <= MAX_QUOTED ? id : id.substring(0, MAX_QUOTED) + "…";
    }

    /** Our values template for the app (resource {@code catalog/values/<values_template>}). */
    public static String valuesTemplate(CatalogApp app) {
        String path = "catalog/values/" + app.helmChart().valuesTemplate();
        try (InputStream in = Catalog.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " missing from the classpath");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(String path, Class<T> type) {
        try (InputStream in = Catalog.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " missing from the classpath");
            }
            return YAML.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
