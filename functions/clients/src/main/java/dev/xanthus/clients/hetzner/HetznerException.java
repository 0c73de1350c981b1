package dev.xanthus.clients.hetzner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Hetzner error: the HTTP status (0 when no HTTP answer carried it, e.g. a failed or timed-out action), Hetzner's
 * {@code error.code} ({@code not_found}, {@code uniqueness_error}, {@code invalid_input}, …), its message and details.
 */
public final class HetznerException extends RuntimeException {

  public static final String UNAUTHORIZED = "unauthorized";
  public static final String NOT_FOUND = "not_found";
  public static final String INVALID_INPUT = "invalid_input";
  public static final String UNIQUENESS_ERROR = "uniqueness_error";
  public static final String RATE_LIMIT_EXCEEDED = "rate_limit_exceeded";
  public static final String ACTION_TIMEOUT = "action_timeout";

  private final int status;
  private final String code;
  private final Map<String, Object> details;

  public HetznerException(int status, String code, String message, Map<String, Object> details) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.details = details == null ? Map.of() : details;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, Object> details() {
    return details;
  }

  public boolean is(String errorCode) {
    return code.equals(errorCode);
  }

  /** {@code details.fields} as field name → messages (empty lists for fields named without messages). */
  public Map<String, List<String>> fieldErrors() {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    if (details.get("fields") instanceof List<?> list) {
      for (Object entry : list) {
        if (entry instanceof Map<?, ?> field && field.get("name") instanceof String name) {
          List<String> messages = new ArrayList<>();
          if (field.get("messages") instanceof List<?> texts) {
            texts.forEach(text -> messages.add(String.valueOf(text)));
          }
          fields.put(name, messages);
        }
      }
    }
    return fields;
  }

  @Override
  public String getMessage() {
    return "Hetzner " + (status == 0 ? "" : status + " ") + code + ": " + super.getMessage();
  }
}
