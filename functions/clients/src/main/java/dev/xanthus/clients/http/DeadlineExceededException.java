package dev.xanthus.clients.http;

/**
 * The request's {@link Deadline} passed before a provider answered: not the provider's failure alone, and not worth a
 * retry within this request. Names the request by its path template only.
 */
public final class DeadlineExceededException extends RuntimeException {

    public DeadlineExceededException(String request, Throwable cause) {
        super(request + " did not finish before the request deadline", cause);
    }
}
