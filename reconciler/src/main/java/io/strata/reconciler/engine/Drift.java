package io.strata.reconciler.engine;

import io.strata.planner.Names;
import io.strata.planner.observed.DrbdResource;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.Plan;
import io.strata.schema.model.DesiredState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the cluster differs from Git, object by object, with the reason: what a plan that heals
 * everything would change, degraded replication the plan cannot fix by itself (a peer resyncing or
 * down), and nodes that could not be observed. Orphaned volumes kept by their Retain policy are not
 * drift: they are reported by the plan as warnings.
 */
public record Drift(List<Item> items) {
  public Drift {
    items = List.copyOf(items);
  }

  /** Why an object drifted. */
  public enum Cause {
    MISSING,
    EXTRA,
    SIZE,
    CONFIG,
    DEGRADED,
    PATH_DOWN,
    UNKNOWN_NODE
  }

  /** One drifted object: {@code volume} may be null for node-level drift. */
  public record Item(String node, String volume, String object, Cause cause, String reason) {
    /** A stable key for alert transitions: the same object drifting again has the same key. */
    public String key() {
      return (volume == null ? "" : volume + "/") + node + "/" + object;
    }

    @Override
    public String toString() {
      String what = volume == null ? object : volume + " (" + object + ")";
      return node + ": " + what + ": " + reason;
    }
  }

  /**
   * Drift from a plan made with heal=all and no prune, plus replication health and unknown nodes.
   */
  public static Drift of(DesiredState desired, ObservedState observed, Plan healAll) {
    Set<String> seen = new TreeSet<>();
    List<Item> items = new ArrayList<>();
    observed
        .unreachable()
        .forEach(
            (node, why) ->
                items.add(new Item(node, null, "node", Cause.UNKNOWN_NODE, "unknown: " + why)));
    for (Change c : healAll.changes()) {
      if (seen.add(c.node() + "|" + c.object())) {
        items.add(
            new Item(
                c.node(),
                c.volume(),
                c.object(),
                cause(c),
                c.reason() + " (apply would " + c.action().jsonName() + ")"));
      }
    }
    for (String volume : desired.volumes().keySet()) {
      String res = Names.drbdResource(volume);
      for (NodeState n : observed.nodes().values()) {
        n.drbdResource(res)
            .filter(r -> r.owned() && r.up())
            .ifPresent(r -> replicationDrift(n.node(), volume, r, seen, items));
      }
    }
    items.sort(
        java.util.Comparator.comparing(Item::node)
            .thenComparing(i -> i.volume() == null ? "" : i.volume())
            .thenComparing(Item::object));
    return new Drift(items);
  }

  private static Cause cause(io.strata.planner.plan.Change c) {
    return switch (c.action()) {
      case CREATE -> Cause.MISSING;
      case DELETE -> Cause.EXTRA;
      case RESIZE -> Cause.SIZE;
      case CONNECT, DISCONNECT -> Cause.PATH_DOWN;
      default -> Cause.CONFIG;
    };
  }

  private static void replicationDrift(
      String node, String volume, DrbdResource r, Set<String> seen, List<Item> items) {
    DrbdResource.Runtime rt = r.runtime();
    String object = "drbd " + r.name();
    if (!seen.add(node + "|" + object)) {
      return;
    }
    List<String> problems = new ArrayList<>();
    if (!"UpToDate".equals(rt.diskState()) && !"Diskless".equals(rt.diskState())) {
      problems.add("disk " + rt.diskState());
    }
    for (DrbdResource.Peer p : rt.peers()) {
      if (!"Connected".equals(p.connectionState())) {
        problems.add("peer " + p.name() + " " + p.connectionState());
      } else if (p.replicationState() != null && p.replicationState().startsWith("Sync")) {
        problems.add(
            "peer "
                + p.name()
                + " "
                + p.replicationState()
                + String.format(" %.1f%%", p.percentInSync()));
      }
    }
    if (!problems.isEmpty()) {
      items.add(
          new Item(
              node, volume, object, Cause.DEGRADED, "degraded: " + String.join(", ", problems)));
    }
  }
}
