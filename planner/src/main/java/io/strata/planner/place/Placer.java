package io.strata.planner.place;

import io.strata.planner.alloc.VolumeSizes;
import io.strata.planner.index.ObservedIndex;
import io.strata.planner.index.StorageObject;
import io.strata.planner.observed.DevicePaths;
import io.strata.planner.observed.DrbdConfig;
import io.strata.planner.observed.DrbdResource;
import io.strata.planner.place.Candidates.Candidate;
import io.strata.planner.place.Replica.State;
import io.strata.planner.plan.Refusal;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Layer;
import io.strata.schema.model.Node;
import io.strata.schema.model.Placement;
import io.strata.schema.model.ProviderType;
import io.strata.schema.model.ResourceTemplate;
import io.strata.schema.model.StoragePool;
import io.strata.schema.model.Volume;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Places volumes one at a time, in name order, reserving capacity as it goes (ARCHITECTURE.md §6.1,
 * §5 stickiness and unknown nodes). Not thread-safe; one instance per plan.
 */
public final class Placer {
  /**
   * How new replicas are searched: through the sorted {@link CandidateIndex} (the default), or by
   * scanning every eligible (node, pool) per volume — the plain reference the index must agree
   * with, kept for the property test that compares whole plans made both ways.
   */
  public enum Search {
    INDEXED,
    SCAN
  }

  private final Search search;
  private final DesiredState desired;
  private final ObservedIndex idx;
  private Map<String, String> drbdBlind; // lazily, see drbdBlind()
  private final PoolIndex pools;
  private final Capacity capacity;
  private final Candidates candidates;
  private final Map<String, Integer> replicaCount = new HashMap<>();

  /** Diskless DRBD members (tiebreakers) per node, observed and placed: a tiebreaker's load. */
  private final Map<String, Integer> disklessCount = new HashMap<>();

  private final Comparator<Candidate> order =
      Comparator.comparingLong(Candidate::free)
          .reversed()
          .thenComparingInt(Candidate::replicas)
          .thenComparing(Candidate::node)
          .thenComparing(c -> c.pool().name());

  public Placer(DesiredState desired, ObservedIndex idx) {
    this(desired, idx, Search.INDEXED);
  }

  public Placer(DesiredState desired, ObservedIndex idx, Search search) {
    this.search = search;
    this.desired = desired;
    this.idx = idx;
    this.pools = new PoolIndex(desired);
    this.capacity = new Capacity(idx.observed());
    this.candidates = new Candidates(desired, idx, pools, capacity, replicaCount);
    for (String v : idx.ownedVolumes()) {
      for (StorageObject o : idx.storage(v).values()) {
        replicaCount.merge(o.node(), 1, Integer::sum);
      }
      DrbdConfig cfg = idx.drbdConfig(v);
      if (cfg != null) {
        cfg.hosts().stream()
            .filter(DrbdConfig.Host::diskless)
            .forEach(h -> disklessCount.merge(h.node(), 1, Integer::sum));
      }
    }
  }

  public Capacity capacity() {
    return capacity;
  }

  public PoolIndex pools() {
    return pools;
  }

