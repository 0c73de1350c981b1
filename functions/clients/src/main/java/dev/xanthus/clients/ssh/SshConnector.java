package dev.xanthus.clients.ssh;

/** Opens SSH connections with a pinned (or first-seen) host key and public-key authentication only. */
public interface SshConnector {

    SshSession open(SshTarget target);
}
