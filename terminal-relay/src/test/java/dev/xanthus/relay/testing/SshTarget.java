package dev.xanthus.relay.testing;

/** Where and how a ticket points: an sshd, its pinned host key, and the user's key. */
public record SshTarget(String host, int port, String user, String privateKeyPem, String hostKeyFingerprint) {

    public SshTarget withFingerprint(String other) {
        return new SshTarget(host, port, user, privateKeyPem, other);
    }
}
