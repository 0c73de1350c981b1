package dev.xanthus.core.auth;

import java.time.Instant;
import java.util.List;

/** What Cloudflare said about a token, cached for ten minutes under the token's SHA-256 (never the token). */
public record TokenValidation(
    String accountId, String email, String name, String namespaceId, List<AccountRef> accounts, Instant validatedAt) {

  /** An account the token can reach, for the UI's account switcher. */
  public record AccountRef(String id, String name) {}

  public TokenValidation {
    accounts = List.copyOf(accounts);
  }
}