  /** Places one volume; call in volume-name order. */
  public VolumePlacement place(Volume v, VolumeSizes sizes) {
    String name = v.name();
    ResourceTemplate t = desired.templateOf(v);
    Placement pl = desired.placementOf(v);
    boolean drbd = t.has(Layer.DRBD);
    List<Refusal> refusals = new ArrayList<>();
    List<String> warnings = new ArrayList<>();

    for (StorageObject o : idx.storage(name).values()) {
      if (!o.owned()) {
        refusals.add(new Refusal(name, o.node(), notOurs(o), Refusal.Kind.SAFETY));
      }
    }
    if (!refusals.isEmpty()) {
      return refused(name, refusals, warnings);
    }
    SortedMap<String, Replica> existing = existingReplicas(name, drbd, pl);
    if (existing.isEmpty()) {
      List<String> unknown = candidates.unknownButPossible(pl);
      if (!unknown.isEmpty()) {
        refusals.add(
            new Refusal(
                name,
                null,
                "no replica of "
                    + name
                    + " is observed and node(s) "
                    + String.join(", ", unknown)
                    + " are unknown (unreachable) and may hold it; a fresh replica is placed only"
                    + " once they are observed",
                Refusal.Kind.UNKNOWN_NODE));
        return refused(name, refusals, warnings);
      }
    }
    List<Replica> staying = new ArrayList<>();
    List<Replica> leaving = new ArrayList<>();
    for (Replica r : existing.values()) {
      Node n = desired.nodes().get(r.node());
      boolean leaves = r.state() == State.LOST || (n != null && n.evacuate());
      if (leaves && !drbd) {
        refusals.add(
            new Refusal(
                name,
                r.node(),
                "cannot move "
                    + name
                    + " off "
                    + r.node()
                    + ": without a drbd layer there is nothing to copy the data with; copy it by"
                    + " hand or add drbd to the template",
                Refusal.Kind.PLACEMENT));
        leaves = false;
      }
      (leaves ? leaving : staying).add(r);
    }
    int redundancy = pl.effectiveRedundancy();
    List<Replica> remove = new ArrayList<>();
    if (staying.size() > redundancy) {
      staying.sort(keepOrder(name));
      List<Replica> extra = new ArrayList<>(staying.subList(redundancy, staying.size()));
      List<Replica> kept = new ArrayList<>(staying.subList(0, redundancy));
      boolean keptUpToDate = !drbd || kept.stream().anyMatch(r -> upToDate(name, r.node()));
      for (Replica r : extra) {
        if (!keptUpToDate || r.state() == State.UNKNOWN) {
          kept.add(r);
          warnings.add(
              name
                  + ": extra replica on "
                  + r.node()
                  + " kept for now ("
                  + (keptUpToDate ? "node unknown" : "no remaining replica is UpToDate")
                  + ")");
        } else {
          remove.add(r);
        }
      }
      staying = kept;
    }
    List<Replica> added = new ArrayList<>();
    int need = redundancy - staying.size();
    if (need > 0
        && staying.stream().allMatch(r -> r.state() == State.UNKNOWN)
        && !staying.isEmpty()) {
      refusals.add(
          new Refusal(
              name,
              null,
              "every replica of "
                  + name
                  + " is on an unknown node ("
                  + String.join(", ", nodes(staying).stream().sorted().toList())
                  + "); no fresh, empty replica is placed until they are observed",
              Refusal.Kind.UNKNOWN_NODE));
      need = 0;
    }
    if (need > 0) {
      String refusal =
          addReplicas(
              name,
              pl,
              sizes,
              staying,
              new HashSet<>(existing.keySet()),
              need,
              added,
              t.has(Layer.DRBD));
      if (refusal != null) {
        refusals.add(new Refusal(name, null, refusal, Refusal.Kind.PLACEMENT));
        if (existing.isEmpty()) {
          return refused(name, refusals, warnings);
        }
      }
    }
    List<Replica> diskful = new ArrayList<>(staying);
    diskful.addAll(added);
    boolean replaced =
        added.isEmpty()
            && diskful.size() >= redundancy
            && diskful.stream().allMatch(r -> upToDate(name, r.node()));
    for (Replica r : leaving) {
      if (replaced && r.state() != State.UNKNOWN) {
        remove.add(r);
      } else {
        diskful.add(r);
        warnings.add(
            name
                + ": replica on "
                + r.node()
                + " stays until its replacement is UpToDate"
                + (r.state() == State.UNKNOWN ? " and the node is observed" : ""));
      }
    }
    diskful.sort(Comparator.comparing(Replica::node));
    remove.sort(Comparator.comparing(Replica::node));
    Access access = new Access(desired, idx, replicaCount, disklessCount);
    return access.complete(v, t, diskful, remove, refusals, warnings);
  }

  /** Observed nodes whose DRBD layer could not be observed, with the reason (computed once). */
  private Map<String, String> drbdBlind() {
    if (drbdBlind != null) {
      return drbdBlind;
    }
    Map<String, String> out = new TreeMap<>();
    idx.observed()
        .nodes()
        .forEach(
            (node, s) -> {
              String why = s.unobserved().get(Layer.DRBD);
              if (why != null) {
                out.put(node, why);
              }
            });
    drbdBlind = out;
    return out;
  }

