package dev.xanthus.core.server;

import dev.xanthus.clients.cloudflare.CloudflareException;
import dev.xanthus.clients.hetzner.HetznerException;
import dev.xanthus.clients.http.TransportException;
import dev.xanthus.clients.oci.OciException;
import dev.xanthus.clients.ssh.SshException;
import dev.xanthus.core.error.AppException;
import dev.xanthus.core.error.CloudflareFailures;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** Provider failures turned into the API's typed errors, and the small thread pool that runs provider calls side by side. */
public final class Upstreams {

  /** Daemon threads: a Lambda freezes between requests and must not be kept alive by idle workers. */
  private static final ExecutorService CALLS = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "provider-call");
    thread.setDaemon(true);
    return thread;
  });

  /** The request's deadline goes with each call: a call on another thread is bounded by it as on the caller's. */
  private static final java.util.concurrent.Executor BOUNDED = dev.xanthus.clients.http.Deadline.propagating(CALLS);

  private Upstreams() {}

  /** Starts {@code call} now on another thread; {@link #join} it later. */
  public static <T> CompletableFuture<T> async(Supplier<T> call) {
    return CompletableFuture.supplyAsync(call, BOUNDED);
  }

  /** The pool behind {@link #async}, for continuations that call upstreams too. */
  public static java.util.concurrent.Executor executor() {
    return BOUNDED;
  }

  /** The future's value, rethrowing its own exception (an {@link AppException} stays what it was). */
  public static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  public static <T> T kv(Supplier<T> call) {
    try {
      return call.get();
    } catch (CloudflareException e) {
      throw cloudflare(e);
    }
  }

  public static void kvRun(Runnable call) {
    kv(() -> {
      call.run();
      return null;
    });
  }

  public static AppException cloudflare(CloudflareException e) {
    return CloudflareFailures.of(e);
  }

  /** Runs a Hetzner call with the stored key; a rejected key means the user must enter it again. */
  static <T> T hetzner(Supplier<T> call) {
    try {
      return call.get();
    } catch (HetznerException e) {
      throw hetzner(e);
    } catch (TransportException e) {
      throw hetznerUnreachable(e);
    }
  }

  static AppException hetznerUnreachable(TransportException e) {
    return new AppException.Upstream("HETZNER_UNREACHABLE", "Hetzner: " + e.reason()
        + ". Check this server's network connection, then try again.", Map.of(), e);
  }

  static AppException hetzner(HetznerException e) {
    if (e.is(HetznerException.TOKEN_READONLY)) {
      return new AppException.Forbidden("HETZNER_KEY_READ_ONLY",
          "The stored Hetzner API key is read-only; Xanthus needs a Read & Write key (Hetzner Console → Security → "
              + "API tokens). Enter one in the settings.");
    }
    if (e.status() == 410 || e.is(HetznerException.DEPRECATED_API_ENDPOINT)) {
      return removed(e);
    }
    if (e.status() == 401 || e.is(HetznerException.UNAUTHORIZED)) {
      return AppException.conflict("HETZNER_KEY_REJECTED",
          "Hetzner no longer accepts the stored API key (revoked or deleted). Enter a valid key in the settings.");
    }
    if (e.status() == 403) {
      return new AppException.Forbidden("HETZNER_FORBIDDEN",
          "The Hetzner API key may not do this; it needs Read & Write permission. Hetzner said: " + e.getMessage());
    }
    if (e.status() == 429 || e.is(HetznerException.RATE_LIMIT_EXCEEDED)) {
      return new AppException.TooManyRequests("HETZNER_RATE_LIMITED",
          "Hetzner is rate limiting this project; try again in a minute.", Duration.ofSeconds(60));
    }
    if (e.status() == 404 || e.is(HetznerException.NOT_FOUND)) {
      return AppException.notFound("HETZNER_NOT_FOUND", "Hetzner has no such resource.");
    }
    if (e.is(HetznerException.UNIQUENESS_ERROR)) {
      return new AppException.Conflict("NAME_TAKEN", "Hetzner says: " + hetznerMessage(e), Map.of());
    }
    if (e.status() == 412 || e.is(HetznerException.RESOURCE_UNAVAILABLE)) {
      // e.g. the type sold out between our check and the create: nothing was created
      return new AppException.Conflict("SERVER_TYPE_UNAVAILABLE", "Hetzner cannot provide this now: "
          + hetznerMessage(e), Map.of("field", "serverType"));
    }
    if (e.is(HetznerException.INVALID_INPUT)) {
      return new AppException.Unprocessable("HETZNER_REJECTED", "Hetzner refused the request: " + hetznerMessage(e),
          Map.of("fields", e.fieldErrors()));
    }
    if (e.status() >= 400 && e.status() < 500 && e.status() != 404) {
      return new AppException.Unprocessable("HETZNER_REJECTED", "Hetzner refused the request: " + hetznerMessage(e),
          Map.of());
    }
    return new AppException.Upstream("HETZNER_UNAVAILABLE", "Hetzner did not answer as expected; try again shortly.",
        Map.of(), e);
  }

  /**
   * A removed endpoint is a Xanthus bug the user cannot fix: a 502 whose message alone says which call to replace and
   * where Hetzner announced it.
   */
  private static AppException removed(HetznerException e) {
    String endpoint = e.endpoint() == null ? "an endpoint Xanthus uses" : e.endpoint();
    Object announcement = e.details().get("announcement");
    Map<String, Object> details = new java.util.LinkedHashMap<>();
    details.put("endpoint", endpoint);
    if (announcement != null) {
      details.put("announcement", String.valueOf(announcement));
    }
    return new AppException.Upstream("HETZNER_API_REMOVED", "Hetzner removed " + endpoint + " (" + e.code() + ": "
        + hetznerMessage(e) + (announcement == null ? "" : "; see " + announcement) + "). This Xanthus version "
        + "needs an update.", details, e);
  }

  /** Hetzner's own words, without our prefix: they are about the user's input and safe to show. */
  static String hetznerMessage(HetznerException e) {
    String full = e.getMessage();
    int colon = full.indexOf(": ");
    return colon < 0 ? full : full.substring(colon + 2);
  }

  /** Runs an OCI call with the stored credentials, mapping OCI's answers as {@link #hetzner} does Hetzner's. */
  static <T> T oci(Supplier<T> call) {
    try {
      return call.get();
    } catch (OciException e) {
      throw oci(e);
    } catch (TransportException e) {
      throw ociUnreachable(e);
    }
  }

  static AppException ociUnreachable(TransportException e) {
    return new AppException.Upstream("OCI_UNREACHABLE", "Oracle Cloud: " + e.reason()
        + ". Check this server's network connection, then try again.", Map.of(), e);
  }

  static void ociRun(Runnable call) {
    oci(() -> {
      call.run();
      return null;
    });
  }

  static AppException oci(OciException e) {
    String said = " Oracle said: " + e.ociMessage() + requestId(e);
    if (e.status() == 401) {
      return AppException.conflict("OCI_CREDENTIALS_REJECTED",
          "Oracle Cloud no longer accepts the stored API key (deleted, or the fingerprint changed). Enter the "
              + "credentials again in the settings.");
    }
    if (e.status() == 404 || e.is(OciException.NOT_AUTHORIZED_OR_NOT_FOUND)) {
      return AppException.notFound("OCI_NOT_FOUND",
          "Oracle Cloud has no such resource, or the API key's user may not see it (check its policies)." + said);
    }
    if (e.status() == 429) {
      return new AppException.TooManyRequests("OCI_RATE_LIMITED",
          "Oracle Cloud is rate limiting this tenancy; try again in a minute.", Duration.ofSeconds(60));
    }
    if (e.is(OciException.LIMIT_EXCEEDED) || e.is(OciException.OUT_OF_CAPACITY)) {
      return new AppException.Unprocessable("OCI_NO_CAPACITY",
          "Oracle Cloud cannot run this shape now (service limit or no host capacity in the region)." + said,
          Map.of());
    }
    if (e.status() >= 400 && e.status() < 500) {
      return new AppException.Unprocessable("OCI_REJECTED", "Oracle Cloud refused the request." + said, Map.of());
    }
    return new AppException.Upstream("OCI_UNAVAILABLE", "Oracle Cloud did not answer as expected; try again shortly.",
        Map.of(), e);
  }

  private static String requestId(OciException e) {
    return e.opcRequestId() == null ? "" : " (opc-request-id " + e.opcRequestId() + ")";
  }

  public static AppException ssh(SshException e) {
    return switch (e.kind()) {
      case HOST_KEY_MISMATCH -> new AppException.Upstream("HOST_KEY_MISMATCH",
          "The server presented a different SSH host key than the one pinned at first contact. Xanthus will not talk "
              + "to it; if the server was rebuilt, remove and re-add it.", Map.of(), e);
      case UNREACHABLE -> new AppException.Upstream("SSH_UNREACHABLE",
          "The server does not answer on SSH (it may be off or still booting).", Map.of(), e);
      case AUTH_FAILED -> new AppException.Upstream("SSH_AUTH_FAILED",
          "The server refused the account's SSH key.", Map.of(), e);
      case TIMEOUT -> new AppException.Upstream("SSH_TIMEOUT", "The server did not finish the command in time.",
          Map.of(), e);
      case FAILED -> new AppException.Upstream("SSH_FAILED", "The SSH connection to the server failed.", Map.of(), e);
    };
  }
}
