package io.strata.reconciler.daemon;

import io.strata.planner.plan.Action;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What applying a plan did, change by change. */
public record ApplySummary(List<ChangeResult> results) {
  public ApplySummary {
    results = List.copyOf(results);
  }

  /** Closed set of per-change outcomes. */
  public enum Outcome {
    APPLIED,
    FAILED,
    /** Not run because a change it depends on failed (or the apply was abandoned). */
    SKIPPED
  }

  /** One change's outcome; {@code message} is the error for a failure, else may be null. */
  public record ChangeResult(
      String changeId, String volume, Action action, Outcome outcome, String message) {
    /** {@code applied update pg-data/beta/drbd}, with {@code : error} for a failure. */
    public String logLine() {
      String line =
          outcome.name().toLowerCase(Locale.ROOT) + " " + action.jsonName() + " " + changeId;
      return message == null || message.isEmpty() ? line : line + ": " + message;
    }
  }

  /** The first error of every volume that had a failed change. */
  public Map<String, String> failedVolumes() {
    Map<String, String> out = new TreeMap<>();
    for (ChangeResult r : results) {
      if (r.outcome() == Outcome.FAILED) {
        out.putIfAbsent(r.volume(), r.changeId() + ": " + r.message());
      }
    }
    return out;
  }

  /** Volumes all of whose changes were applied. */
  public Set<String> succeededVolumes() {
    Set<String> out = new TreeSet<>();
    for (ChangeResult r : results) {
      out.add(r.volume());
    }
    for (ChangeResult r : results) {
      if (r.outcome() != Outcome.APPLIED) {
        out.remove(r.volume());
      }
    }
    return out;
  }
}
