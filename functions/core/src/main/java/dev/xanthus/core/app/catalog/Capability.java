package dev.xanthus.core.app.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * What Xanthus manages for a catalog app beyond deploy, upgrade and delete, as {@code capabilities:} in its
 * {@code catalog/<id>.yaml} declares it. The generic ones need no code per app; {@link #PASSWORD} needs the app's
 * {@code AppPasswords} strategy, because every app keeps its password its own way.
 */
public enum Capability {
    /** A password Xanthus shows and changes (the app's strategy says where it lives). */
    PASSWORD("password"),
    /** Kubernetes service-account tokens for the release's account (e.g. Headlamp's sign-in). */
    TOKEN("token"),
    /** Extra ports of the app published under their own subdomains. */
    PORT_FORWARDS("port-forwards"),
    /** A random secret key generated at deploy and kept across upgrades (e.g. Open WebUI's session key). */
    SECRET_KEY("secret-key"),
    /** At most one release of the app per server (it owns cluster-wide objects, e.g. Argo CD's CRDs). */
    ONE_PER_SERVER("one-per-server");

    private final String id;

    Capability(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static Capability of(String id) {
        return Arrays.stream(values())
                .filter(c -> c.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown capability '" + id + "'; known: "
                        + Arrays.stream(values()).map(Capability::id).toList()));
    }
}
