package dev.xanthus.sandbox.ssh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * What cloud-init does with a server's user data, in the server's folder: {@code write_files}, then the packages
 * ({@code package_update}, {@code package_upgrade}, {@code packages}) through the apt-get shim, then {@code runcmd}
 * as one {@code /bin/sh} script, with everything they print appended to {@code /var/log/cloud-init-output.log}.
 * Absolute Linux paths in file contents and commands are moved into the folder, as for every command over SSH.
 * The setup reports its progress only through what it writes itself (e.g. {@code /opt/xanthus/status}).
 *
 * <p>Behaviour follows cloud-init 24.x (canonical/cloud-init, recalled from the sources, not re-checked here):
 * user data that starts with neither {@code #cloud-config} nor {@code #!} is not run ("Unhandled non-multipart
 * userdata", cloudinit/handlers); a YAML error drops the whole config; {@code cc_write_files} decodes
 * {@code b64}/{@code gzip}/{@code gz+b64}, writes the file, chowns it (an unknown user or group fails the module and
 * skips the entries after it), and falls back to 0644 with a warning for permissions it cannot read
 * ({@code decode_perms}); {@code cc_runcmd} quotes list entries word by word and writes string entries as they are
 * ({@code util.shellify}), and the script runs without {@code set -e}, so a failing command does not stop the next.
 */
final class CloudInitRun {

    static final String OUTPUT_LOG = "var/log/cloud-init-output.log";
    /** cloud-init's marker of a finished boot (written whatever the result); the instance's modules then never rerun. */
    static final String BOOT_FINISHED = "var/lib/cloud/instance/boot-finished";
    /** The accounts of the Ubuntu cloud images the providers boot (cloud-init resolves owners with getpwnam). */
    private static final Set<String> IMAGE_USERS = Set.of(
            "root",
            "daemon",
            "bin",
            "sys",
            "sync",
            "games",
            "man",
            "lp",
            "mail",
            "news",
            "uucp",
            "proxy",
            "www-data",
            "backup",
            "list",
            "irc",
            "nobody",
            "_apt",
            "systemd-network",
            "systemd-resolve",
            "messagebus",
            "syslog",
            "sshd",
            "ubuntu");

    private static final Set<String> IMAGE_GROUPS = Set.of(
            "root",
            "daemon",
            "bin",
            "sys",
            "adm",
            "tty",
            "disk",
            "lp",
            "mail",
            "news",
            "uucp",
            "man",
            "proxy",
            "kmem",
            "dialout",
            "sudo",
            "audio",
            "www-data",
            "backup",
            "list",
            "irc",
            "staff",
            "users",
            "nogroup",
            "systemd-journal",
            "syslog",
            "ubuntu");
    private static final YAMLMapper YAML = new YAMLMapper();

    private final ServerFolder folder;
    private final String userData;

    CloudInitRun(ServerFolder folder, String userData) {
        this.folder = folder;
        this.userData = userData == null ? "" : userData;
    }

    /**
     * Runs the user data to its end; a failure shows in the output log, never as an exception. An interrupt (the server
     * lost power) kills the running command and ends the run without finishing it, so the next boot runs it again.
     */
    void run() {
        try {
            runModules();
        } catch (RuntimeException e) {
            if (!Thread.currentThread().isInterrupted()) {
                throw e;
            }
            // powered off or deleted under us: its folder may be gone, nothing left to report
        }
    }

    private void runModules() {
        log("Cloud-init v. 24.4 running 'modules:final'");
        if (userData.startsWith("#!")) {
            Path script = file("/var/lib/cloud/instance/scripts/part-001");
            write(script, folder.mapPaths(userData).getBytes(StandardCharsets.UTF_8), 0700);
            int rc = exec(List.of(script.toString()));
            finish(rc == 0 ? List.of() : List.of("scripts-user: part-001 failed"));
            return;
        }
        if (!userData.startsWith("#cloud-config")) {
            log("Unhandled non-multipart (text/x-not-multipart) userdata");
            finish(List.of());
            return;
        }
        JsonNode config;
        try {
            config = YAML.readTree(userData);
        } catch (IOException e) {
            log("Failed loading yaml blob: the config is ignored");
            finish(List.of("user data is not valid YAML"));
            return;
        }
        if (config == null || !config.isObject()) {
            finish(List.of());
            return;
        }
        List<String> errors = new ArrayList<>();
        writeFiles(config.path("write_files"), false, errors);
        packages(config, errors);
        writeFiles(config.path("write_files"), true, errors);
        runcmd(config.path("runcmd"), errors);
        finish(errors);
    }

    private void writeFiles(JsonNode entries, boolean deferred, List<String> errors) {
        for (JsonNode entry : entries) {
            if (entry.path("defer").asBoolean(false) != deferred) {
                continue;
            }
            String path = entry.path("path").asText("");
            if (!path.startsWith("/")) {
                log("write_files: an entry without an absolute path: skipped");
                continue;
            }
            byte[] content;
            try {
                content = decode(
                        entry.path("content").asText(""), entry.path("encoding").asText("text/plain"));
            } catch (IOException | IllegalArgumentException e) {
                errors.add("write_files: cannot decode " + path);
                log("write_files: cannot decode the content of " + path);
                return;
            }
            Path target = file(path);
            boolean append = entry.path("append").asBoolean(false);
            byte[] mapped =
                    folder.mapPaths(new String(content, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            try {
                Files.createDirectories(target.getParent());
                Files.write(
                        target,
                        mapped,
                        StandardOpenOption.CREATE,
                        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
            } catch (IOException e) {
                errors.add("write_files: cannot write " + path);
                return;
            }
            String owner = entry.path("owner").asText("root:root");
            String[] ug = owner.split(":", 2);
            if (!IMAGE_USERS.contains(ug[0]) || ug.length == 2 && !IMAGE_GROUPS.contains(ug[1])) {
                // getpwnam/getgrnam raise: the module stops here, the files after this one are not written
                errors.add("write_files: unknown owner " + owner);
                log("Running module write_files failed: KeyError: \"getpwnam(): name not found: '" + ug[0] + "'\"");
                return;
            }
            folder.recordOwner(path, ug[0] + ":" + (ug.length == 2 ? ug[1] : ug[0]));
            setMode(target, permissions(entry.path("permissions"), path));
        }
    }

    private int permissions(JsonNode node, String path) {
        if (node.isMissingNode() || node.isNull()) {
            return 0644;
        }
        if (node.isInt()) {
            return node.asInt();
        }
        try {
            return Integer.parseInt(node.asText(), 8);
        } catch (NumberFormatException e) {
            log("Undecodable permissions " + node.asText() + ", returning default 644 (" + path + ")");
            return 0644;
        }
    }

    private void packages(JsonNode config, List<String> errors) {
        boolean update = config.path("package_update").asBoolean(false);
        boolean upgrade = config.path("package_upgrade").asBoolean(false);
        List<String> names = new ArrayList<>();
        config.path("packages").forEach(p -> names.add(p.asText()));
        // the image's apt-get (the shim), by its path: ProcessBuilder looks names up in this JVM's PATH, not the
        // server's
        List<String> apt = List.of(
                folder.root().resolve("bin/apt-get").toString(),
                "--option=Dpkg::Options::=--force-confold",
                "--option=Dpkg::options::=--force-unsafe-io",
                "--assume-yes",
                "--quiet");
        if (update || upgrade || !names.isEmpty()) {
            if (exec(concat(apt, List.of("update"))) != 0) {
                errors.add("package_update_upgrade_install: update failed");
            }
        }
        if (upgrade && exec(concat(apt, List.of("dist-upgrade"))) != 0) {
            errors.add("package_update_upgrade_install: upgrade failed");
        }
        if (!names.isEmpty() && exec(concat(concat(apt, List.of("install")), names)) != 0) {
            errors.add("package_update_upgrade_install: install failed");
        }
    }

    private void runcmd(JsonNode commands, List<String> errors) {
        if (!commands.isArray() || commands.isEmpty()) {
            return;
        }
        StringBuilder script = new StringBuilder("#!/bin/sh\n");
        for (JsonNode command : commands) {
            if (command.isArray()) {
                List<String> words = new ArrayList<>();
                command.forEach(w -> words.add("'" + w.asText().replace("'", "'\\''") + "'"));
                script.append(String.join(" ", words)).append('\n');
            } else {
                script.append(command.asText()).append('\n');
            }
        }
        Path file = file("/var/lib/cloud/instance/scripts/runcmd");
        write(file, folder.mapPaths(script.toString()).getBytes(StandardCharsets.UTF_8), 0700);
        if (exec(List.of(file.toString())) != 0) {
            errors.add("scripts-user: runcmd failed");
            log("Failed to run module scripts-user (scripts in /var/lib/cloud/instance/scripts)");
        }
    }

    private void finish(List<String> errors) {
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        String result = errors.isEmpty() ? "done" : "error";
        write(
                file("/run/cloud-init/status"),
                (result + "\n" + String.join("\n", errors) + (errors.isEmpty() ? "" : "\n"))
                        .getBytes(StandardCharsets.UTF_8),
                0644);
        write(file("/" + BOOT_FINISHED), (Instant.now() + "\n").getBytes(StandardCharsets.UTF_8), 0644);
        log("Cloud-init v. 24.4 finished. Status: " + result);
    }

    /** Runs {@code command} on the server, its output appended to the output log; the exit status. */
    private int exec(List<String> command) {
        if (Thread.currentThread().isInterrupted()) {
            return 130;
        }
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(folder.home().toFile());
        builder.environment().clear();
        builder.environment().putAll(folder.environment());
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(
                folder.root().resolve(OUTPUT_LOG).toFile()));
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            log("cannot run " + command.get(0) + ": " + e.getMessage());
            return 127;
        }
        folder.track(process);
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private static byte[] decode(String content, String encoding) throws IOException {
        return switch (encoding.toLowerCase()) {
            case "b64", "base64" -> Base64.getMimeDecoder().decode(content);
            case "gz", "gzip" -> gunzip(content.getBytes(StandardCharsets.ISO_8859_1));
            case "gz+b64", "gz+base64", "gzip+b64", "gzip+base64" ->
                gunzip(Base64.getMimeDecoder().decode(content));
            case "text/plain" -> content.getBytes(StandardCharsets.UTF_8);
            default -> throw new IllegalArgumentException("unknown encoding " + encoding);
        };
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    private Path file(String linuxPath) {
        return folder.root().resolve(linuxPath.substring(1)).normalize();
    }

    private void write(Path target, byte[] content, int mode) {
        try {
            Files.createDirectories(target.getParent());
            Files.write(target, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        setMode(target, mode);
    }

    private static void setMode(Path target, int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                perms.add(order[bit]);
            }
        }
        try {
            Files.setPosixFilePermissions(target, perms);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A line of cloud-init's own, in its output log and (as cloud-final's output is) in the journal. */
    private void log(String line) {
        folder.journal("cloud-init[812]: " + line);
        try {
            Files.writeString(
                    folder.root().resolve(OUTPUT_LOG),
                    line + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
