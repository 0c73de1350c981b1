package dev.xanthus.clients.ssh;

/** What one remote command printed and how it exited. */
public record CommandResult(int exitStatus, String stdout, String stderr) {

    public boolean succeeded() {
        return exitStatus == 0;
    }
}