  private String addReplicas(
      String name,
      Placement pl,
      VolumeSizes sizes,
      List<Replica> staying,
      Set<String> occupied,
      int need,
      List<Replica> added,
      boolean mixable) {
    ProviderType provider =
        staying.stream().map(Replica::provider).filter(p -> p != null).findFirst().orElse(null);
    Set<String> spreadTaken = new TreeSet<>();
    if (pl.spreadAcross() != null) {
      for (Replica r : staying) {
        Node n = desired.nodes().get(r.node());
        if (n != null && n.metadata().labels().get(pl.spreadAcross()) != null) {
          spreadTaken.add(n.metadata().labels().get(pl.spreadAcross()));
        }
      }
    }
    // mixable is a DRBD stack: a node whose kernel lacks DRBD 9 cannot hold a replica (issue 9)
    Map<String, String> blind = mixable ? drbdBlind() : Map.of();
    List<Candidate> chosen =
        search == Search.INDEXED
            ? indexed(pl, sizes, provider, occupied, need, spreadTaken, blind)
            : scanned(pl, sizes, provider, occupied, need, spreadTaken, blind);
    if (chosen.size() < need && mixable) {
      // DRBD replicates between any two block devices, as LINSTOR does between LVM-thin and ZFS:
      // each replica's storage is sized for its own provider, so a mix fits wherever one type
      // alone cannot
      List<Candidate> any =
          new ArrayList<>(candidates.all(pl, sizes, null, occupied, replicaCount));
      any.removeIf(c -> blind.containsKey(c.node()));
      chosen = greedy(any, null, need, pl, spreadTaken);
    }
    if (chosen.size() < need) {
      return explain(
          name, pl, sizes, staying, occupied, need, mixable ? null : provider, spreadTaken, blind);
    }
    for (Candidate c : chosen) {
      // count first: the reservation re-sorts the node's candidates with both changes
      replicaCount.merge(c.node(), 1, Integer::sum);
      capacity.reserve(c.node(), c.pool(), c.need());
      added.add(replicaOf(c.node(), c.pool(), State.NEW));
    }
    return null;
  }

  /** The reference search: every candidate listed, each provider type tried by its best. */
  private List<Candidate> scanned(
      Placement pl,
      VolumeSizes sizes,
      ProviderType provider,
      Set<String> occupied,
      int need,
      Set<String> spreadTaken,
      Map<String, String> blind) {
    List<Candidate> cands =
        new ArrayList<>(candidates.all(pl, sizes, provider, occupied, replicaCount));
    cands.removeIf(c -> blind.containsKey(c.node()));
    // All replicas of a volume share one provider type. Without one yet, try the types in the
    // order their best candidate ranks, and take the first that can hold every replica.
    EnumMap<ProviderType, Candidate> bestOfType = new EnumMap<>(ProviderType.class);
    for (Candidate c : cands) {
      bestOfType.merge(c.pool().provider().type(), c, (a, b) -> order.compare(a, b) <= 0 ? a : b);
    }
    List<ProviderType> types = new ArrayList<>();
    if (provider != null) {
      types.add(provider);
    } else {
      bestOfType.entrySet().stream()
          .sorted((a, b) -> order.compare(a.getValue(), b.getValue()))
          .forEach(e -> types.add(e.getKey()));
    }
    List<Candidate> chosen = List.of();
    for (ProviderType type : types) {
      chosen = greedy(cands, type, need, pl, spreadTaken);
      if (chosen.size() == need) {
        break;
      }
    }
    return chosen;
  }

