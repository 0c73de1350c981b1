package dev.xanthus.core.config;

/** Thrown at start-up when the environment is incomplete or malformed; the message names the variables. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
