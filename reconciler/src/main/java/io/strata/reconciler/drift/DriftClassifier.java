package io.strata.reconciler.drift;

import io.strata.planner.index.ObservedIndex;
import io.strata.planner.naming.Names;
import io.strata.planner.observed.DrbdConfig;
import io.strata.planner.observed.DrbdResource;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.NvmeConnection;
import io.strata.planner.observed.NvmeSubsystem;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.Divergence;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Plan;
import io.strata.planner.plan.Refusal;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Layer;
import io.strata.schema.model.Volume;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one place that says what drifted and in which class. Pure: it reads a plan made with {@code
 * heal: all} and no prune (what healing everything would change), that plan's refusals and
 * divergences (what Strata will not heal), replication health (what no plan can fix at once) and
 * the unreachable nodes. Orphaned volumes kept by their Retain policy are not drift: Git asked for
 * them to be kept, and the plan reports them as warnings.
 */
public final class DriftClassifier {
  private DriftClassifier() {}

  public static Drift classify(DesiredState desired, ObservedState observed, Plan healAll) {
    Map<String, DriftItem> byKey = new LinkedHashMap<>();
    unreachable(desired, observed, byKey);
    for (Change c : healAll.changes()) {
      add(byKey, fromChange(c, observed));
    }
    for (Refusal r : healAll.refused()) {
      String layer = r.volume() == null ? "plan" : "volume";
      add(byKey, new DriftItem(r.volume(), r.node(), layer, DriftClass.REFUSED, null, r.reason()));
    }
    for (Divergence d : healAll.divergences()) {
      add(
          byKey,
          new DriftItem(
              d.volume(), d.node(), d.layer().yamlName(), classOf(d), d.object(), d.detail()));
    }
    health(desired, observed, byKey);
    List<DriftItem> items = new ArrayList<>(byKey.values());
    items.sort(
        Comparator.comparing((DriftItem i) -> i.volume() == null ? "" : i.volume())
            .thenComparing(i -> i.node() == null ? "" : i.node())
            .thenComparing(DriftItem::key));
    return new Drift(items);
  }

  /** Divergences are what the plan leaves as is; each kind has its class. */
  static DriftClass classOf(Divergence d) {
    if (d instanceof Divergence.Resized) {
      return DriftClass.RESIZED;
    }
    throw new IllegalArgumentException("no drift class for divergence " + d.kind());
  }

  /** The class of one change of a heal-everything plan: what the change would repair. */
  static DriftItem fromChange(Change c, ObservedState observed) {
    DriftClass cls =
        switch (c.action()) {
          case CREATE, SNAPSHOT -> DriftClass.MISSING;
          case DELETE, DISCONNECT -> DriftClass.ORPHANED;
          case CONNECT -> DriftClass.DEGRADED;
          case RESIZE -> DriftClass.CONFIG; // Git declares more than exists: a grow not applied
          case UPDATE ->
              c.spec() instanceof ObjectSpec.LvActivation
                  ? DriftClass.INACTIVE
                  // I/O left suspended (decision 022) hangs writers, like a resource that is down
                  // as does a live NVMe path without its namespace (decision 032)
                  : c.spec() instanceof ObjectSpec.DrbdIoFence
                          || c.spec() instanceof ObjectSpec.NvmeAttach
                          || down(c, observed)
                      ? DriftClass.DEGRADED
                      : DriftClass.CONFIG;
        };
    String object = c.object();
    String where = object == null ? "" : object + ": ";
    String detail = where + c.reason() + " (apply would " + c.action().jsonName() + ")";
    if (c.spec() instanceof ObjectSpec.Luks l && c.action() == Action.CREATE && !l.freshBacking()) {
      // a closed container of Strata's own: healing opens it, never formats (decision 005)
      detail = where + "LUKS mapping closed; heal re-opens Strata's container, never formats";
    }
    return new DriftItem(c.volume(), c.node(), c.layer().yamlName(), cls, object, detail);
  }

  /**
   * A DRBD update on a node where the resource exists but is down, or up with its disk detached:
   * replication is degraded.
   */
  private static boolean down(Change c, ObservedState observed) {
    if (c.layer() != Layer.DRBD || c.volume() == null) {
      return false;
    }
    NodeState n = observed.nodes().get(c.node());
    return n != null
        && n.drbdResource(Names.drbdResource(c.volume()))
            .map(r -> !r.up() || detached(r, c.node()))
            .orElse(false);
  }

