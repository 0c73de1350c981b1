package dev.xanthus.core.app;

import dev.xanthus.core.app.catalog.Capability;
import dev.xanthus.core.app.catalog.Catalog;
import dev.xanthus.core.app.catalog.CatalogApp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The code behind the catalog's capabilities, one strategy per app type that needs one. Built against the catalog and
 * refused when the two disagree, so a catalog app that declares a password without a strategy (or the reverse) stops
 * the function at start-up instead of answering NOT_SUPPORTED to a user.
 */
public final class AppStrategies {

    private final Map<String, AppPasswords> passwords;

    AppStrategies(Catalog catalog, List<AppPasswords> passwords) {
        this.passwords =
                passwords.stream().collect(Collectors.toUnmodifiableMap(AppPasswords::appType, Function.identity()));
        for (CatalogApp app : catalog.all()) {
            if (app.has(Capability.PASSWORD) != this.passwords.containsKey(app.id())) {
                throw new IllegalStateException("catalog/" + app.id() + ".yaml "
                        + (app.has(Capability.PASSWORD)
                                ? "declares a password but no AppPasswords strategy handles it"
                                : "declares no password but an AppPasswords strategy exists for it"));
            }
        }
        this.passwords.keySet().forEach(catalog::require);
    }

    /** The strategies for the bundled catalog. */
    public static AppStrategies standard(Catalog catalog, Clock clock) {
        return new AppStrategies(catalog, List.of(new CodeServerPasswords(), new ArgoCdPasswords(clock)));
    }

    Optional<AppPasswords> passwords(String appType) {
        return Optional.ofNullable(passwords.get(appType));
    }
}
