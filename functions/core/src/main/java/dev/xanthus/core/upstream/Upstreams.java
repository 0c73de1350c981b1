package dev.xanthus.core.upstream;

import dev.xanthus.clients.cloudflare.CloudflareException;
import dev.xanthus.clients.hetzner.HetznerException;
import dev.xanthus.clients.http.CallPool;
import dev.xanthus.clients.http.TransportException;
import dev.xanthus.clients.oci.OciException;
import dev.xanthus.core.error.AppException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Calls to the providers: side by side on the process's one {@link CallPool}, and through wrappers that turn each
 * provider's failure into the API's typed error by that provider's one translation ({@link CloudflareFailures},
 * {@link HetznerFailures}, {@link OciFailures}; SSH failures: {@link SshFailures}).
 */
public final class Upstreams {

    private Upstreams() {}

    /** Starts {@code call} now on another thread; {@link #join} it later. */
    public static <T> CompletableFuture<T> async(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, CallPool.executor());
    }

    /** The pool behind {@link #async}, for continuations that call upstreams too. */
    public static Executor executor() {
        return CallPool.executor();
    }

    /**
     * The future's value, rethrowing its own exception (an {@link AppException} stays what it was; a provider's raw
     * failure is translated).
     */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof CloudflareException cloudflare) {
                throw CloudflareFailures.of(cloudflare);
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Runs a Cloudflare call with the session's token: zones, DNS, settings and the user's Workers KV alike. */
    public static <T> T cloudflare(Supplier<T> call) {
        try {
            return call.get();
        } catch (CloudflareException e) {
            throw CloudflareFailures.of(e);
        }
    }

    public static void cloudflareRun(Runnable call) {
        cloudflare(() -> {
            call.run();
            return null;
        });
    }

    /** Runs a Hetzner call with the stored key; a rejected key means the user must enter it again. */
    public static <T> T hetzner(Supplier<T> call) {
        return translated(call, HetznerException.class, HetznerFailures::of, HetznerFailures.PROVIDER);
    }

    /** Runs an OCI call with the stored credentials. */
    public static <T> T oci(Supplier<T> call) {
        return translated(call, OciException.class, OciFailures::of, OciFailures.PROVIDER);
    }

    public static void ociRun(Runnable call) {
        oci(() -> {
            call.run();
            return null;
        });
    }

    /** {@code call}, with the provider's refusals ({@code refusal}) and an unreachable provider translated. */
    private static <T, E extends RuntimeException> T translated(
            Supplier<T> call, Class<E> refusal, Function<E, AppException> translation, Provider provider) {
        try {
            return call.get();
        } catch (TransportException e) {
            throw provider.unreachable(e.reason(), e);
        } catch (RuntimeException e) {
            throw refusal.isInstance(e) ? translation.apply(refusal.cast(e)) : e;
        }
    }
}
