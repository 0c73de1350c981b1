package dev.xanthus.sandbox.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * One sandbox server: an embedded sshd on 127.0.0.1 that lets in its login user ({@code root} unless told otherwise) with the
 * authorised keys only, runs a real
 * bash over its own folder and keeps its port and host key across power cycles. A server created with user data runs
 * it at its first boot as cloud-init does ({@link CloudInitRun}, in the background); losing power before cloud-init
 * finished stops it, and the next boot runs it again.
 */
public final class SandboxServer {

    /** The login user unless the provider's image says otherwise. */
    public static final String ROOT = "root";

    private static final String LOOPBACK = "127.0.0.1";

    private final String name;
    private final String ip;
    private final ServerFolder folder;
    private final KeyPair hostKey;
    private final List<PublicKey> authorizedKeys;
    private final List<String> loginUsers;
    private final String userData;
    private SshServer sshd;
    private int port;
    private Thread cloudInit;

    /** {@code userData} null: booted without any (cloud-init then has nothing to do). */
    SandboxServer(
            String name,
            String ip,
            ServerFolder folder,
            KeyPair hostKey,
            List<PublicKey> authorizedKeys,
            List<String> loginUsers,
            String userData) {
        this.name = name;
        this.userData = userData;
        this.loginUsers = List.copyOf(loginUsers);
        this.ip = ip;
        this.folder = folder;
        this.hostKey = hostKey;
        this.authorizedKeys = List.copyOf(authorizedKeys);
    }

    public String name() {
        return name;
    }

    /** The synthetic public IPv4 the provider shows for this server. */
    public String ip() {
        return ip;
    }

    /**
     * The image's user the authorised keys let in: {@link #ROOT}, or e.g. {@code ubuntu} for OCI's Ubuntu images (where
     * cloud-init's {@code disable_root: false} lets root in too; see {@link #loginUsers()}).
     */
    public String loginUser() {
        return loginUsers.get(0);
    }

    /** Every user the authorised keys let in. */
    public List<String> loginUsers() {
        return loginUsers;
    }

    /** Where sshd listens; the port is fixed at the first power-on and kept afterwards. */
    public InetSocketAddress sshAddress() {
        return new InetSocketAddress(LOOPBACK, port);
    }

    /** The host key's OpenSSH fingerprint ({@code SHA256:…}), for clients to pin. */
    public String hostKeyFingerprint() {
        return KeyUtils.getFingerPrint(hostKey.getPublic());
    }

    /** The folder the server's Xanthus paths live in ({@code /opt/xanthus/status} is {@code root()/opt/xanthus/status}). */
    public Path root() {
        return folder.root();
    }

    /** Whether this is a bare cloud image (see {@link SandboxServers#createBare}). */
    public boolean isBare() {
        return folder.bare();
    }

    /** Who owns {@code linuxPath} on the server ({@code user:group}), as cloud-init's write_files set it. */
    public String owner(String linuxPath) {
        return folder.owner(linuxPath);
    }

    /** What the setup last wrote to {@code /opt/xanthus/status}; null while there is none or it is not a stage. */
    public Stage stage() {
        return folder.stage();
    }

    /** The user data the server was created with (null: none), as its cloud-init received it. */
    public String userData() {
        return userData;
    }

    /** Whether cloud-init got to the end of the user data (whatever the result; see {@code /run/cloud-init/status}). */
    public boolean cloudInitFinished() {
        return folder.cloudInitFinished();
    }

    public synchronized boolean isPoweredOn() {
        return sshd != null;
    }

    /** Starts sshd (on the same port as before, if it ran before). */
    public synchronized void powerOn() {
        if (sshd != null) {
            return;
        }
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost(LOOPBACK);
        server.setPort(port);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        // A bare server's sshd reads the users' authorized_keys files, so what a setup gives root counts at once.
        server.setPublickeyAuthenticator((username, key, session) -> folder.bare()
                ? (loginUsers.contains(username) || username.equals(ROOT)) && folder.authorizes(username, key)
                : loginUsers.contains(username) && authorizedKeys.stream().anyMatch(k -> KeyUtils.compareKeys(k, key)));
        server.setShellFactory(channel -> new BashCommand(folder, null));
        server.setCommandFactory((channel, command) -> new BashCommand(folder, command));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(folder.root()));
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("sandbox server " + name + " cannot listen on port " + port, e);
        }
        port = server.getPort();
        sshd = server;
        folder.markBooted(Instant.now());
        folder.startEnabledUnits();
        if (userData != null && !folder.cloudInitFinished()) {
            CloudInitRun run = new CloudInitRun(folder, userData);
            cloudInit = new Thread(run::run, "sandbox-cloud-init-" + name);
            cloudInit.setDaemon(true);
            cloudInit.start();
        }
    }

    /** Stops sshd at once, dropping open sessions, as pulling the plug would: connections are then refused. */
    public synchronized void powerOff() {
        if (sshd == null) {
            return;
        }
        if (cloudInit != null) {
            cloudInit.interrupt();
            folder.stopProcesses();
            try {
                cloudInit.join(2_000); // so a quick power-on never finds the old run still writing
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            cloudInit = null;
        }
        folder.stopCollector();
        try {
            sshd.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            sshd = null;
        }
    }

    public synchronized void reboot() {
        powerOff();
        powerOn();
    }

    ServerFolder folder() {
        return folder;
    }
}
