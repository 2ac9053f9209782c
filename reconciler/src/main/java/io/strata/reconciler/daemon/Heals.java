package io.strata.reconciler.daemon;

import io.strata.planner.plan.Action;
import io.strata.reconciler.drift.DriftItem;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a cycle healed and changed, in words: pure functions over the drift seen before apply, the
 * drift seen after, and the apply results, for the heal counter and the status commit message.
 */
final class Heals {
  private Heals() {}

  /** Drift that was there before apply and is gone after: healed. */
  static List<DriftItem> healed(DriftReport before, DriftReport after) {
    Set<String> still = new TreeSet<>();
    after.objects().forEach(i -> still.add(i.key()));
    return before.objects().stream().filter(i -> !still.contains(i.key())).toList();
  }

  /**
   * One line saying what changed, e.g. {@code healed logs on n3; deleted volume cache; created pg
   * on alpha, beta}; empty when nothing was applied. Healed volumes are named once, as healed.
   */
  static String describe(List<DriftItem> healed, ApplySummary applied) {
    Map<String, Set<String>> healedOn = new TreeMap<>();
    for (DriftItem i : healed) {
      if (i.volume() != null) {
        healedOn.computeIfAbsent(i.volume(), k -> new TreeSet<>()).add(i.node());
      }
    }
    Map<String, List<ApplySummary.ChangeResult>> byVolume = new LinkedHashMap<>();
    if (applied != null) {
      for (ApplySummary.ChangeResult r : applied.results()) {
        if (r.outcome() == ApplySummary.Outcome.APPLIED && !healedOn.containsKey(r.volume())) {
          byVolume.computeIfAbsent(r.volume(), k -> new ArrayList<>()).add(r);
        }
      }
    }
    List<String> parts = new ArrayList<>();
    healedOn.forEach((v, nodes) -> parts.add("healed " + v + " on " + String.join(", ", nodes)));
    new TreeMap<>(byVolume).forEach((v, rs) -> parts.add(changed(v, rs)));
    return String.join("; ", parts);
  }

  private static String changed(String volume, List<ApplySummary.ChangeResult> rs) {
    Set<Action> actions = EnumSet.noneOf(Action.class);
    rs.forEach(r -> actions.add(r.action()));
    String nodes =
        rs.stream()
            .map(r -> part(r.changeId(), 1))
            .distinct()
            .sorted()
            .collect(Collectors.joining(", "));
    if (actions.equals(Set.of(Action.DELETE))) {
      // only deletes, storage among them: the volume left Git (a lowered redundancy also
      // reconfigures the peers, so it is never deletes alone)
      boolean storage = rs.stream().anyMatch(r -> part(r.changeId(), 2).startsWith("storage"));
      return storage ? "deleted volume " + volume : "removed " + volume + " from " + nodes;
    }
    String verb =
        actions.contains(Action.CREATE)
            ? "created"
            : actions.contains(Action.RESIZE) ? "grew" : "updated";
    return verb + " " + volume + " on " + nodes;
  }

  /** Part {@code i} of a change id {@code volume/node/layer[:suffix]} (1 node, 2 layer). */
  private static String part(String changeId, int i) {
    String[] p = changeId.split("/");
    return p.length > i ? p[i] : "-";
  }
}