  /**
   * The same choice as {@link #scanned} through the sorted index: the provider types come in the
   * order their best candidate appears, and one walk from the front picks the replicas — a
   * candidate skipped because its node or spread value was taken stays excluded, so taking the
   * first that passes each time is the greedy choice.
   */
  private List<Candidate> indexed(
      Placement pl,
      VolumeSizes sizes,
      ProviderType provider,
      Set<String> occupied,
      int need,
      Set<String> spreadTaken,
      Map<String, String> blind) {
    List<Candidate> chosen = List.of();
    Set<ProviderType> tried = EnumSet.noneOf(ProviderType.class);
    while (true) {
      ProviderType type = provider;
      if (type == null) {
        ProviderType[] next = new ProviderType[1];
        candidates.walk(
            pl,
            sizes,
            null,
            occupied,
            c -> {
              ProviderType t = c.pool().provider().type();
              if (blind.containsKey(c.node()) || tried.contains(t)) {
                return true;
              }
              next[0] = t;
              return false;
            });
        type = next[0];
        if (type == null) {
          return chosen;
        }
      }
      tried.add(type);
      ProviderType only = type;
      Set<String> spread = new HashSet<>(spreadTaken);
      Set<String> used = new HashSet<>();
      List<Candidate> picked = new ArrayList<>();
      candidates.walk(
          pl,
          sizes,
          provider,
          occupied,
          c -> {
            if (c.pool().provider().type() != only
                || blind.containsKey(c.node())
                || used.contains(c.node())) {
              return true;
            }
            if (pl.spreadAcross() != null) {
              String value = c.spreadValue();
              if (value == null || spread.contains(value)) {
                return true;
              }
              spread.add(value);
            }
            picked.add(c);
            used.add(c.node());
            return picked.size() < need;
          });
      chosen = picked;
      if (chosen.size() == need || provider != null) {
        return chosen;
      }
    }
  }

  /**
   * Picks {@code need} candidates of one provider type ({@code null}: any): each time the best
   * remaining one (most free, fewest replicas, node, pool) whose spread label is still free. A
   * linear scan per pick (need is small) instead of sorting every node for every volume.
   */
  private List<Candidate> greedy(
      List<Candidate> cands, ProviderType type, int need, Placement pl, Set<String> taken) {
    Set<String> spread = new HashSet<>(taken);
    Set<String> used = new HashSet<>();
    List<Candidate> chosen = new ArrayList<>();
    while (chosen.size() < need) {
      Candidate best = null;
      String bestValue = null;
      for (Candidate c : cands) {
        if ((type != null && c.pool().provider().type() != type) || used.contains(c.node())) {
          continue;
        }
        String value = null;
        if (pl.spreadAcross() != null) {
          value = c.spreadValue();
          if (value == null || spread.contains(value)) {
            continue;
          }
        }
        if (best == null || order.compare(c, best) < 0) {
          best = c;
          bestValue = value;
        }
      }
      if (best == null) {
        break;
      }
      chosen.add(best);
      used.add(best.node());
      if (bestValue != null) {
        spread.add(bestValue);
      }
    }
    return chosen;
  }

  private String explain(
      String name,
      Placement pl,
      VolumeSizes sizes,
      List<Replica> staying,
      Set<String> occupied,
      int need,
      ProviderType provider,
      Set<String> spreadTaken,
      Map<String, String> blind) {
    List<String> reasons = new ArrayList<>();
    Set<String> eligibleValues = new TreeSet<>();
    for (String node : candidates.nodesConsidered(pl)) {
      if (!occupied.contains(node)) {
        String why =
            blind.containsKey(node)
                ? blind.get(node)
                : candidates.whyNot(node, pl, sizes, provider, spreadTaken);
        reasons.add(node + ": " + why);
        if (why.equals("eligible") && pl.spreadAcross() != null) {
          eligibleValues.add(desired.nodes().get(node).metadata().labels().get(pl.spreadAcross()));
        }
      }
    }
    if (pl.spreadAcross() != null) {
      reasons.add(
          0,
          "spreadAcross "
              + pl.spreadAcross()
              + ": the eligible nodes cover "
              + (eligibleValues.isEmpty() ? "no value" : String.join(", ", eligibleValues))
              + (spreadTaken.isEmpty() ? "" : " (taken: " + String.join(", ", spreadTaken) + ")")
              + ", "
              + need
              + " more needed");
    }
    int shown = Math.min(reasons.size(), 20);
    String more =
        reasons.size() > shown ? "; … and " + (reasons.size() - shown) + " more nodes" : "";
    return "cannot place "
        + need
        + " more replica(s) of "
        + name
        + " ("
        + Candidates.human(sizes.user())
        + ", redundancy "
        + pl.effectiveRedundancy()
        + ", "
        + staying.size()
        + " existing): "
        + (reasons.isEmpty() ? "no candidate node" : String.join("; ", reasons.subList(0, shown)))
        + more;
  }

