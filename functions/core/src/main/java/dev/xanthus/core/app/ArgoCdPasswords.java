package dev.xanthus.core.app;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Argo CD keeps only a bcrypt hash of the admin password in its secret, so Xanthus stores the password itself: the
 * initial one from {@code argocd-initial-admin-secret} after a deploy, and every one it sets.
 */
final class ArgoCdPasswords implements AppPasswords {

    private static final String INITIAL_SECRET = "argocd-initial-admin-secret";
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
        remote.setArgoCdPassword(
                app.namespace(),
                hash,
                clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        return Optional.of(password);
    }

    @Override
    public Optional<String> afterDeploy(AppRemote remote, Application app) {
        String initial = remote.secretValue(INITIAL_SECRET, app.namespace(), "password");
        return initial.isEmpty() ? Optional.empty() : Optional.of(initial);
    }
}
