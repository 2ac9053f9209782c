package io.strata.planner.cost;

import io.strata.planner.observed.DrbdConfig;
import io.strata.planner.observed.DrbdResource;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.Movement;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.ObjectSpec.Drbd.InitialSync;
import io.strata.planner.plan.PlanCost;
import io.strata.planner.plan.PoolCapacity;
import io.strata.planner.plan.Redundancy;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Layer;
import io.strata.schema.model.Node;
import io.strata.schema.model.ResourceTemplate;
import io.strata.schema.model.StoragePool;
import io.strata.schema.model.Volume;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Computes a plan's {@link PlanCost} from its ordered changes, the desired and the observed state
 * (docs/decisions/013). Pure; reads the changes, never alters them.
 *
 * <p>Data moves only through DRBD: a diskful replica on fresh backing (new, re-created, or a
 * diskless host that gets a disk) receives the whole volume from its UpToDate peers; a brand-new
 * resource with a forced primary sends the whole volume to every peer (with {@code --clear-bitmap}
 * nothing moves); a grow resyncs the added bytes to every peer. Redundancy counts UpToDate disks:
 * removing or detaching one lowers it at once; a new replica counts only once its resync finished,
 * after the plan; during a grow's resync the peers are SyncTarget (Inconsistent), so one replica
 * holds all the data until it ends.
 */
public final class CostModel {
  private final DesiredState desired;
  private final ObservedState observed;
  private final long configuredRate;
  private Map<String, Map<String, DrbdResource>> drbdByVolume; // lazily, see drbd()

  private CostModel(DesiredState desired, ObservedState observed, long configuredRate) {
    this.desired = desired;
    this.observed = observed;
    this.configuredRate = configuredRate;
  }

  /** The cost of {@code changes} (in plan order); {@code syncRate} bytes/s, 0 when unknown. */
  public static PlanCost of(
      DesiredState desired, ObservedState observed, long syncRate, List<Change> changes) {
    return new CostModel(desired, observed, syncRate).cost(changes);
  }

  private PlanCost cost(List<Change> changes) {
    Map<String, Movement> movements = new LinkedHashMap<>();
    Map<String, List<Change>> byVolume = new TreeMap<>();
    for (Change c : changes) {
      if (c.volume() != null) {
        byVolume.computeIfAbsent(c.volume(), k -> new ArrayList<>()).add(c);
      }
    }
    for (Change c : changes) {
      if (c.spec() instanceof ObjectSpec.StorageClone sc && sc.copyBytes() > 0) {
        // a thick copy reads and writes the whole source on one node; no sync rate applies
        movements.put(
            c.id(),
            new Movement(
                Movement.Kind.BLOCK_COPY,
                sc.copyBytes(),
                List.of(c.node()),
                List.of(c.node()),
                0,
                "local copy, rate not measured",
                null));
      }
    }
    List<Redundancy> redundancy = new ArrayList<>();
    for (Map.Entry<String, List<Change>> e : byVolume.entrySet()) {
      String volume = e.getKey();
      Map<String, DrbdResource> seen = drbd(volume);
      boolean drbd =
          seen.size() > 0 || e.getValue().stream().anyMatch(c -> c.layer() == Layer.DRBD);
      if (!drbd) {
        continue;
      }
      redundancy.add(volume(volume, e.getValue(), seen, movements));
    }
    Map<String, Movement> ordered = new LinkedHashMap<>();
    for (Change c : changes) {
      if (movements.containsKey(c.id())) {
        ordered.put(c.id(), movements.get(c.id()));
      }
    }
    return new PlanCost(ordered, redundancy, capacity(changes, ordered));
  }

