package dev.xanthus.clients.cloudflare;

import java.util.List;

/** One entry of Cloudflare's {@code errors} array; {@code errorChain} holds the causes Cloudflare nests under it. */
public record CloudflareError(int code, String message, List<CloudflareError> errorChain) {

    public CloudflareError {
        errorChain = errorChain == null ? List.of() : List.copyOf(errorChain);
    }
}
