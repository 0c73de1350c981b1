package dev.xanthus.core.dns;

import dev.xanthus.clients.cloudflare.CloudflareException;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.error.CloudflareFailures;
import java.util.Map;
import java.util.function.Supplier;

/** Turns a Cloudflare failure outside a transaction into the API's error: 401, 403 or 502, never its text. */
final class CloudflareCalls {

  static final String PERMISSIONS_HINT = "The token needs Zone · Zone: Read, DNS: Edit, Zone Settings: Edit, "
      + "SSL and Certificates: Edit and Page Rules: Edit, and Account · Workers KV Storage: Edit.";

  private CloudflareCalls() {}

  static <T> T call(Supplier<T> cloudflareCall) {
    try {
      return cloudflareCall.get();
    } catch (CloudflareException e) {
      throw translate(e);
    }
  }

  static void run(Runnable cloudflareCall) {
    call(() -> {
      cloudflareCall.run();
      return null;
    });
  }

  static AppException translate(CloudflareException e) {
    return CloudflareFailures.of(e);
  }

  /** A short, safe description of what Cloudflare answered, for messages naming a failed step. */
  static String describe(CloudflareException e) {
    return switch (e.kind()) {
      case UNAUTHORIZED -> "Cloudflare rejected the token";
      case FORBIDDEN -> "the token lacks a permission (" + PERMISSIONS_HINT + ")";
      case RATE_LIMITED -> "Cloudflare is rate limiting this account";
      case TRANSPORT -> "Cloudflare did not answer (" + e.transportReason() + ")";
      case NOT_FOUND -> "Cloudflare answered 404";
      case UNAVAILABLE, REJECTED -> "Cloudflare answered HTTP " + e.status()
          + e.errors().stream().findFirst().map(err -> " (" + err.code() + ")").orElse("");
    };
  }
}
