package dev.xanthus.api.support;

import dev.xanthus.clients.http.DeadlineExceededException;
import dev.xanthus.core.error.AppException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConversionException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** The one exception-to-response mapper. 4xx bodies say what to fix; 5xx bodies say nothing about internals. */
@RestControllerAdvice
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(AppException.class)
    ResponseEntity<Map<String, Object>> app(AppException e, HttpServletRequest request) {
        if (e.status() >= 500 && !e.reported()) {
            log.warn(
                    "{} {}: {}{}",
                    e.status(),
                    e.code(),
                    e.getMessage(),
                    e.getCause() == null ? "" : " (cause: " + cause(e.getCause()) + ")");
        }
        var builder = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
        e.retryAfter()
                .ifPresent(d -> builder.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, d.toSeconds()))));
        return builder.body(ErrorBody.of(e.code(), e.getMessage(), e.details(), RequestIdFilter.requestId(request)));
    }

    /**
     * Every way a body can be unreadable: malformed, truncated, duplicate keys, wrong types, over the limit. Read-side
     * type-definition errors arrive as a bare {@link HttpMessageConversionException}; a failure to write our own
     * answer ({@link HttpMessageNotWritableException}) is ours and stays a 500.
     */
    @ExceptionHandler(HttpMessageConversionException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageConversionException e, HttpServletRequest request) {
        if (e instanceof HttpMessageNotWritableException) {
            return unexpected(e, request);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyLimitFilter.TooLargeException) {
                return app(new AppException.PayloadTooLarge(BodyLimitFilter.LIMIT_BYTES), request);
            }
            if (t instanceof AppException refused) {
                // a request record that checks itself in its constructor
                return app(refused, request);
            }
        }
        MalformedBody malformed = MalformedBody.of(e);
        if (malformed.ourFault()) {
            log.warn(
                    "request body of {} {} cannot be read into its type: {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    e.getClass().getSimpleName());
        }
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .contentType(MediaType.APPLICATION_JSON)
                .body(ErrorBody.of(
                        "MALFORMED_JSON",
                        malformed.message(),
                        malformed.details(),
                        RequestIdFilter.requestId(request)));
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<Map<String, Object>> badParameter(Exception e, HttpServletRequest request) {
        String name = e instanceof MissingServletRequestParameterException m
                ? m.getParameterName()
                : ((MethodArgumentTypeMismatchException) e).getName();
        return error(
                HttpStatus.BAD_REQUEST,
                "INVALID_PARAMETER",
                "Parameter '" + name + "' is missing or malformed.",
                request);
    }

    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
    ResponseEntity<Map<String, Object>> notFound(Exception e, HttpServletRequest request) {
        return error(
                HttpStatus.NOT_FOUND,
                "ROUTE_NOT_FOUND",
                "No such route: " + request.getMethod() + " " + request.getRequestURI(),
                request);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        ResponseEntity<Map<String, Object>> body = error(
                HttpStatus.METHOD_NOT_ALLOWED,
                "METHOD_NOT_ALLOWED",
                "Method " + e.getMethod() + " is not allowed here.",
                request);
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(body.getHeaders());
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        return new ResponseEntity<>(body.getBody(), headers, body.getStatusCode());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> mediaType(HttpServletRequest request) {
        return error(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "UNSUPPORTED_MEDIA_TYPE",
                "Send the body as application/json.",
                request);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Map<String, Object>> notAcceptable(HttpServletRequest request) {
        return error(HttpStatus.NOT_ACCEPTABLE, "NOT_ACCEPTABLE", "This route answers application/json.", request);
    }

    /** The request's deadline passed while a provider was still being waited for: say so, once, without a trace. */
    @ExceptionHandler(DeadlineExceededException.class)
    ResponseEntity<Map<String, Object>> deadline(DeadlineExceededException e, HttpServletRequest request) {
        log.warn("{} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        return ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT)
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(ErrorBody.of(
                        "DEADLINE_EXCEEDED",
                        "A provider did not answer in time, so the request was stopped. " + "Try again in a moment.",
                        Map.of(),
                        RequestIdFilter.requestId(request)));
    }

    /** Work handed to another thread failed: answer as if it had failed here. */
    @ExceptionHandler(CompletionException.class)
    ResponseEntity<Map<String, Object>> completion(CompletionException e, HttpServletRequest request) {
        if (e.getCause() instanceof AppException app) {
            return app(app, request);
        }
        if (e.getCause() instanceof DeadlineExceededException late) {
            return deadline(late, request);
        }
        return unexpected(e, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e, HttpServletRequest request) {
        log.error(
                "unhandled error on {} {}: {} at {}",
                request.getMethod(),
                request.getRequestURI(),
                e.getClass().getName(),
                origin(e));
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .contentType(MediaType.APPLICATION_JSON)
                .body(ErrorBody.internal(RequestIdFilter.requestId(request)));
    }

    /**
     * A 5xx is one log line, never a stack trace: traces flood the log under an outage (one per request) and their
     * messages quote whatever the failing call held. The cause of a mapped failure is our client's own description of
     * the provider's answer, cut short.
     */
    static String cause(Throwable cause) {
        String message =
                cause.getMessage() == null ? "" : ": " + cause.getMessage().replaceAll("\\s+", " ");
        String line = cause.getClass().getSimpleName() + message;
        return line.length() <= MAX_CAUSE ? line : line.substring(0, MAX_CAUSE) + "…";
    }

    /**
     * Where an unexpected exception left our code (its first {@code dev.xanthus} frame): with the request id, enough to
     * find it. Its message is not logged: an unexpected exception's text is not ours to vouch for.
     */
    static String origin(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().startsWith("dev.xanthus.")) {
                    return frame.getClassName() + "." + frame.getMethodName() + ":" + frame.getLineNumber();
                }
            }
        }
        StackTraceElement[] frames = e.getStackTrace();
        return frames.length == 0 ? "unknown" : frames[0].getClassName() + "." + frames[0].getMethodName();
    }

    private static final int MAX_CAUSE = 200;

    private static ResponseEntity<Map<String, Object>> error(
            HttpStatus status, String code, String message, HttpServletRequest request) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(ErrorBody.of(code, message, Map.of(), RequestIdFilter.requestId(request)));
    }
}
