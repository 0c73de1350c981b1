package dev.xanthus.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.xanthus.api.support.ErrorBody;
import dev.xanthus.api.support.RequestIdFilter;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error answers in the API's JSON shape. Tomcat refuses some requests before any filter or servlet runs
 * (a {@code {}, {@code |}, NUL or non-ASCII byte in the request line, a header over 8 KB, TRACE) and its stock valve
 * answers those with an HTML page holding the exception's stack trace and the Tomcat version.
 */
final class JsonErrorReportValve extends ErrorReportValve {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> securityHeaders;

    JsonErrorReportValve(Map<String, String> securityHeaders) {
        this.securityHeaders = securityHeaders;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // as the stock valve: nothing for a success, an answer already under way, or an error already reported
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        Object known = request.getAttribute(RequestIdFilter.ATTRIBUTE);
        String id = known instanceof String s ? s : UUID.randomUUID().toString();
        HttpStatus resolved = HttpStatus.resolve(status);
        // Tomcat's own 5xx are refusals of the request (an HTTP version or transfer coding it does not speak), not our
        // failures: they say what to change, like a 4xx. Only a 500 (or a status without a name) is the generic answer.
        Map<String, Object> body = status == 500 || resolved == null
                ? ErrorBody.internal(id)
                : ErrorBody.of(resolved.name(), message(resolved), Map.of(), id);
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.setHeader(RequestIdFilter.HEADER, id);
            securityHeaders.forEach(response::setHeader);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(body));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the answer was committed meanwhile: there is no one left to tell
        }
    }

    /** Never Tomcat's own message: it quotes the refused input. */
    private static String message(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST ->
                "The request could not be read: its request line, a header or its framing is malformed.";
            case METHOD_NOT_ALLOWED -> "This method is not allowed here.";
            case NOT_IMPLEMENTED ->
                "The request's method or transfer coding is not supported: send HTTP/1.1 with a"
                        + " Content-Length or chunked body.";
            case HTTP_VERSION_NOT_SUPPORTED -> "This HTTP version is not supported: send HTTP/1.1.";
            default -> status.getReasonPhrase() + ".";
        };
    }
}
