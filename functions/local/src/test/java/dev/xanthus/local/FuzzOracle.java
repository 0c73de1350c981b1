package dev.xanthus.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What every answer of the API must be, whatever was sent: never a 500 (a 5xx only as the documented 502/503/504, in
 * the error shape, never {@code INTERNAL_ERROR}), never HTML, never a stack trace, never a secret; every 4xx the
 * error shape {@code {"status":"error","error":{"code","message"},"requestId"}}; and a signed-in route never answers
 * 2xx to a request without a genuine session.
 */
final class FuzzOracle {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A Java frame ("at dev.x.Y.m(Y.java:1)"), an exception's name with its message, Tomcat's own page. */
    private static final Pattern STACK_TRACE = Pattern.compile(
            "\\bat (?:dev|org|java|jdk|com|sun|io|software)\\.[\\w.$]+\\(|\\w+(?:Exception|Error): |Caused by: |Apache Tomcat");

    private static final Set<Integer> DOCUMENTED_5XX = Set.of(502, 503, 504);
    /** Protocol-level refusals Tomcat makes before any servlet (an HTTP version or transfer coding it does not speak). */
    private static final Set<Integer> PROTOCOL_5XX = Set.of(501, 505);
    /** How much of one run of hostile input an answer may echo (issue 19: messages quote at most ~100 characters). */
    static final int MAX_ECHO = 120;

    private final List<String> secrets;

    /** @param secrets strings that must never appear in an answer or a log line (tokens, keys) */
    FuzzOracle(List<String> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    /** What the run saw for one request. */
    record Answer(int status, String contentType, String server, String retryAfter, String body, long millis) {}

    /** What was sent, as far as judging the answer goes. */
    record Sent(
            String operationId,
            String method,
            boolean securedRoute,
            boolean genuineSession,
            boolean rawProtocol,
            boolean privateKeyAllowed,
            String hostileRun) {}

    List<String> judge(Sent sent, Answer answer) {
        List<String> broken = new ArrayList<>();
        String body = answer.body() == null ? "" : answer.body();
        String type = answer.contentType() == null ? "" : answer.contentType().toLowerCase(Locale.ROOT);
        String lower = body.toLowerCase(Locale.ROOT);
        if (answer.status() == 500) {
            broken.add("500");
        } else if (answer.status() >= 500
                && !DOCUMENTED_5XX.contains(answer.status())
                && !(sent.rawProtocol() && PROTOCOL_5XX.contains(answer.status()))) {
            broken.add("undocumented " + answer.status());
        }
        if (type.contains("text/html") || lower.contains("<html") || lower.contains("<!doctype")) {
            broken.add("HTML body");
        }
        if (STACK_TRACE.matcher(body).find()) {
            broken.add("stack trace in body");
        }
        for (String secret : secrets) {
            if (body.contains(secret)) {
                broken.add("secret in body");
                break;
            }
        }
        if (body.contains("PRIVATE KEY") && !(sent.privateKeyAllowed() && answer.status() == 200)) {
            broken.add("private key in body");
        }
        if (answer.server() != null && answer.server().toLowerCase(Locale.ROOT).matches(".*(tomcat|jetty|\\d).*")) {
            broken.add("server version in Server header");
        }
        if (sent.hostileRun() != null
                && body.contains(sent.hostileRun()
                        .substring(0, Math.min(MAX_ECHO, sent.hostileRun().length())))
                && sent.hostileRun().length() > MAX_ECHO) {
            broken.add("echoes over " + MAX_ECHO + " characters of input");
        }
        boolean health =
                sent.operationId().equals("getHealth") && answer.status() == 503 && body.contains("\"degraded\"");
        if (answer.status() >= 400 && !sent.method().equals("HEAD") && answer.status() != 0 && !health) {
            String shape = errorShape(type, body);
            if (shape != null) {
                broken.add(answer.status() + " " + shape);
            } else if (answer.status() >= 500 && body.contains("\"INTERNAL_ERROR\"")) {
                broken.add(answer.status() + " answered as INTERNAL_ERROR");
            }
        }
        if (answer.status() == 503
                && sent.genuineSession()
                && body.contains("STORE_UNAVAILABLE")
                && answer.retryAfter() == null) {
            broken.add("503 STORE_UNAVAILABLE without Retry-After");
        }
        // OPTIONS is answered before authentication (the Allow header, a CORS preflight), with nothing else in it
        boolean emptyOptions = sent.method().equals("OPTIONS") && body.isEmpty();
        if (sent.securedRoute()
                && !sent.genuineSession()
                && answer.status() >= 200
                && answer.status() < 300
                && !emptyOptions) {
            broken.add("signed-in route answered " + answer.status() + " without a genuine session");
        }
        return broken;
    }

    /** Null when {@code body} is the error shape; else what is wrong with it. */
    static String errorShape(String contentType, String body) {
        if (!contentType.startsWith("application/json")) {
            return "error not application/json (" + (contentType.isEmpty() ? "no Content-Type" : contentType) + ")";
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (Exception e) {
            return "error body is not JSON";
        }
        if (node == null
                || !"error".equals(node.path("status").asText())
                || !node.path("error").path("code").isTextual()
                || node.path("error").path("code").asText().isBlank()
                || !node.path("error").path("message").isTextual()
                || !node.path("requestId").isTextual()) {
            return "error body is not the error shape";
        }
        return null;
    }

    /** Log lines with a secret or a stack trace (the ECS encoder's {@code error.stack_trace}, or a plain {@code \tat}). */
    List<String> judgeLog(String line) {
        List<String> broken = new ArrayList<>();
        for (String secret : secrets) {
            if (line.contains(secret)) {
                broken.add("secret in log");
                break;
            }
        }
        if (line.contains("PRIVATE KEY")) {
            broken.add("private key in log");
        }
        if (line.contains("stack_trace") || line.startsWith("\tat ") || line.contains("\\tat ")) {
            broken.add("stack trace in log");
        }
        return broken;
    }
}
