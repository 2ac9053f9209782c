package io.strata.reconciler.engine;

import io.strata.planner.observed.ObservedState;
import io.strata.reconciler.status.ReplicationState;
import io.strata.reconciler.status.StatusModel;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Size;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code strata status} shows: the same facts the daemon writes to the status branch ({@link
 * StatusFacts}), as a table — so that the CLI and the status branch never disagree on what Ready
 * means.
 */
public record StatusReport(DesiredState desired, StatusModel facts, List<String> unknownNodes) {

  public static StatusReport of(DesiredState desired, ObservedState observed) {
    return new StatusReport(
        desired, StatusFacts.of(desired, observed), List.copyOf(observed.unreachable().keySet()));
  }

  /** A fixed-width table, one volume per line: replicas with their state, then access devices. */
  public String render() {
    StringBuilder b = new StringBuilder();
    String fmt = "%-20s %-10s %-22s %-6s %s%n";
    b.append(String.format(fmt, "VOLUME", "SIZE", "TEMPLATE", "READY", "REPLICAS / DEVICES"));
    for (StatusModel.VolumeFacts v : facts.volumes()) {
      List<String> replicas = new ArrayList<>();
      List<String> devices = new ArrayList<>();
      List<String> access = desired.volumes().get(v.name()).access();
      for (StatusModel.ReplicaFacts r : v.replicas()) {
        boolean initiator = !r.diskful() && r.pool() == null && !replicated(r);
        if (!initiator) {
          // where a plain (unreplicated) replica's data is, else its replication state
          replicas.add(r.node() + " " + (replicated(r) ? r.replication().label() : r.devicePath()));
        }
        if (access.contains(r.node())) {
          devices.add(r.node() + " " + (r.devicePath() == null ? "no device" : r.devicePath()));
        }
      }
      String detail = String.join(", ", replicas);
      if (!devices.isEmpty()) {
        detail += "; access: " + String.join(", ", devices);
      }
      if (!v.ready()) {
        detail += " (" + v.readyMessage() + ")";
      }
      b.append(
          String.format(
              fmt,
              v.name(),
              Size.ofBytes(v.requestedBytes()).human(),
              desired.volumes().get(v.name()).template(),
              v.ready() ? "yes" : "no",
              detail));
    }
    if (!unknownNodes.isEmpty()) {
      b.append("unknown nodes (not observed): ")
          .append(String.join(", ", unknownNodes))
          .append('\n');
    }
    return b.toString();
  }

  private static boolean replicated(StatusModel.ReplicaFacts r) {
    return r.replication() != ReplicationState.NOT_REPLICATED
        && r.replication() != ReplicationState.CONNECTING;
  }
}
