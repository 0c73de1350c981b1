package dev.xanthus.core.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the hardened cloud-init of a Xanthus server. The template takes one slot, {@code setup.env}: shell
 * assignments with single-quoted values, written into the YAML as one double-quoted scalar in which every character
 * outside printable ASCII is escaped. So no value, however hostile, can end the scalar, add YAML keys, or run shell.
 */
public final class CloudInit {

    private static final String TEMPLATE = load();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private CloudInit() {}

    /** Where the server runs: Oracle's Ubuntu images need their own iptables rules opened for 80 and 443. */
    public enum Provider {
        HETZNER,
        OCI
    }

    /** The user data for a server named {@code hostname} in {@code timeZone}; callers validate both first. */
    public static String render(String hostname, String timeZone, Provider provider) {
        return TEMPLATE.replace("{{SETUP_ENV}}", yamlDoubleQuoted(env(hostname, timeZone, provider)));
    }

    /** {@code setup.env}: one shell assignment per value, each value single-quoted. */
    static String env(String hostname, String timeZone, Provider provider) {
        return "XANTHUS_HOSTNAME=" + RemoteCommand.quote(hostname) + "\n"
                + "XANTHUS_TIMEZONE=" + RemoteCommand.quote(timeZone) + "\n"
                + "XANTHUS_PROVIDER=" + RemoteCommand.quote(provider.name().toLowerCase()) + "\n";
    }

    /** One {@code write_files} entry of the template, as cloud-init would write it. */
    public record WriteFile(String path, String owner, String permissions, String content) {}

    /** The sshd drop-in of the template ({@code PermitRootLogin prohibit-password}, no passwords). */
    public static final String SSHD_DROP_IN = "/etc/ssh/sshd_config.d/10-xanthus.conf";

    /**
     * The template's {@code write_files}, read from the user data {@link #render} makes (so {@code setup.env} carries
     * the same quoted values).
     */
    public static List<WriteFile> writeFiles(String hostname, String timeZone, Provider provider) {
        JsonNode doc = parse(render(hostname, timeZone, provider));
        List<WriteFile> files = new ArrayList<>();
        doc.path("write_files")
                .forEach(f -> files.add(new WriteFile(
                        f.path("path").asText(),
                        f.path("owner").asText(),
                        f.path("permissions").asText(),
                        f.path("content").asText())));
        return files;
    }

