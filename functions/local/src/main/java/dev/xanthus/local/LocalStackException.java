package dev.xanthus.local;

/** A reason the local stack cannot start, worded for the person who ran it. */
public final class LocalStackException extends RuntimeException {
    public LocalStackException(String message) {
        super(message);
    }
}
