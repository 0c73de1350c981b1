package dev.xanthus.sandbox.oci;

import dev.xanthus.sandbox.http.SimResponse;
import java.util.Map;

/** An OCI error answer, thrown by the simulated cloud and turned into {@code {"code":…,"message":…}}. */
final class OciError extends RuntimeException {

    private final int status;
    private final String code;

    OciError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    SimResponse response() {
        return response(status, code, getMessage());
    }

    static SimResponse response(int status, String code, String message) {
        return SimResponse.json(status, Map.of("code", code, "message", message));
    }

    static OciError notAuthenticated(String message) {
        return new OciError(401, "NotAuthenticated", message);
    }

    /** What OCI answers for a missing resource and for one the caller may not see alike. */
    static OciError notFound(String what) {
        return new OciError(
                404, "NotAuthorizedOrNotFound", "Authorization failed or requested resource not found. (" + what + ")");
    }

    static OciError invalid(String message) {
        return new OciError(400, "InvalidParameter", message);
    }

    static OciError missing(String field) {
        return new OciError(400, "MissingParameter", "Missing required parameter: " + field);
    }

    static OciError conflict(String message) {
        return new OciError(409, "Conflict", message);
    }

    static OciError incorrectState(String message) {
        return new OciError(409, "IncorrectState", message);
    }

    static OciError limitExceeded(String message) {
        return new OciError(400, "LimitExceeded", message);
    }

    static OciError etagMismatch() {
        return new OciError(412, "NoEtagMatch", "The resource's etag does not match the If-Match header.");
    }
}
