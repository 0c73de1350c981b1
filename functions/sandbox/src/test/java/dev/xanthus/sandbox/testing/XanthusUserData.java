package dev.xanthus.sandbox.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Xanthus's real cloud-init template (functions/core), read from its sources so a change there is tested here too
 * (the sandbox cannot depend on core), with {@code setup.env} filled in as {@code CloudInit.render} does: one YAML
 * double-quoted scalar of single-quoted shell assignments.
 */
public final class XanthusUserData {

    private static final Path TEMPLATE = Path.of("../core/src/main/resources/dev/xanthus/core/remote/cloud-init.yaml");

    private XanthusUserData() {}

    public static String render(String hostname, String zone, String provider) {
        String env = "XANTHUS_HOSTNAME='" + hostname + "'\\nXANTHUS_TIMEZONE='" + zone + "'\\nXANTHUS_PROVIDER='"
                + provider + "'\\n";
        try {
            return Files.readString(TEMPLATE).replace("{{SETUP_ENV}}", "\"" + env + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read Xanthus's cloud-init template at " + TEMPLATE.toAbsolutePath(), e);
        }
    }

    public static String hetzner(String hostname, String zone) {
        return render(hostname, zone, "hetzner");
    }
}
