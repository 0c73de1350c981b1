package dev.xanthus.core.upstream;

import dev.xanthus.clients.ssh.SshException;
import dev.xanthus.core.error.AppException;
import java.util.Map;

/** The one translation of a failed SSH connection or command into the API's error. */
public final class SshFailures {

    private SshFailures() {}

    public static AppException of(SshException e) {
        return switch (e.kind()) {
            case HOST_KEY_MISMATCH ->
                new AppException.Upstream(
                        "HOST_KEY_MISMATCH",
                        "The server presented a different SSH host key than the one pinned at first contact. Xanthus will not talk "
                                + "to it; if the server was rebuilt, remove and re-add it.",
                        Map.of(),
                        e);
            case UNREACHABLE ->
                new AppException.Upstream(
                        "SSH_UNREACHABLE",
                        "The server does not answer on SSH (it may be off or still booting).",
                        Map.of(),
                        e);
            case AUTH_FAILED ->
                new AppException.Upstream("SSH_AUTH_FAILED", "The server refused the account's SSH key.", Map.of(), e);
            case TIMEOUT ->
                new AppException.Upstream("SSH_TIMEOUT", "The server did not finish the command in time.", Map.of(), e);
            case FAILED ->
                new AppException.Upstream("SSH_FAILED", "The SSH connection to the server failed.", Map.of(), e);
        };
    }
}