  private SortedMap<String, Replica> existingReplicas(String name, boolean drbd, Placement pl) {
    SortedMap<String, Replica> existing = new TreeMap<>();
    for (StorageObject o : idx.storage(name).values()) {
      State s = desired.nodes().containsKey(o.node()) ? State.OBSERVED : State.LOST;
      existing.put(o.node(), observedReplica(o, s));
    }
    DrbdConfig cfg = drbd ? idx.drbdConfig(name) : null;
    if (cfg == null) {
      return existing;
    }
    for (DrbdConfig.Host h : cfg.hosts()) {
      String node = h.node();
      if (h.diskless() || existing.containsKey(node)) {
        continue;
      }
      if (!desired.nodes().containsKey(node)) {
        existing.put(node, new Replica(node, null, null, null, null, 0, State.LOST));
      } else if (!idx.reachable(node)) {
        existing.put(node, new Replica(node, null, null, null, null, 0, State.UNKNOWN));
      } else {
        DrbdResource own = idx.drbd(name).get(node);
        boolean selfDiskful =
            own != null
                && own.owned()
                && own.config() != null
                && own.config().host(node).map(x -> !x.diskless()).orElse(false);
        StoragePool pool = selfDiskful ? poolFor(node, h.disk(), pl) : null;
        if (pool != null) {
          existing.put(node, replicaOf(node, pool, State.MISSING));
        }
      }
    }
    return existing;
  }

  /** The pool a missing replica is re-created in: the one its device path names, else the first. */
  private StoragePool poolFor(String node, String disk, Placement pl) {
    StoragePool first = null;
    for (StoragePool p : pools.poolsOn(node)) {
      if (!Candidates.allowed(pl, p)) {
        continue;
      }
      String c = p.provider().type().lvm() ? p.provider().volumeGroup() : p.provider().zpool();
      if (disk != null && DevicePaths.inContainer(disk, c)) {
        return p;
      }
      first = first == null ? p : first;
    }
    return first;
  }

  private Replica observedReplica(StorageObject o, State s) {
    String pool = null;
    for (StoragePool p : pools.poolsOn(o.node())) {
      StoragePool.Provider pr = p.provider();
      boolean same =
          pr.type() == o.provider()
              && (pr.type().lvm()
                  ? pr.volumeGroup().equals(o.container())
                      && Objects.equals(pr.thinPool(), o.thinPool())
                  : pr.zpool().equals(o.container()));
      if (same) {
        pool = p.name();
        break;
      }
    }
    long extent =
        idx.observed()
            .node(o.node())
            .flatMap(n -> n.volumeGroup(o.container()))
            .map(vg -> vg.extentSize())
            .orElse(0L);
    return new Replica(o.node(), pool, o.provider(), o.container(), o.thinPool(), extent, s);
  }

  private Replica replicaOf(String node, StoragePool p, State s) {
    StoragePool.Provider pr = p.provider();
    String container = pr.type().lvm() ? pr.volumeGroup() : pr.zpool();
    return new Replica(
        node, p.name(), pr.type(), container, pr.thinPool(), capacity.extentSize(node, p), s);
  }

  /** Replicas to keep first when redundancy goes down: unknown, UpToDate, observed, by name. */
  private Comparator<Replica> keepOrder(String volume) {
    return Comparator.comparing((Replica r) -> r.state() != State.UNKNOWN)
        .thenComparing(r -> !upToDate(volume, r.node()))
        .thenComparing(r -> r.state() != State.OBSERVED)
        .thenComparing(Replica::node);
  }

  boolean upToDate(String volume, String node) {
    DrbdResource r = idx.drbd(volume).get(node);
    return r != null && r.runtime() != null && "UpToDate".equals(r.runtime().diskState());
  }

  private static String notOurs(StorageObject o) {
    String marker = o.provider().lvm() ? "no tag 'strata'" : "no strata:owner property";
    return o.display()
        + " exists but is not Strata's ("
        + marker
        + "); rename or remove it by hand";
  }

  private static VolumePlacement refused(String name, List<Refusal> r, List<String> w) {
    return new VolumePlacement(
        name, List.of(), List.of(), null, new TreeSet<>(), new TreeSet<>(), true, r, w);
  }

  static Set<String> nodes(List<Replica> rs) {
    Set<String> s = new HashSet<>();
    rs.forEach(r -> s.add(r.node()));
    return s;
  }
}
