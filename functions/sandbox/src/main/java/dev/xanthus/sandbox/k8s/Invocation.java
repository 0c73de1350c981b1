package dev.xanthus.sandbox.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One {@code helm} or {@code kubectl} call from a server's shell: where, with what, and what it answers. */
final class Invocation {

    /** Reads the caller's whole standard input (asks the shim for it). */
    interface Stdin {
        byte[] read() throws IOException;
    }

    /** Absolute paths a provisioned server has that the sandbox keeps in the server's folder (as the _mapped shim). */
    private static final List<String> MAPPED =
            List.of("/opt/xanthus", "/var/lib/xanthus", "/etc/rancher", "/etc/hostname", "/etc/timezone");

    private final Path root;
    private final Path cwd;
    private final String tool;
    private final List<String> args;
    private final Stdin stdin;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();
    private byte[] input;

    Invocation(Path root, Path cwd, String tool, List<String> args, Stdin stdin) {
        this.root = root;
        this.cwd = cwd == null && root != null ? root.resolve("root") : cwd;
        this.tool = tool;
        this.args = List.copyOf(args);
        this.stdin = stdin;
    }

    Path root() {
        return root;
    }

    String tool() {
        return tool;
    }

    List<String> args() {
        return args;
    }

    /** Standard input, read once, on first use. Call it before taking the cluster lock: the caller may be slow. */
    String stdin() {
        if (input == null) {
            try {
                input = stdin.read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new String(input, StandardCharsets.UTF_8);
    }

    void out(String text) {
        out.append(text);
    }

    void err(String text) {
        err.append(text);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    /**
     * Where a path given on the command line is, seen from the server: relative to the shell's directory; the mapped
     * Xanthus paths in the server's folder; other absolute paths in the folder when they exist there (uploaded over
     * SFTP, whose root is the folder), else on this machine (written by the shell itself, e.g. under /tmp).
     */
    Path resolve(String path) {
        if (!path.startsWith("/")) {
            return cwd.resolve(path).normalize();
        }
        Path inFolder = root.resolve(path.substring(1)).normalize();
        for (String prefix : MAPPED) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return inFolder;
            }
        }
        return Files.exists(inFolder) ? inFolder : Path.of(path).normalize();
    }

    /** The file's text, or null when there is no such (regular) file. */
    String readFile(String path) {
        Path file = resolve(path);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return null;
        }
    }
}
