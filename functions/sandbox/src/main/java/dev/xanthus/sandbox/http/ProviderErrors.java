package dev.xanthus.sandbox.http;

/** How the simulated provider words the errors the shared server produces on its behalf. */
public interface ProviderErrors {

  /** No route matches the method and path. */
  SimResponse noRoute();

  /** A handler rejected malformed input. */
  SimResponse badRequest(String message);

  /** A handler failed unexpectedly. */
  SimResponse internalError();

  /** The provider's 429, advising a wait. */
  SimResponse rateLimited(long retryAfterSeconds);
}
