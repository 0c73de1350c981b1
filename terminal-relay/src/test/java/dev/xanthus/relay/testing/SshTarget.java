package dev.xanthus.relay.testing;

import dev.xanthus.sandbox.ssh.SandboxServer;
import dev.xanthus.sandbox.ssh.SandboxServers;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/** Where and how a ticket points: an sshd, its pinned host key, and the user's key. */
public record SshTarget(String host, int port, String user, String privateKeyPem, String hostKeyFingerprint) {

    /** A new sandbox server (MINA sshd, real bash PTY) that lets root in with a fresh RSA key. */
    public static SshTarget sandboxBox(SandboxServers servers) throws GeneralSecurityException {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair user = rsa.generateKeyPair();
        SandboxServer box = servers.create("box", List.of(PublicKeyEntry.toString(user.getPublic()) + " test"));
        return new SshTarget(
                "127.0.0.1", box.sshAddress().getPort(), "root", Pem.privateKey(user), box.hostKeyFingerprint());
    }

    public SshTarget withFingerprint(String other) {
        return new SshTarget(host, port, user, privateKeyPem, other);
    }
}
