package dev.xanthus.core.auth;

import dev.xanthus.clients.cloudflare.Account;
import dev.xanthus.clients.cloudflare.CloudflareClient;
import dev.xanthus.clients.cloudflare.CloudflareException;
import dev.xanthus.clients.cloudflare.KvNamespace;
import dev.xanthus.clients.cloudflare.TokenVerification;
import dev.xanthus.core.account.AccountCsr;
import dev.xanthus.core.account.AccountKeys;
import dev.xanthus.core.crypto.Hashes;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.kv.KvStore;
import dev.xanthus.core.ratelimit.FailureThrottle;
import dev.xanthus.core.session.Session;
import dev.xanthus.core.session.SessionRepository;
import dev.xanthus.core.upstream.CloudflareFailures;
import dev.xanthus.core.upstream.Upstreams;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in with a Cloudflare token, and the check every authenticated request goes through.
 * The token is validated against Cloudflare at most once per ten minutes (the DynamoDB cache), kept only sealed in the
 * session, and re-verified when a session's validation is older than that, so a revoked token stops working within
 * ten minutes.
 */
public record AuthService(
        CloudflareClient cloudflare,
        ValidationCache cache,
        SessionRepository sessions,
        SessionTokens tokens,
        FailureThrottle throttle,
        Clock clock) {

    public static final String NAMESPACE_TITLE = "Xanthus";
    public static final Duration REVALIDATE_AFTER = ValidationCache.TTL;
    static final String TOKEN_SECRET = "cloudflareToken";
    private static final Pattern TOKEN_FORMAT = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final String PERMISSIONS_HINT =
            "Xanthus needs a Cloudflare API token with: Account · Workers KV Storage: Edit; "
                    + "Zone · Zone: Read, DNS: Edit, Zone Settings: Edit, SSL and Certificates: Edit, Page Rules: Edit; "
                    + "and Account Settings: Read (memberships).";
    private static final Logger log = LoggerFactory.getLogger(AuthService.class);

    /** A successful sign-in: the JWT and what the UI shows. */
    public record Login(String jwt, TokenValidation validation, Instant expiresAt) {}

    public Login login(String token, String requestedAccount, String sourceAddress) {
        requireWellFormed(token);
        if (requestedAccount != null && !requestedAccount.matches("[a-f0-9]{32}")) {
            throw AppException.badRequest(
                    "INVALID_ACCOUNT_ID", "accountId must be a 32-character Cloudflare account id.");
        }
        TokenValidation validation = throttled(token, sourceAddress, () -> validated(token, requestedAccount));
        Instant now = clock.instant();
        Instant expiresAt = now.plus(tokens.ttl());
        Session session = new Session(
                Session.newId(),
                validation.accountId(),
                validation.email(),
                validation.name(),
                validation.namespaceId(),
                Map.of(TOKEN_SECRET, token),
                now,
                validation.validatedAt(),
                expiresAt);
        sessions.put(session);
        String jwt = tokens.issuer()
                .issue(new SessionClaims(
                        validation.accountId(),
                        validation.email(),
                        validation.name(),
                        validation.namespaceId(),
                        session.id(),
                        now,
                        expiresAt));
        return new Login(jwt, validation, expiresAt);
    }

    /** {@code POST /api/auth/validate}: the same checks and cache as sign-in, without a session. */
    public TokenValidation validate(String token, String sourceAddress) {
        requireWellFormed(token);
        return throttled(token, sourceAddress, () -> validated(token, null));
    }

    /**
     * Runs a token check as a counted attempt: a refused token (401) keeps counting towards the limit; anything else
     * (valid, or Cloudflare failing) is given back.
     */
    private TokenValidation throttled(
            String token, String sourceAddress, java.util.function.Supplier<TokenValidation> check) {
        FailureThrottle.Attempt attempt =
                throttle.begin(List.of("ip:" + sourceAddress, "token:" + Hashes.sha256Hex(token)));
        TokenValidation validation;
        try {
            validation = check.get();
        } catch (AppException.Unauthorized refused) {
            throw refused;
        } catch (RuntimeException other) {
            attempt.release();
            throw other;
        }
        attempt.release();
        return validation;
    }

    /**
     * Ends the JWT's session. Only the JWT and the session are checked, never the Cloudflare token: signing out must
     * work while Cloudflare is unreachable (it answered 502 when the ten-minute re-verification fell on a logout).
     */
    public void logout(String authorizationHeader) {
        sessions.delete(session(authorizationHeader).id());
    }

    /** Verifies the JWT, loads its session (one DynamoDB read) and re-verifies a token validated over ten minutes ago. */
    public Principal authenticate(String authorizationHeader) {
        Session session = session(authorizationHeader);
        String token = session.secrets().get(TOKEN_SECRET);
        Instant validatedAt = session.tokenValidatedAt();
        if (Duration.between(validatedAt, clock.instant()).compareTo(REVALIDATE_AFTER) >= 0) {
            validatedAt = reverify(session, token);
        }
        CloudflareClient bound = cloudflare.withToken(token);
        return new Principal(
                session.accountId(),
                session.email(),
                session.name(),
                session.namespaceId(),
                session.id(),
                token,
                validatedAt,
                session.expiresAt(),
                new KvStore(bound, session.accountId(), session.namespaceId(), () -> namespaceGone(session, token)));
    }

    /**
     * The session's namespace was deleted (in the dashboard, or a restarted local simulator): the cached validation
     * still names it, so without this the next sign-in would hand out the same dead namespace for ten minutes.
     */
    private void namespaceGone(Session session, String token) {
        cache.forget(token, session.accountId());
        sessions.delete(session.id());
        log.info(
                "the KV namespace of account {} is gone; its session ended and its cached validation dropped",
                session.accountId());
    }

    private Session session(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.startsWith("Bearer ")) {
            throw AppException.unauthorized("UNAUTHENTICATED", "Sign in first: this route needs a session.");
        }
        SessionClaims claims =
                tokens.verifier().verify(authorizationHeader.substring(7).trim());
        return sessions.find(claims.sessionId())
                .filter(s -> s.accountId().equals(claims.accountId()))
                .orElseThrow(JwtVerifier::invalid);
    }

    /**
     * The token check for the settings page, run afresh (five reads): the user opens it after changing the token's
     * permissions in the dashboard, and a cached answer would show the old state for up to ten minutes.
     */
    public List<TokenCheck.Permission> permissions(Principal principal) {
        return TokenCheck.check(cloudflareFor(principal));
    }

    /** A Cloudflare client acting as the signed-in user. */
    public CloudflareClient cloudflareFor(Principal principal) {
        return cloudflare.withToken(principal.cloudflareToken());
    }

    private Instant reverify(Session session, String token) {
        try {
            verifyActive(cloudflare.withToken(token), session.accountId());
        } catch (AppException.Unauthorized revoked) {
            sessions.delete(session.id());
            throw AppException.unauthorized(
                    "CLOUDFLARE_TOKEN_REVOKED",
                    "Cloudflare no longer accepts the token this session was opened with. Sign in with a valid token.");
        }
        Instant now = clock.instant();
        sessions.markTokenValidated(session.id(), now);
        return now;
    }

    private TokenValidation validated(String token, String requestedAccount) {
        Optional<TokenValidation> cached = cache.find(token, requestedAccount);
        if (cached.isPresent() && cached.get().permissions() != null) {
            return cached.get();
        }
        CloudflareClient user = cloudflare.withToken(token);
        if (cached.isPresent()) {
            // Cached before the token check existed: check once and keep the answer with the validation.
            TokenValidation checked = cached.get().withPermissions(TokenCheck.check(user));
            cache.put(token, requestedAccount, checked);
            return checked;
        }
        Optional<TokenVerification> asUserToken = verifyAsUserToken(user);
        List<Account> accounts = call(user::listAccounts);
        if (accounts.isEmpty()) {
            throw new AppException.Forbidden(
                    "NO_ACCOUNT", "This token cannot reach any Cloudflare account. " + PERMISSIONS_HINT);
        }
        Account account = requestedAccount == null
                ? accounts.get(0)
                : accounts.stream()
                        .filter(a -> a.id().equals(requestedAccount))
                        .findFirst()
                        .orElseThrow(() -> new AppException.Forbidden(
                                "ACCOUNT_NOT_REACHABLE", "This token cannot reach account " + requestedAccount + "."));
        TokenVerification verification =
                asUserToken.isPresent() ? asUserToken.get() : call(() -> user.verifyAccountToken(account.id()));
        if (!verification.isActive()) {
            throw invalidToken();
        }
        // An account-owned token has no user, so /user can only refuse it: one call saved per sign-in.
        // The token check never throws; it runs beside the namespace and key setup so it adds no wait of its own.
        CompletableFuture<List<TokenCheck.Permission>> permissions = Upstreams.async(() -> TokenCheck.check(user));
        String email = asUserToken.isPresent() ? email(user) : "";
        String namespaceId = ensureNamespace(user, account.id());
        ensureAccountCsr(new KvStore(user, account.id(), namespaceId));
        TokenValidation validation = new TokenValidation(
                account.id(),
                email,
                account.name(),
                namespaceId,
                accounts.stream()
                        .map(a -> new TokenValidation.AccountRef(a.id(), a.name()))
                        .toList(),
                clock.instant(),
                permissions.join());
        cache.put(token, requestedAccount, validation);
        return validation;
    }

    /** A user token verifies at {@code /user/tokens/verify}; an account-owned token only at its account's endpoint. */
    private void verifyActive(CloudflareClient user, String accountId) {
        TokenVerification verification =
                verifyAsUserToken(user).orElseGet(() -> call(() -> user.verifyAccountToken(accountId)));
        if (!verification.isActive()) {
            throw invalidToken();
        }
    }

    /** Empty when Cloudflare does not know the token as a user token (it may still be an account-owned one). */
    private static Optional<TokenVerification> verifyAsUserToken(CloudflareClient user) {
        try {
            return Optional.of(user.verifyToken());
        } catch (CloudflareException e) {
            if (e.kind() == CloudflareException.Kind.UNAUTHORIZED) {
                return Optional.empty();
            }
            throw CloudflareFailures.notAboutTheToken(e);
        }
    }

    private String email(CloudflareClient user) {
        try {
            return user.getUser().email();
        } catch (CloudflareException e) {
            // Account-owned tokens and tokens without "User Details: Read" have no user; the email is only shown.
            return "";
        }
    }

    private String ensureNamespace(CloudflareClient user, String accountId) {
        List<KvNamespace> namespaces = call(() -> user.listKvNamespaces(accountId));
        return namespaces.stream()
                .filter(n -> NAMESPACE_TITLE.equals(n.title()))
                .map(KvNamespace::id)
                .findFirst()
                .orElseGet(() -> call(() -> user.createKvNamespace(accountId, NAMESPACE_TITLE))
                        .id());
    }

    /** Creates {@code config:ssl:csr} only when absent: an existing record (ours or the Go program's) is never replaced. */
    private void ensureAccountCsr(KvStore kv) {
        if (call(() -> kv.getRaw(AccountCsr.KV_KEY)).isEmpty()) {
            call(() -> {
                kv.put(AccountCsr.KV_KEY, AccountKeys.generate(clock));
                return null;
            });
            log.info("created the account key and CSR");
        }
    }

    private static void requireWellFormed(String token) {
        if (token == null || !TOKEN_FORMAT.matcher(token).matches()) {
            throw AppException.badRequest(
                    "INVALID_TOKEN_FORMAT",
                    "A Cloudflare API token is 1–256 characters of letters, digits, '-' and '_'.");
        }
    }

    private static <T> T call(java.util.function.Supplier<T> cloudflareCall) {
        try {
            return cloudflareCall.get();
        } catch (CloudflareException e) {
            throw e.kind() == CloudflareException.Kind.UNAUTHORIZED
                    ? invalidToken()
                    : CloudflareFailures.notAboutTheToken(e);
        }
    }

    private static AppException.Unauthorized invalidToken() {
        return AppException.unauthorized(
                "INVALID_CLOUDFLARE_TOKEN",
                "Cloudflare does not accept this token (wrong, revoked or expired). " + PERMISSIONS_HINT);
    }
}
