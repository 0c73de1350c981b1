package dev.xanthus.sandbox.k8s;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The loopback endpoint the {@code helm} and {@code kubectl} shims of every sandbox server of this JVM talk to. A
 * server's folder holds {@code run/k8s-endpoint} ("port token"); the token says which server a call comes from.
 *
 * <p>Protocol (one call per connection, ASCII lines): the shim sends {@code XK8S1 <token> <tool> <argc>}, {@code CWD
 * <b64>}, {@code ARGS <b64 of the NUL-terminated arguments>} (absent when argc is 0), {@code END}. The endpoint answers
 * with {@code OUT <b64>} / {@code ERR <b64>} lines and a final {@code EXIT <status>}; before that it may send {@code
 * IN}, to which the shim replies with its whole standard input base64-encoded on one line.
 */
final class K8sEndpoint {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static volatile K8sEndpoint shared;

    private final ServerSocket socket;
    private final Map<String, Path> roots = new ConcurrentHashMap<>();

    private K8sEndpoint(ServerSocket socket) {
        this.socket = socket;
    }

    /** Registers a server folder and writes its {@code run/k8s-endpoint}; starts the endpoint on first use. */
    static void attach(Path root) {
        K8sEndpoint endpoint = shared();
        String token = HexFormat.of().formatHex(random(16));
        endpoint.roots.put(token, root);
        try {
            Files.createDirectories(root.resolve("run"));
            Files.writeString(root.resolve("run/k8s-endpoint"), endpoint.socket.getLocalPort() + " " + token + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the k8s endpoint file of " + root, e);
        }
    }

    static void detach(Path root) {
        K8sEndpoint endpoint = shared;
        if (endpoint != null) {
            endpoint.roots.values().removeIf(root::equals);
        }
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static K8sEndpoint shared() {
        K8sEndpoint endpoint = shared;
        if (endpoint != null) {
            return endpoint;
        }
        synchronized (K8sEndpoint.class) {
            if (shared == null) {
                try {
                    ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                    K8sEndpoint started = new K8sEndpoint(socket);
                    daemon("sandbox-k8s-accept", started::acceptLoop);
                    shared = started;
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start the sandbox k8s endpoint", e);
                }
            }
            return shared;
        }
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                daemon("sandbox-k8s-call", () -> serve(client));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = client.getOutputStream();
            String[] hello = line(in).split(" ");
            if (hello.length != 4 || !hello[0].equals("XK8S1")) {
                return;
            }
            Path root = roots.get(hello[1]);
            String tool = hello[2];
            int argc = Integer.parseInt(hello[3]);
            Path cwd = null;
            List<String> args = new ArrayList<>();
            for (String l; !(l = line(in)).equals("END"); ) {
                if (l.startsWith("CWD ")) {
                    cwd = Path.of(decode(l.substring(4)));
                } else if (l.startsWith("ARGS ")) {
                    String joined = decode(l.substring(5));
                    int start = 0;
                    for (int i = 0; i < argc; i++) {
                        int end = joined.indexOf('\0', start);
                        args.add(joined.substring(start, end));
                        start = end + 1;
                    }
                }
            }
            Invocation call = new Invocation(root, cwd, tool, args, () -> {
                send(out, "IN", "");
                return Base64.getDecoder().decode(line(in).trim());
            });
            int status;
            if (root == null || !Files.isDirectory(root)) {
                call.err(tool + ": this sandbox server is gone\n");
                status = 1;
            } else {
                status = Cluster.run(call);
            }
            if (!call.out().isEmpty()) {
                send(out, "OUT", call.out());
            }
            if (!call.err().isEmpty()) {
                send(out, "ERR", call.err());
            }
            out.write(("EXIT " + status + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException | RuntimeException e) {
            // the shim went away, or sent something else: nothing to answer
        }
    }

    private static void send(OutputStream out, String kind, String text) throws IOException {
        String payload =
                text.isEmpty() ? "" : " " + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        out.write((kind + payload + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String line(BufferedReader in) throws IOException {
        String l = in.readLine();
        if (l == null) {
            throw new IOException("the shim closed the connection");
        }
        return l;
    }

    private static String decode(String b64) {
        return new String(Base64.getDecoder().decode(b64.trim()), StandardCharsets.UTF_8);
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }
}
