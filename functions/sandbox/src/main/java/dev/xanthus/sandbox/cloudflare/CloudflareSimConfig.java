package dev.xanthus.sandbox.cloudflare;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Seed and tuning of a {@link CloudflareSimulator}. Every user token belongs to the one user and may use every
 * account; an account-owned token belongs to one account and has no user (as Cloudflare's "Account API tokens");
 * zones belong to the first account.
 *
 * @param port          0 picks a free port
 * @param accountTokens account-owned tokens: they verify only at {@code /accounts/{their account}/tokens/verify}
 * @param kvPageSize most keys one KV listing page returns (Cloudflare: 1000)
 * @param maxPerPage most items one page/per_page listing returns, whatever {@code per_page} asks
 * @param scopedTokens user tokens granted only some permissions (of {@link #PERMISSIONS}): token → what it may use
 */
public record CloudflareSimConfig(
        String host,
        int port,
        String userId,
        String userEmail,
        List<Account> accounts,
        List<String> tokens,
        List<AccountToken> accountTokens,
        List<String> zones,
        int kvPageSize,
        int maxPerPage,
        Clock clock,
        Map<String, Set<String>> scopedTokens) {

    public static final String SANDBOX_TOKEN = "xanthus_sandbox_token_000000000000000000";
    public static final String SANDBOX_ACCOUNT_ID = "5a4db0c0000000000000000000000001";
    /** An account-owned token of the sandbox account, to try the sign-in path such tokens take. */
    public static final String SANDBOX_ACCOUNT_TOKEN = "xanthus_sandbox_account_token_0000000000";

    /**
     * The permission families a scoped token can be granted, one per route family (see
     * {@code contracts/cloudflare/errors.md}): Workers KV Storage, Account Settings, User Details, Zone, DNS, Zone
     * Settings, SSL and Certificates, Page Rules.
     */
    public static final Set<String> PERMISSIONS =
            Set.of("kv", "account_settings", "user_details", "zone", "dns", "zone_settings", "ssl", "page_rules");

    /** A token owned by account {@code accountId} rather than by a user. */
    public record AccountToken(String token, String accountId) {}

    /** An account to seed. */
    public record Account(String id, String name) {}

    public CloudflareSimConfig {
        accounts = List.copyOf(accounts);
        tokens = List.copyOf(tokens);
        accountTokens = List.copyOf(accountTokens);
        zones = List.copyOf(zones);
        scopedTokens = Map.copyOf(scopedTokens);
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("at least one account is needed");
        }
    }

    /**
     * The local sandbox: 127.0.0.1:8787, one account, the sandbox user token and an account-owned token of that account,
     * zones example.com and example.org.
     */
    public static CloudflareSimConfig defaults() {
        return new CloudflareSimConfig(
                "127.0.0.1",
                8787,
                "5a4db0c0000000000000000000005e01",
                "developer@example.com",
                List.of(new Account(SANDBOX_ACCOUNT_ID, "Sandbox account")),
                List.of(SANDBOX_TOKEN),
                List.of(new AccountToken(SANDBOX_ACCOUNT_TOKEN, SANDBOX_ACCOUNT_ID)),
                List.of("example.com", "example.org"),
                1000,
                100,
                Clock.systemUTC(),
                Map.of());
    }

    public CloudflareSimConfig withPort(int newPort) {
        return with(c -> c.port = newPort);
    }

    public CloudflareSimConfig withUserEmail(String email) {
        return with(c -> c.userEmail = email);
    }

    public CloudflareSimConfig withAccounts(List<Account> newAccounts) {
        return with(c -> c.accounts = newAccounts);
    }

    public CloudflareSimConfig withTokens(List<String> newTokens) {
        return with(c -> c.tokens = newTokens);
    }

    public CloudflareSimConfig withAccountTokens(List<AccountToken> newAccountTokens) {
        return with(c -> c.accountTokens = newAccountTokens);
    }

    public CloudflareSimConfig withZones(List<String> newZones) {
        return with(c -> c.zones = newZones);
    }

    public CloudflareSimConfig withKvPageSize(int size) {
        return with(c -> c.kvPageSize = size);
    }

    public CloudflareSimConfig withMaxPerPage(int size) {
        return with(c -> c.maxPerPage = size);
    }

    /** Adds a user token that may use only {@code permissions} (of {@link #PERMISSIONS}). */
    public CloudflareSimConfig withScopedToken(String token, Set<String> permissions) {
        if (!PERMISSIONS.containsAll(permissions)) {
            throw new IllegalArgumentException("unknown permissions in " + permissions + "; known: " + PERMISSIONS);
        }
        Map<String, Set<String>> more = new LinkedHashMap<>(scopedTokens);
        more.put(token, Set.copyOf(permissions));
        return with(c -> c.scopedTokens = more);
    }

    public CloudflareSimConfig withClock(Clock newClock) {
        return with(c -> c.clock = newClock);
    }

    /** This config with what {@code change} sets on a copy of its components: every withX above, in one place. */
    private CloudflareSimConfig with(Consumer<Copy> change) {
        Copy c = new Copy(this);
        change.accept(c);
        return new CloudflareSimConfig(
                c.host,
                c.port,
                c.userId,
                c.userEmail,
                c.accounts,
                c.tokens,
                c.accountTokens,
                c.zones,
                c.kvPageSize,
                c.maxPerPage,
                c.clock,
                c.scopedTokens);
    }

    /** The components, mutable, for one {@link #with} (the compact constructor validates and copies the result). */
    private static final class Copy {
        String host;
        int port;
        String userId;
        String userEmail;
        List<Account> accounts;
        List<String> tokens;
        List<AccountToken> accountTokens;
        List<String> zones;
        int kvPageSize;
        int maxPerPage;
        Clock clock;
        Map<String, Set<String>> scopedTokens;

        Copy(CloudflareSimConfig c) {
            host = c.host;
            port = c.port;
            userId = c.userId;
            userEmail = c.userEmail;
            accounts = c.accounts;
            tokens = c.tokens;
            accountTokens = c.accountTokens;
            zones = c.zones;
            kvPageSize = c.kvPageSize;
            maxPerPage = c.maxPerPage;
            clock = c.clock;
            scopedTokens = c.scopedTokens;
        }
    }
}
