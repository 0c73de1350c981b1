package dev.xanthus.clients.ssh;

/** One authenticated SSH connection; each {@link #run} opens a channel on it. */
public interface SshSession extends AutoCloseable {

  /** The server's host key as {@code SHA256:…}, verified against the pin when there was one. */
  String hostKeyFingerprint();

  /** Runs a command line that the caller built and quoted; throws {@link SshException} when it cannot. */
  CommandResult run(String commandLine);

  @Override
  void close();
}
