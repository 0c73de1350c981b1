package dev.xanthus.api.apps;

import dev.xanthus.api.support.ApiResponse;
import dev.xanthus.core.app.AppVersion;
import dev.xanthus.core.app.VersionService;
import dev.xanthus.core.app.catalog.Catalog;
import dev.xanthus.core.app.catalog.CatalogApp;
import dev.xanthus.core.auth.Principal;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The application catalog and the versions each app can be installed at. */
@RestController
public class CatalogController {

    private final Catalog catalog;
    private final VersionService versions;

    public CatalogController(Catalog catalog, VersionService versions) {
        this.catalog = catalog;
        this.versions = versions;
    }

    @GetMapping("/api/v1/applications/catalog")
    ApiResponse<List<CatalogApp>> catalog(Principal principal) {
        return ApiResponse.ok(catalog.all());
    }

    @GetMapping("/api/v1/applications/versions/{appType}")
    ApiResponse<List<AppVersion>> versions(Principal principal, @PathVariable String appType) {
        return ApiResponse.ok(versions.versions(catalog.require(appType).id()));
    }
}
