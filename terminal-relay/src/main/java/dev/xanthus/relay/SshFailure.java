package dev.xanthus.relay;

/** Opening the SSH side failed; {@code code} is what the browser is told. The message never holds a secret. */
final class SshFailure extends Exception {

    private final String code;

    SshFailure(String code, String message, Throwable cause) {
        super(message, cause, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}
