package dev.xanthus.sandbox.ssh;

/** The values cloud-init's setup script writes to {@code /opt/xanthus/status}, in order. */
public enum Stage {
    INSTALLING,
    INSTALLING_K3S,
    WAITING_K3S,
    INSTALLING_HELM,
    VERIFYING,
    READY
}
