package dev.xanthus.clients.oci;

/** A PEM private key that cannot be used to sign OCI requests; the message says why and never quotes the key. */
public final class OciKeyException extends IllegalArgumentException {

    public OciKeyException(String message) {
        super(message);
    }

    public OciKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
