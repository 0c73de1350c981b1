package dev.xanthus.clients.ssh;

/** One authenticated SSH connection; each {@link #run} opens a channel on it. */
public interface SshSession extends AutoCloseable {

    /** The server's host key as {@code SHA256:…}, verified against the pin when there was one. */
    String hostKeyFingerprint();

    /** Runs a command line that the caller built and quoted; throws {@link SshException} when it cannot. */
    CommandResult run(String commandLine);

    /**
     * Runs a command line with {@code stdin} written to its standard input (then closed): how secrets reach a remote
     * program without appearing on any command line.
     */
    CommandResult run(String commandLine, byte[] stdin);

    /** Writes {@code content} to {@code remotePath} over SFTP (parent folders created, mode 0600). */
    void upload(String remotePath, byte[] content);

    /** Removes a file over SFTP; a missing file is not an error. */
    void remove(String remotePath);

    @Override
    void close();
}