  /** The movements of one replicated volume's changes, and its redundancy along the plan. */
  private Redundancy volume(
      String volume,
      List<Change> changes,
      Map<String, DrbdResource> seen,
      Map<String, Movement> movements) {
    Set<String> upToDate = new TreeSet<>();
    Set<String> primaries = new TreeSet<>();
    seen.forEach(
        (node, r) -> {
          if (r.runtime() != null && "UpToDate".equals(r.runtime().diskState())) {
            upToDate.add(node);
            if ("Primary".equals(r.runtime().role())) {
              primaries.add(node);
            }
          }
        });
    int before = upToDate.size();
    Set<String> remaining = new TreeSet<>(upToDate);
    Set<String> gained = new TreeSet<>();
    List<String> causes = new ArrayList<>();
    boolean initialSync =
        changes.stream()
            .anyMatch(
                c -> c.spec() instanceof ObjectSpec.Drbd d && d.initialSync() != InitialSync.NONE);
    // removals first: the runner may run them before anything else that is independent
    for (Change c : changes) {
      String node = c.node();
      if (!remaining.contains(node)) {
        continue;
      }
      if (c.action() == Action.DELETE && !(c.spec() instanceof ObjectSpec.StorageSnapshot)) {
        // a snapshot deleted (retention, a Snapshot that left Git) leaves the replica as it is
        remaining.remove(node);
        causes.add(node + " removed (" + c.reason() + ")");
      } else if (c.action() == Action.UPDATE
          && c.spec() instanceof ObjectSpec.Drbd d
          && d.config().host(node).map(DrbdConfig.Host::diskless).orElse(false)) {
        remaining.remove(node);
        causes.add(node + " turns diskless");
      }
    }
    int minimum = remaining.size();
    SyncRate rate = rate(volume);
    // a full sync covers the whole DRBD device: backing minus metadata, a little more than asked
    long size = sizeOf(volume);
    for (String node : upToDate) {
      size = Math.max(size, seen.get(node).runtime().sizeBytes());
    }
    for (Change c : changes) {
      if (!(c.spec() instanceof ObjectSpec.Drbd d) || c.layer() != Layer.DRBD) {
        continue;
      }
      List<String> diskful = diskful(d.config());
      if (c.action() == Action.RESIZE) {
        long added =
            c.size() == null || c.size().previous() == null
                ? 0
                : c.size().requested() - c.size().previous();
        List<String> from = primaries.isEmpty() ? List.of(c.node()) : List.copyOf(primaries);
        List<String> to = new ArrayList<>(diskful);
        to.removeAll(from);
        if (added > 0 && !to.isEmpty()) {
          movements.put(c.id(), movement(Movement.Kind.GROW_RESYNC, added, from, to, rate));
          if (minimum > 1) {
            minimum = 1;
            causes.add(
                "grow: the added "
                    + human(added)
                    + " resync to "
                    + String.join(", ", to)
                    + " (Inconsistent until done)");
          }
        }
        continue;
      }
      if (c.action() != Action.CREATE && c.action() != Action.UPDATE) {
        continue;
      }
      switch (d.initialSync()) {
        case CLEAR_BITMAP -> gained.addAll(diskful);
        case FORCE_PRIMARY -> {
          List<String> to = new ArrayList<>(diskful);
          to.remove(c.node());
          gained.addAll(diskful);
          if (!to.isEmpty() && size > 0) {
            movements.put(
                c.id(), movement(Movement.Kind.INITIAL_SYNC, size, List.of(c.node()), to, rate));
          }
        }
        case NONE -> {
          boolean getsData = d.freshBacking() && diskful.contains(c.node()) && !initialSync;
          if (getsData && size > 0) {
            movements.put(
                c.id(),
                movement(
                    Movement.Kind.RESYNC, size, List.copyOf(remaining), List.of(c.node()), rate));
            gained.add(c.node());
          }
        }
      }
    }
    Set<String> after = new TreeSet<>(remaining);
    after.addAll(gained);
    return new Redundancy(volume, before, minimum, after.size(), causes);
  }

  private Movement movement(
      Movement.Kind kind, long bytes, List<String> from, List<String> to, SyncRate rate) {
    return new Movement(
        kind, bytes, from, to, rate.bytesPerSecond(), rate.source(), rate.eta(bytes));
  }

  private static List<String> diskful(DrbdConfig cfg) {
    List<String> out = new ArrayList<>();
    for (DrbdConfig.Host h : cfg.hosts()) {
      if (!h.diskless()) {
        out.add(h.node());
      }
    }
    return out;
  }

  /** The DRBD resources of {@code volume} on observed nodes (the resource is named after it). */
  private Map<String, DrbdResource> drbd(String volume) {
    if (drbdByVolume == null) {
      // one pass over every node's resources instead of one per volume: at 1,000 nodes and
      // 10,000 volumes the per-volume scan was a quarter of the plan's CPU
      drbdByVolume = new HashMap<>();
      for (NodeState n : observed.nodes().values()) {
        for (DrbdResource r : n.drbdResources()) {
          drbdByVolume.computeIfAbsent(r.name(), k -> new TreeMap<>()).putIfAbsent(n.node(), r);
        }
      }
    }
    return new TreeMap<>(drbdByVolume.getOrDefault(volume, Map.of()));
  }

  private SyncRate rate(String volume) {
    Volume v = desired.volumes().get(volume);
    ResourceTemplate t = v == null ? null : desired.templates().get(v.template());
    return SyncRate.of(t, configuredRate);
  }

  /** What the user asked for (0 for a volume no longer in Git): the DRBD device's least size. */
  private long sizeOf(String volume) {
    Volume v = desired.volumes().get(volume);
    return v == null ? 0 : v.size().bytes();
  }

  // ---- capacity

