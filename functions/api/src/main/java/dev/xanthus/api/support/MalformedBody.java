package dev.xanthus.api.support;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What is wrong with a request body, said in the user's terms: every way Jackson can refuse a body becomes one
 * sentence and at most a field name. Jackson's own messages are never passed on: they quote up to 500 characters of
 * the input and name our Java classes.
 */
record MalformedBody(String message, Map<String, Object> details, boolean ourFault) {

    /** The most of the caller's own input a message repeats (a key name, a field path). */
    static final int MAX_QUOTE = 100;

    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate[^\"']*[\"'](.*)[\"']", Pattern.DOTALL);

    static MalformedBody of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JsonEOFException) {
                return plain("The request body ends before its JSON is complete.");
            }
            if (t instanceof StreamReadException read) {
                Matcher duplicate = DUPLICATE.matcher(String.valueOf(read.getOriginalMessage()));
                if (duplicate.find()) {
                    String key = quote(duplicate.group(1));
                    return new MalformedBody(
                            "Key '" + key + "' appears more than once in the request body.",
                            Map.of("field", key),
                            false);
                }
                return plain("The request body is not valid JSON" + where(read.getLocation()) + ".");
            }
            if (t instanceof InvalidDefinitionException) {
                return new MalformedBody("The request body is not of the expected shape.", Map.of(), true);
            }
            if (t instanceof MismatchedInputException mismatch) {
                String field = path(mismatch);
                if (field.isEmpty()) {
                    return plain(
                            String.valueOf(mismatch.getOriginalMessage()).startsWith("Trailing token")
                                    ? "The request body holds more than one JSON value."
                                    : "The request body must be a JSON object.");
                }
                return new MalformedBody(
                        "Field '" + field + "' must be " + kind(mismatch.getTargetType()) + ".",
                        Map.of("field", field),
                        false);
            }
        }
        return plain("The request body is missing or is not valid JSON.");
    }

    private static MalformedBody plain(String message) {
        return new MalformedBody(message, Map.of(), false);
    }

    static String quote(String input) {
        return input.length() <= MAX_QUOTE ? input : input.substring(0, MAX_QUOTE) + "…";
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 1
                ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String path(JsonMappingException e) {
        String joined = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return joined.isEmpty() ? "" : quote(joined);
    }

    private static String kind(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (CharSequence.class.isAssignableFrom(type) || type.isEnum()) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class
                || type == Long.class
                || type == Short.class
                || type == BigInteger.class
                || type == int.class
                || type == long.class
                || type == short.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