    /** The template's sshd drop-in, values aside. */
    public static WriteFile sshdDropIn() {
        return writeFiles("x", "UTC", Provider.HETZNER).stream()
                .filter(f -> f.path().equals(SSHD_DROP_IN))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("cloud-init.yaml has no " + SSHD_DROP_IN));
    }

    /**
     * What cloud-init does with the user data, as one bash script for a server that already runs (an existing VM
     * reached over SSH as root): the packages ({@code package_update}, {@code package_upgrade}, {@code packages}),
     * every {@code write_files} entry, and then the {@code runcmd} commands, in the background under a lock, so the
     * script returns at once and the setup's progress shows in {@code /opt/xanthus/status} as on a created server.
     * Values reach the script only inside {@code setup.env} (single-quoted, see {@link #env}); file contents are written
     * with heredocs under a random marker; every other word is a literal of the template, checked by
     * {@link RemoteCommand}. A server whose setup already reached READY is left alone; a running setup is not started
     * twice.
     */
    public static String existingServerScript(String hostname, String timeZone, Provider provider) {
        JsonNode doc = parse(render(hostname, timeZone, provider));
        StringBuilder setup = new StringBuilder("set -eEu\nexport DEBIAN_FRONTEND=noninteractive\n")
                .append("trap 'printf \"%s\\n\" FAILED >/opt/xanthus/status' ERR\n");
        if (doc.path("package_update").asBoolean(false)
                || doc.path("package_upgrade").asBoolean(false)) {
            setup.append(RemoteCommand.of("apt-get")
                            .literal("-q")
                            .literal("update")
                            .build()
                            .line())
                    .append('\n');
        }
        if (doc.path("package_upgrade").asBoolean(false)) {
            setup.append(RemoteCommand.of("apt-get")
                            .literal("-y")
                            .literal("-q")
                            .literal("-o")
                            .literal("Dpkg::Options::=--force-confdef")
                            .literal("-o")
                            .literal("Dpkg::Options::=--force-confold")
                            .literal("upgrade")
                            .build()
                            .line())
                    .append('\n');
        }
        if (doc.path("packages").size() > 0) {
            RemoteCommand.Builder install =
                    RemoteCommand.of("apt-get").literal("-y").literal("-q").literal("install");
            doc.path("packages").forEach(p -> install.literal(p.asText()));
            setup.append(install.build().line()).append('\n');
        }
        doc.path("runcmd").forEach(command -> {
            RemoteCommand.Builder line = RemoteCommand.of(command.path(0).asText());
            for (int i = 1; i < command.size(); i++) {
                line.literal(command.path(i).asText());
            }
            setup.append(line.build().line()).append('\n');
        });

        StringBuilder script = new StringBuilder("set -eu\numask 077\n")
                .append(
                        "if [ \"$(cat /opt/xanthus/status 2>/dev/null || true)\" = READY ]; then echo READY; exit 0; fi\n");
        for (WriteFile file : writeFiles(hostname, timeZone, provider)) {
            script.append(write(file));
        }
        script.append(write(new WriteFile(BOOTSTRAP, "root:root", "0700", setup.toString())));
        script.append("if flock -n /opt/xanthus/setup.lock true; then\n")
                .append("  printf '%s\\n' INSTALLING >/opt/xanthus/status\n")
                .append("  setsid flock -n /opt/xanthus/setup.lock bash ")
                .append(BOOTSTRAP)
                .append(" >>/opt/xanthus/setup.log 2>&1 </dev/null &\n")
                .append("fi\n")
                .append("echo STARTED\n");
        return script.toString();
    }

    /** Where {@link #existingServerScript} keeps cloud-init's package steps and runcmd. */
    static final String BOOTSTRAP = "/opt/xanthus/bootstrap.sh";

    /** Shell lines writing one file: parent folder, content through a quoted heredoc, owner, mode. */
    static String write(WriteFile file) {
        String path = RemoteCommand.literal(file.path());
        String parent = path.substring(0, Math.max(1, path.lastIndexOf('/')));
        String marker = marker(file.content());
        String content =
                file.content().endsWith("\n") || file.content().isEmpty() ? file.content() : file.content() + "\n";
        return RemoteCommand.of("mkdir")
                        .literal("-p")
                        .literal("-m")
                        .literal("0755")
                        .literal(parent)
                        .build()
                        .line() + "\n"
                + "cat >" + path + " <<'" + marker + "'\n" + content + marker + "\n"
                + RemoteCommand.of("chown")
                        .literal(file.owner())
                        .literal(path)
                        .build()
                        .line() + "\n"
                + RemoteCommand.of("chmod")
                        .literal(file.permissions())
                        .literal(path)
                        .build()
                        .line() + "\n";
    }

    /** A heredoc end marker no line of {@code content} is. */
    private static String marker(String content) {
        while (true) {
            byte[] bytes = new byte[12];
            RANDOM.nextBytes(bytes);
            String marker = "XANTHUS_" + java.util.HexFormat.of().formatHex(bytes);
            if (!content.contains(marker)) {
                return marker;
            }
        }
    }

    private static JsonNode parse(String userData) {
        try {
            return YAML.readTree(userData);
        } catch (IOException e) {
            throw new UncheckedIOException("cloud-init.yaml does not parse", e);
        }
    }

    /** A YAML double-quoted scalar: printable ASCII kept, {@code "} and {@code \} escaped, the rest as {@code \\uXXXX}. */
    static String yamlDoubleQuoted(String value) {
        StringBuilder out = new StringBuilder("\"");
        value.codePoints().forEach(cp -> {
            if (cp == '"' || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
            } else if (cp >= 0x20 && cp < 0x7f) {
                out.appendCodePoint(cp);
            } else if (cp == '\n') {
                out.append("\\n");
            } else if (cp >= 0xd800 && cp <= 0xdfff) {
                out.append("\\ufffd");
            } else if (cp <= 0xffff) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.append(String.format("\\U%08x", cp));
            }
        });
        return out.append('"').toString();
    }

    private static String load() {
        try (InputStream in = CloudInit.class.getResourceAsStream("cloud-init.yaml")) {
            if (in == null) {
                throw new IllegalStateException("cloud-init.yaml is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
