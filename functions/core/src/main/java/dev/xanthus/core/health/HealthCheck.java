package dev.xanthus.core.health;

/** One dependency the service cannot work without. */
public interface HealthCheck {

  /** Reported as {@code ok} or {@code failing}. */
  enum Result {
    OK, FAILING;

    public String label() {
      return this == OK ? "ok" : "failing";
    }
  }

  String name();

  Result check();
}
