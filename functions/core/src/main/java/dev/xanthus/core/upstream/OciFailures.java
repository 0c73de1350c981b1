package dev.xanthus.core.upstream;

import dev.xanthus.clients.http.TransportException;
import dev.xanthus.clients.oci.OciException;
import dev.xanthus.core.error.AppException;
import java.time.Duration;
import java.util.Map;

/** The one translation of a failed Oracle Cloud call into the API's error, with OCI's request id for support. */
public final class OciFailures {

    private OciFailures() {}

    /** Who answered (or did not): for the messages every provider shares. */
    static final Provider PROVIDER = new Provider("OCI", "Oracle Cloud");

    public static AppException unreachable(TransportException e) {
        return PROVIDER.unreachable(e.reason(), e);
    }

    public static AppException of(OciException e) {
        String said = " Oracle said: " + e.ociMessage() + requestId(e);
        if (e.status() == 401) {
            return AppException.conflict(
                    "OCI_CREDENTIALS_REJECTED",
                    "Oracle Cloud no longer accepts the stored API key (deleted, or the fingerprint changed). Enter the "
                            + "credentials again in the settings.");
        }
        if (e.status() == 404 || e.is(OciException.NOT_AUTHORIZED_OR_NOT_FOUND)) {
            return AppException.notFound(
                    "OCI_NOT_FOUND",
                    "Oracle Cloud has no such resource, or the API key's user may not see it (check its policies)."
                            + said);
        }
        if (e.status() == 429) {
            return new AppException.TooManyRequests(
                    "OCI_RATE_LIMITED",
                    "Oracle Cloud is rate limiting this tenancy; try again in a minute.",
                    Duration.ofSeconds(60));
        }
        if (e.is(OciException.LIMIT_EXCEEDED) || e.is(OciException.OUT_OF_CAPACITY)) {
            return new AppException.Unprocessable(
                    "OCI_NO_CAPACITY",
                    "Oracle Cloud cannot run this shape now (service limit or no host capacity in the region)." + said,
                    Map.of());
        }
        if (e.status() >= 400 && e.status() < 500) {
            return new AppException.Unprocessable("OCI_REJECTED", "Oracle Cloud refused the request." + said, Map.of());
        }
        return new AppException.Upstream(
                "OCI_UNAVAILABLE", "Oracle Cloud did not answer as expected; try again shortly.", Map.of(), e);
    }

    private static String requestId(OciException e) {
        return e.opcRequestId() == null ? "" : " (opc-request-id " + e.opcRequestId() + ")";
    }
}
