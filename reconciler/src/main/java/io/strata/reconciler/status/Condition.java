package io.strata.reconciler.status;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One kstatus-style condition. {@code lastTransitionTime} is when {@code status} last changed, not
 * when it was last computed: {@link #carryOver} keeps the earlier time while the status holds.
 */
public record Condition(
    ConditionType type, Status status, String reason, String message, Instant lastTransitionTime) {

  /** Condition status, rendered {@code True}, {@code False} or {@code Unknown}. */
  public enum Status {
    TRUE("True"),
    FALSE("False"),
    UNKNOWN("Unknown");

    private final String label;

    Status(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public static Status ofLabel(String s) {
      for (Status v : values()) {
        if (v.label.equalsIgnoreCase(s)) {
          return v;
        }
      }
      return UNKNOWN;
    }
  }

  public static Condition of(ConditionType type, boolean value, String reason, String message) {
    return new Condition(type, value ? Status.TRUE : Status.FALSE, reason, message, null);
  }

  public Condition at(Instant t) {
    return new Condition(type, status, reason, message, t);
  }

  /**
   * Stamps {@code now} on conditions whose status differs from {@code previous} (or that are new)
   * and keeps the previous time on the others. Output is sorted by type for stable files.
   */
  public static List<Condition> carryOver(
      List<Condition> current, List<Condition> previous, Instant now) {
    Map<ConditionType, Condition> prev =
        previous.stream()
            .collect(Collectors.toMap(Condition::type, Function.identity(), (a, b) -> a));
    List<Condition> out = new ArrayList<>();
    for (Condition c : current) {
      Condition p = prev.get(c.type());
      boolean same = p != null && p.status() == c.status() && p.lastTransitionTime() != null;
      out.add(c.at(same ? p.lastTransitionTime() : now));
    }
    out.sort(Comparator.comparing(Condition::type));
    return out;
  }
}
