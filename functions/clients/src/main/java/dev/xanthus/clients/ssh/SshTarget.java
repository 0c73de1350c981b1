package dev.xanthus.clients.ssh;

import java.security.KeyPair;

/**
 * Where and as whom to connect: {@code pinnedHostKey} is the host key's {@code SHA256:…} fingerprint seen before, or
 * null on first contact (trust on first use; the caller stores what {@link SshSession#hostKeyFingerprint()} reports).
 */
public record SshTarget(String host, int port, String user, KeyPair key, String pinnedHostKey) {

    @Override
    public String toString() {
        return "SshTarget[" + user + "@" + host + ":" + port + ", pinned=" + (pinnedHostKey != null) + "]";
    }
}