  private List<PoolCapacity> capacity(List<Change> changes, Map<String, Movement> movements) {
    Map<String, Delta> deltas = new TreeMap<>();
    Map<String, String> poolOfReplica = new TreeMap<>();
    Map<String, Long> planned = new HashMap<>(); // sizes this plan gave objects so far
    for (Change c : changes) {
      if (c.layer() != Layer.STORAGE || c.action() == Action.SNAPSHOT) {
        continue;
      }
      ObjectSpec spec = c.spec() instanceof ObjectSpec.StorageClone sc ? sc.target() : c.spec();
      StoragePool pool = poolOf(c.node(), spec);
      NodeState n = observed.nodes().get(c.node());
      if (pool == null || n == null) {
        continue;
      }
      String key = c.node() + "\0" + c.object();
      long was = planned.getOrDefault(key, observedSize(n, spec));
      long now =
          switch (c.action()) {
            case CREATE -> sizeOf(spec);
            case RESIZE -> Math.max(was, sizeOf(spec));
            case DELETE -> 0;
            default -> was;
          };
      if (c.action() == Action.CREATE) {
        poolOfReplica.put(c.volume() + "\0" + c.node(), pool.name());
        was = 0;
      }
      planned.put(key, now);
      long grow = now - was;
      if (grow == 0) {
        continue;
      }
      Delta d = deltas.computeIfAbsent(pool.name() + "\0" + c.node(), k -> new Delta(pool, n));
      d.provisioned += grow;
      if (!pool.provider().type().thin()) {
        d.free -= grow;
      }
    }
    // a full resync writes every block of a new thin replica
    movements.forEach(
        (id, m) -> {
          for (String target : m.to()) {
            String volume = id.substring(0, id.indexOf('/'));
            String pool = poolOfReplica.get(volume + "\0" + target);
            Delta d = pool == null ? null : deltas.get(pool + "\0" + target);
            if (d != null && d.pool.provider().type().thin()) {
              d.free -= m.bytesPerTarget();
            }
          }
        });
    List<PoolCapacity> out = new ArrayList<>();
    for (Delta d : deltas.values()) {
      PoolUsage.of(d.pool, d.node)
          .ifPresent(
              u ->
                  out.add(
                      new PoolCapacity(
                          d.pool.name(),
                          d.node.node(),
                          d.pool.provider().type().yamlName(),
                          u.total(),
                          new PoolCapacity.Usage(u.free(), u.provisioned()),
                          new PoolCapacity.Usage(
                              Math.max(0, u.free() + d.free), u.provisioned() + d.provisioned),
                          PoolUsage.overcommitLimit(d.pool))));
    }
    return out;
  }

  private static final class Delta {
    final StoragePool pool;
    final NodeState node;
    long free;
    long provisioned;

    Delta(StoragePool pool, NodeState node) {
      this.pool = pool;
      this.node = node;
    }
  }

  /** The Git pool on {@code node} whose provider holds {@code spec}; null when none does. */
  private StoragePool poolOf(String node, ObjectSpec spec) {
    Node n = desired.nodes().get(node);
    if (n == null) {
      return null;
    }
    for (StoragePool p : desired.pools().values()) {
      if (!p.appliesTo(n)) {
        continue;
      }
      StoragePool.Provider pr = p.provider();
      boolean match = false;
      if (spec instanceof ObjectSpec.Lv lv) {
        match =
            pr.type().lvm()
                && lv.vg().equals(pr.volumeGroup())
                && (lv.thinPool() == null
                    ? !pr.type().thin()
                    : pr.type().thin() && lv.thinPool().equals(pr.thinPool()));
      } else if (spec instanceof ObjectSpec.Zvol z) {
        match = !pr.type().lvm() && z.zpool().equals(pr.zpool()) && z.sparse() == pr.type().thin();
      }
      if (match) {
        return p;
      }
    }
    return null;
  }

  private static long sizeOf(ObjectSpec spec) {
    if (spec instanceof ObjectSpec.Lv lv) {
      return lv.sizeBytes();
    }
    return spec instanceof ObjectSpec.Zvol z ? z.sizeBytes() : 0;
  }

  private static long observedSize(NodeState n, ObjectSpec spec) {
    if (spec instanceof ObjectSpec.Lv lv) {
      return n.logicalVolume(lv.vg(), lv.name()).map(l -> l.size()).orElse(0L);
    }
    if (spec instanceof ObjectSpec.Zvol z) {
      return n.zvol(z.dataset()).map(v -> v.volsize()).orElse(0L);
    }
    return 0;
  }

  private static String human(long bytes) {
    return bytes <= 0 ? "0 B" : io.strata.schema.model.Size.ofBytes(bytes).human();
  }
}
