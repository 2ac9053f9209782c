package io.strata.planner.place;

import io.strata.planner.plan.Refusal;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Where one volume lives after this plan. {@code diskful}: the replicas in the desired
 * configuration (including replicas that are leaving but wait for their replacement to be
 * UpToDate), sorted by node; {@code remove}: diskful replicas to remove now; {@code tiebreaker}: a
 * diskless DRBD node or null; {@code clients}: diskless DRBD access nodes; {@code initiators}: NVMe
 * initiators (stacks without DRBD); {@code refused}: true when nothing may be planned for the
 * volume at all.
 */
public record VolumePlacement(
    String volume,
    List<Replica> diskful,
    List<Replica> remove,
    String tiebreaker,
    SortedSet<String> clients,
    SortedSet<String> initiators,
    boolean refused,
    List<Refusal> refusals,
    List<String> warnings) {
  public VolumePlacement {
    diskful = List.copyOf(diskful);
    remove = List.copyOf(remove);
    clients = Collections.unmodifiableSortedSet(new TreeSet<>(clients));
    initiators = Collections.unmodifiableSortedSet(new TreeSet<>(initiators));
    refusals = List.copyOf(refusals);
    warnings = List.copyOf(warnings);
  }

  public Optional<Replica> replicaOn(String node) {
    return diskful.stream().filter(r -> r.node().equals(node)).findFirst();
  }
}
