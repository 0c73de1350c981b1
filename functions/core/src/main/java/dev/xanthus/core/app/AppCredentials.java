package dev.xanthus.core.app;

import dev.xanthus.core.app.catalog.Capability;
import dev.xanthus.core.auth.Principal;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.remote.RemoteValues;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An app's credentials, as its catalog entry declares them: the password ({@link Capability#PASSWORD}, kept where the
 * app's {@link AppPasswords} says) and Kubernetes tokens for the release's service account ({@link Capability#TOKEN}).
 */
public final class AppCredentials {

    static final Duration DEFAULT_TOKEN = Duration.ofHours(24);
    static final Duration MAX_TOKEN = Duration.ofDays(365);
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,7})(s|m|h|d)");

    private final AppContext context;
    private final AppStrategies strategies;

    public AppCredentials(AppContext context, AppStrategies strategies) {
        this.context = context;
        this.strategies = strategies;
    }

    public record Password(String appId, String password) {}

    public record Token(String appId, String token, String serviceAccount, long durationSeconds, Instant expiresAt) {}

    public Password password(Principal principal, String id) {
        Application app = context.records().running(principal, id);
        AppPasswords passwords = passwords(app);
        Optional<String> stored =
                passwords.storedCopyIsCurrent() ? context.records().storedPassword(principal, app) : Optional.empty();
        return new Password(
                app.id(),
                stored.orElseGet(() -> context.remote(principal, app, r -> passwords.readFromServer(r, app))));
    }

    public Password changePassword(Principal principal, String id, String newPassword) {
        String password = RemoteValues.password(newPassword);
        Application app = context.records().running(principal, id);
        AppPasswords passwords = passwords(app);
        context.remote(principal, app, r -> passwords.change(r, app, password))
                .ifPresent(toStore -> context.records().storePassword(principal, app.id(), toStore));
        return new Password(app.id(), null);
    }

    public Token token(Principal principal, String id, String duration) {
        long seconds = durationSeconds(duration);
        Application app = context.records().running(principal, id);
        if (!context.catalog().require(app.appType()).has(Capability.TOKEN)) {
            throw AppRecords.notSupported(app, "tokens");
        }
        String serviceAccount = app.release();
        String token = context.remote(principal, app, r -> r.token(serviceAccount, app.namespace(), seconds));
        return new Token(
                app.id(),
                token,
                serviceAccount,
                seconds,
                context.clock().instant().plusSeconds(seconds));
    }

    private AppPasswords passwords(Application app) {
        return strategies.passwords(app.appType()).orElseThrow(() -> AppRecords.notSupported(app, "passwords"));
    }

    static long durationSeconds(String duration) {
        if (duration == null || duration.isBlank()) {
            return DEFAULT_TOKEN.toSeconds();
        }
        Matcher m = DURATION.matcher(duration);
        long seconds = -1;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            seconds = switch (m.group(2)) {
                case "s" -> n;
                case "m" -> n * 60;
                case "h" -> n * 3600;
                default -> n * 86400;
            };
        }
        if (seconds < 600 || seconds > MAX_TOKEN.toSeconds()) {
            throw new AppException.BadRequest(
                    "INVALID_DURATION",
                    "duration is a number with s, m, h or d (e.g. 24h), from " + "10 minutes to 1 year.",
                    Map.of("field", "duration"));
        }
        return seconds;
    }
}
