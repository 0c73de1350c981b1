package dev.xanthus.core.error;

import dev.xanthus.clients.cloudflare.CloudflareException;
import java.time.Duration;

/**
 * Cloudflare's rate limit (1,200 requests per five minutes per token) as every route answers it: 429 with
 * {@code Retry-After}, as a Hetzner or OCI limit does, so the browser waits instead of showing a provider failure.
 * The one mapping for sign-in, KV, servers, apps and domains.
 */
public final class CloudflareRateLimit {

  /** Used when Cloudflare's 429 came without a usable {@code Retry-After}. */
  static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

  private CloudflareRateLimit() {}

  public static AppException.TooManyRequests of(CloudflareException e) {
    Duration wait = e.retryAfter().filter(d -> d.toSeconds() >= 1).orElse(DEFAULT_WAIT);
    return new AppException.TooManyRequests("CLOUDFLARE_RATE_LIMITED",
        "Cloudflare is rate limiting this token (1,200 requests per 5 minutes); try again after the Retry-After wait.",
        wait);
  }
}
