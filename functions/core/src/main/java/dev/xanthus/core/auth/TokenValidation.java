package dev.xanthus.core.auth;

import java.time.Instant;
import java.util.List;

/**
 * What Cloudflare said about a token, cached for ten minutes under the token's SHA-256 (never the token).
 * {@code permissions} is the sign-in token check ({@link TokenCheck}); null for a validation cached before the check
 * existed, which sign-in then checks once.
 */
public record TokenValidation(
        String accountId,
        String email,
        String name,
        String namespaceId,
        List<AccountRef> accounts,
        Instant validatedAt,
        List<TokenCheck.Permission> permissions) {

    /** An account the token can reach, for the UI's account switcher. */
    public record AccountRef(String id, String name) {}

    public TokenValidation {
        accounts = List.copyOf(accounts);
        permissions = permissions == null ? null : List.copyOf(permissions);
    }

    public TokenValidation withPermissions(List<TokenCheck.Permission> checked) {
        return new TokenValidation(accountId, email, name, namespaceId, accounts, validatedAt, checked);
    }
}
