package dev.xanthus.relay;

/** How a terminal session ended, and so what its socket is told last. */
sealed interface Outcome {

    /** The remote shell exited; {@code status} is null when it ended without one (a signal). */
    record Exit(Integer status) implements Outcome {}

    /** The relay ended the session: an {@code error} message, then a close with {@code closeCode}. */
    record Failure(String code, String message, int closeCode) implements Outcome {}
}
