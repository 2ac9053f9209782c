package io.strata.planner.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan: changes in a valid topological order, refusals and warnings, the manifests' commit (null
 * outside Git) and the fingerprint of the observed state it was made from (a saved plan is applied
 * only while the world still has that fingerprint). {@code divergences}: what differs from Git that
 * no change heals (decision 007); they neither block nor count as changes. {@code cost}: the data
 * each change moves, the redundancy during the plan and the pools' capacity before and after
 * (decision 013).
 */
public record Plan(
    String commit,
    String fingerprint,
    List<Change> changes,
    List<Refusal> refused,
    List<String> warnings,
    List<Divergence> divergences,
    PlanCost cost) {
  public static final String FORMAT = "strata.plan/v1";

  public Plan {
    changes = List.copyOf(changes);
    refused = List.copyOf(refused);
    warnings = List.copyOf(warnings);
    divergences = List.copyOf(divergences);
    cost = cost == null ? PlanCost.NONE : cost;
  }

  /** A plan whose cost was not computed (tests, hand-made plans). */
  public Plan(
      String commit,
      String fingerprint,
      List<Change> changes,
      List<Refusal> refused,
      List<String> warnings,
      List<Divergence> divergences) {
    this(commit, fingerprint, changes, refused, warnings, divergences, PlanCost.NONE);
  }

  /** A plan without divergences. */
  public Plan(
      String commit,
      String fingerprint,
      List<Change> changes,
      List<Refusal> refused,
      List<String> warnings) {
    this(commit, fingerprint, changes, refused, warnings, List.of());
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /**
   * Counts per action in the order of §7 ({@code create, resize, update, delete, connect, …,
   * refused}).
   */
  public Map<String, Integer> summary() {
    Map<String, Integer> s = new LinkedHashMap<>();
    for (Action a : Action.values()) {
      s.put(a.jsonName(), 0);
    }
    for (Change c : changes) {
      s.merge(c.action().jsonName(), 1, Integer::sum);
    }
    s.put("refused", refused.size());
    return s;
  }
}