  /** Up, configured with a disk here, but running without it. */
  private static boolean detached(DrbdResource r, String node) {
    return r.config() != null
        && r.config().host(node).map(h -> !h.diskless()).orElse(false)
        && "Diskless".equals(r.runtime().diskState());
  }

  /**
   * An unreachable node, and every volume that has a replica or an attachment there: their state on
   * that node is unknown, never "missing" or "not attached yet".
   */
  private static void unreachable(
      DesiredState desired, ObservedState observed, Map<String, DriftItem> byKey) {
    if (observed.unreachable().isEmpty()) {
      return;
    }
    ObservedIndex idx = ObservedIndex.of(observed);
    observed
        .unreachable()
        .forEach(
            (node, why) ->
                add(
                    byKey,
                    new DriftItem(
                        null,
                        node,
                        "node",
                        DriftClass.UNREACHABLE,
                        node,
                        "node " + node + " cannot be observed: " + why)));
    for (Volume v : desired.volumes().values()) {
      DrbdConfig cfg = idx.drbdConfig(v.name());
      Set<String> on = new TreeSet<>(v.access());
      if (cfg != null) {
        cfg.hosts().forEach(h -> on.add(h.node()));
      }
      on.addAll(v.placement().nodes());
      for (String node : on) {
        if (observed.unreachable().containsKey(node)) {
          boolean attached = v.access().contains(node);
          add(
              byKey,
              new DriftItem(
                  v.name(),
                  node,
                  "node",
                  DriftClass.UNREACHABLE,
                  null,
                  (attached ? "attachment" : "replica")
                      + " on "
                      + node
                      + " cannot be observed ("
                      + observed.unreachable().get(node)
                      + "); its state is unknown"));
        }
      }
    }
  }

  /** Degraded replication and NVMe paths that are not live, which no plan repairs at once. */
  private static void health(
      DesiredState desired, ObservedState observed, Map<String, DriftItem> byKey) {
    // the index groups each node's resources by volume once (not every node for every volume:
    // at 1,000 nodes and 10,000 volumes that was most of a daemon cycle); by node within a volume
    ObservedIndex idx = ObservedIndex.of(observed);
    for (String volume : desired.volumes().keySet()) {
      idx.drbd(Names.drbdResource(volume))
          .forEach(
              (node, r) -> {
                if (r.owned() && r.up()) {
                  replication(node, volume, r, byKey);
                }
              });
    }
    for (NodeState n : observed.nodes().values()) {
      for (NvmeConnection c : n.nvmeConnections()) {
        if ((!c.live() || c.device() == null) && c.nqn().startsWith(NvmeSubsystem.NQN_PREFIX)) {
          String volume = c.nqn().substring(NvmeSubsystem.NQN_PREFIX.length());
          add(
              byKey,
              new DriftItem(
                  volume,
                  n.node(),
                  "nvme",
                  DriftClass.DEGRADED,
                  c.nqn(),
                  c.live()
                      ? "NVMe path to " + c.address() + " is live but has no namespace device"
                      : "NVMe path to " + c.address() + " is " + c.state()));
        }
      }
    }
  }

  private static void replication(
      String node, String volume, DrbdResource r, Map<String, DriftItem> byKey) {
    DrbdResource.Runtime rt = r.runtime();
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
                + String.format(Locale.ROOT, " %.1f%%", p.percentInSync()));
      }
    }
    if (!problems.isEmpty()) {
      add(
          byKey,
          new DriftItem(
              volume,
              node,
              "drbd",
              DriftClass.DEGRADED,
              r.name(),
              "replication degraded: " + String.join(", ", problems)));
    }
  }

  /** One item per key: a second divergence of the same kind on the same object adds its detail. */
  private static void add(Map<String, DriftItem> byKey, DriftItem item) {
    byKey.merge(
        item.key(),
        item,
        (a, b) ->
            a.detail().equals(b.detail())
                ? a
                : new DriftItem(
                    a.volume(),
                    a.node(),
                    a.layer(),
                    a.driftClass(),
                    a.object(),
                    a.detail() + "; " + b.detail()));
  }
}
