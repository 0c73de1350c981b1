package dev.xanthus.clients.oci;

/**
 * An OCI error answer: the HTTP status, OCI's {@code code} ({@link #NOT_AUTHENTICATED},
 * {@link #NOT_AUTHORIZED_OR_NOT_FOUND}, {@link #CONFLICT}, …), its message and the {@code opc-request-id} to quote to
 * Oracle support (null when the answer had none).
 */
public final class OciException extends RuntimeException {

    public static final String NOT_AUTHENTICATED = "NotAuthenticated";
    public static final String NOT_AUTHORIZED_OR_NOT_FOUND = "NotAuthorizedOrNotFound";
    public static final String NOT_FOUND = "NotFound";
    public static final String CONFLICT = "Conflict";
    public static final String INCORRECT_STATE = "IncorrectState";
    public static final String LIMIT_EXCEEDED = "LimitExceeded";
    public static final String TOO_MANY_REQUESTS = "TooManyRequests";
    public static final String INVALID_PARAMETER = "InvalidParameter";
    public static final String INTERNAL_SERVER_ERROR = "InternalServerError";
    /** Out of host capacity for the shape in the availability domain (a 500 on launch, common for A1 shapes). */
    public static final String OUT_OF_CAPACITY = "InternalError";

    private final int status;
    private final String code;
    private final String opcRequestId;

    public OciException(int status, String code, String message, String opcRequestId) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.opcRequestId = opcRequestId;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** OCI's own message, without the status and code prefix of {@link #getMessage()}. */
    public String ociMessage() {
        return super.getMessage();
    }

    public String opcRequestId() {
        return opcRequestId;
    }

    public boolean is(String errorCode) {
        return code.equals(errorCode);
    }

    /** 404, or OCI's 404 NotAuthorizedOrNotFound (which is also what a missing permission looks like). */
    public boolean isNotFound() {
        return status == 404;
    }

    @Override
    public String getMessage() {
        return "OCI " + status + " " + code + ": " + super.getMessage()
                + (opcRequestId == null ? "" : " (opc-request-id " + opcRequestId + ")");
    }
}
