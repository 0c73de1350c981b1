package dev.xanthus.core.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.core.remote.AppCommands;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Argo CD keeps only a bcrypt hash of the admin password in its secret, so Xanthus stores the password itself: the
 * initial one from {@code argocd-initial-admin-secret} after a deploy, and every one it sets.
 */
final class ArgoCdPasswords implements AppPasswords {

    private static final String INITIAL_SECRET = "argocd-initial-admin-secret";
    private static final String ADMIN_SECRET = "argocd-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;

    ArgoCdPasswords(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String appType() {
        return "argocd";
    }

    @Override
    public boolean storedCopyIsCurrent() {
        return true;
    }

    /** Only reached when Xanthus stored none: the initial password is still the one, unless changed outside Xanthus. */
    @Override
    public String readFromServer(AppRemote remote, Application app) {
        return remote.secretValue(INITIAL_SECRET, app.namespace(), "password");
    }

    @Override
    public Optional<String> change(AppRemote remote, Application app, String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String hash = OpenBSDBCrypt.generate("2a", password.toCharArray(), salt, 10);
        // Argo CD logs in against argocd-secret: its bcrypt hash and mtime are replaced, no plaintext is sent
        Map<String, Object> patch = Map.of(
                "stringData",
                Map.of(
                        "admin.password",
                        hash,
                        "admin.passwordMtime",
                        clock.instant().truncatedTo(ChronoUnit.SECONDS).toString()));
        remote.run(
                AppCommands.patchSecret(ADMIN_SECRET, app.namespace(), json(patch)), "Changing the Argo CD password");
        return Optional.of(password);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<String> afterDeploy(AppRemote remote, Application app) {
        String initial = remote.secretValue(INITIAL_SECRET, app.namespace(), "password");
        return initial.isEmpty() ? Optional.empty() : Optional.of(initial);
    }
}
