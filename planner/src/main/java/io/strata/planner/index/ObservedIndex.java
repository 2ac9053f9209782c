package io.strata.planner.index;

import io.strata.planner.naming.Names;
import io.strata.planner.observed.DrbdConfig;
import io.strata.planner.observed.DrbdResource;
import io.strata.planner.observed.LogicalVolume;
import io.strata.planner.observed.LuksDevice;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.NvmeConnection;
import io.strata.planner.observed.NvmeSubsystem;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.observed.Zvol;
import io.strata.schema.model.ProviderType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Observed objects grouped by volume and node, plus every DRBD port and minor in use. */
public final class ObservedIndex {
  /** Marks an owned object whose volume had {@code deletionPolicy: Delete} (LVM tag). */
  public static final String DELETE_TAG = "strata-delete";

  /** The {@code strata:owner} value that carries the same marker on ZFS. */
  public static final String DELETE_OWNER = "strata-delete";

  /** Marks a snapshot taken by a volume's snapshot schedule (LVM tag, docs/decisions/028). */
  public static final String SCHEDULED_TAG = "strata-scheduled";

  /** The {@code strata:owner} value that carries the same marker on ZFS. */
  public static final String SCHEDULED_OWNER = "strata-scheduled";

  private final ObservedState observed;
  private final Map<String, SortedMap<String, StorageObject>> storage = new HashMap<>();
  private final Map<String, SortedMap<String, List<StorageObject>>> snapshots = new HashMap<>();
  private final Map<String, SortedSet<String>> zfsClones = new TreeMap<>();
  private final Map<String, SortedMap<String, LuksDevice>> luks = new HashMap<>();
  private final Map<String, SortedMap<String, DrbdResource>> drbd = new HashMap<>();
  private final Map<String, SortedMap<String, NvmeSubsystem>> exports = new HashMap<>();
  private final Map<String, SortedMap<String, NvmeConnection>> connections = new HashMap<>();
  private final SortedSet<String> ownedVolumes = new TreeSet<>();
  private final Map<String, BitSet> usedPorts = new HashMap<>();
  private final BitSet usedMinors = new BitSet();

  private final Set<String> reachable;

  private ObservedIndex(ObservedState observed) {
    this.observed = observed;
    this.reachable = new HashSet<>(observed.nodes().keySet());
  }

  /** The last index made, and the very observation it indexes. */
  private record Last(ObservedState observed, ObservedIndex index) {}

  private static volatile Last last;

  /**
   * The index of {@code observed}. The same observation object asked for again gets the same index:
   * observations are immutable and an index is read only, and a daemon cycle indexes one
   * observation up to six times (what the commit touches, the plan, the nodes it acts on, drift).
   */
  public static ObservedIndex of(ObservedState observed) {
    Last l = last;
    if (l != null && l.observed() == observed) {
      return l.index();
    }
    ObservedIndex idx = build(observed);
    last = new Last(observed, idx);
    return idx;
  }

  private static ObservedIndex build(ObservedState observed) {
    ObservedIndex idx = new ObservedIndex(observed);
    for (NodeState n : observed.nodes().values()) {
      idx.indexNode(n);
    }
    // an index is read only from here on: what it hands out cannot be changed by a caller
    idx.snapshots.values().forEach(byNode -> byNode.replaceAll((node, l) -> List.copyOf(l)));
    return idx;
  }

  private void indexNode(NodeState n) {
    String node = n.node();
    for (LogicalVolume lv : n.logicalVolumes()) {
      // a clone made by a thin snapshot has an origin but is named as a volume's storage
      boolean snap = lv.isSnapshot() && volumeOf(lv.name()) == null;
      String base = snap ? lv.origin() : lv.name();
      String vol = volumeOf(base);
      if (vol == null) {
        continue;
      }
      ProviderType p = lv.thinPool() == null ? ProviderType.LVM : ProviderType.LVM_THIN;
      StorageObject o =
          new StorageObject(
              node,
              p,
              lv.vg(),
              lv.thinPool(),
              base,
              lv.size(),
              lv.owned(),
              lv.tags().contains(DELETE_TAG),
              lv.initMarker(),
              snap ? lv.name() : null,
              lv.active(),
              snap ? null : lv.source(),
              snap && lv.owned() && lv.tags().contains(SCHEDULED_TAG));
      add(o, vol);
    }
    for (Zvol z : n.zvols()) {
      // POOL/NAME[@SNAP], where POOL is a zpool or a filesystem dataset in one (tank/strata)
      String vol = volumeOf(z.storageName());
      if (z.pool() == null || vol == null) {
        continue;
      }
      boolean snap = z.snapshot() != null;
      ProviderType p = z.sparse() ? ProviderType.ZFS_THIN : ProviderType.ZFS;
      StorageObject o =
          new StorageObject(
              node,
              p,
              z.pool(),
              null,
              z.storageName(),
              z.volsize(),
              z.owned(),
              DELETE_OWNER.equals(z.owner()),
              z.initMarker(),
              z.snapshot(),
              true,
              snap ? null : z.source(),
              snap && SCHEDULED_OWNER.equals(z.owner()));
      add(o, vol);
    }
    for (LuksDevice l : n.luksDevices()) {
      if (l.mapping().startsWith(LuksDevice.PREFIX)) {
        String vol = l.mapping().substring(LuksDevice.PREFIX.length());
        luks.computeIfAbsent(vol, k -> new TreeMap<>()).put(node, l);
        if (l.owned()) {
          ownedVolumes.add(vol);
        }
      }
    }
    for (DrbdResource r : n.drbdResources()) {
      drbd.computeIfAbsent(r.name(), k -> new TreeMap<>()).put(node, r);
      DrbdConfig c = r.config();
      if (r.owned() && c != null) {
        ownedVolumes.add(r.name());
        usedPorts.computeIfAbsent(node, k -> new BitSet()).set(c.port());
        usedMinors.set(c.minor());
      }
    }
    for (NvmeSubsystem s : n.nvmeSubsystems()) {
      if (s.owned()) {
        String vol = s.nqn().substring(NvmeSubsystem.NQN_PREFIX.length());
        exports.computeIfAbsent(vol, k -> new TreeMap<>()).put(node, s);
        ownedVolumes.add(vol);
      }
    }
    for (NvmeConnection c : n.nvmeConnections()) {
      if (c.nqn().startsWith(NvmeSubsystem.NQN_PREFIX)) {
        String vol = c.nqn().substring(NvmeSubsystem.NQN_PREFIX.length());
        connections.computeIfAbsent(vol, k -> new TreeMap<>()).put(node, c);
        ownedVolumes.add(vol);
      }
    }
  }

  private void add(StorageObject o, String vol) {
    if (o.snapshot() == null) {
      storage.computeIfAbsent(vol, k -> new TreeMap<>()).put(o.node(), o);
    } else {
      snapshots
          .computeIfAbsent(vol, k -> new TreeMap<>())
          .computeIfAbsent(o.node(), k -> new ArrayList<>())
          .add(o);
    }
    if (o.owned()) {
      ownedVolumes.add(vol);
    }
    if (o.owned() && o.source() != null && !o.provider().lvm()) {
      zfsClones.computeIfAbsent(o.source(), k -> new TreeSet<>()).add(vol);
    }
  }

  /**
   * The volumes whose zvols Strata cloned from {@code source} ({@code snapshot:V/S} or {@code
   * volume:V}): a ZFS clone depends on its origin snapshot for as long as it exists.
   */
  public SortedSet<String> zfsClones(String source) {
    return Collections.unmodifiableSortedSet(zfsClones.getOrDefault(source, EMPTY_NAMES));
  }

  /** Every ZFS clone dependency: source → the volumes cloned from it. */
  public Map<String, SortedSet<String>> zfsClones() {
    return Collections.unmodifiableMap(zfsClones);
  }

  private static String volumeOf(String storageName) {
    if (storageName == null || !storageName.endsWith(Names.VOLUME_SUFFIX)) {
      return null;
    }
    return storageName.substring(0, storageName.length() - Names.VOLUME_SUFFIX.length());
  }

  public ObservedState observed() {
    return observed;
  }

  public boolean reachable(String node) {
    return reachable.contains(node);
  }

  public boolean unknown(String node) {
    return observed.isUnknown(node);
  }

  /** Storage objects (owned or not) named for {@code volume}, by node. */
  public SortedMap<String, StorageObject> storage(String volume) {
    return Collections.unmodifiableSortedMap(storage.getOrDefault(volume, EMPTY_STORAGE));
  }

  public SortedMap<String, List<StorageObject>> snapshots(String volume) {
    return Collections.unmodifiableSortedMap(snapshots.getOrDefault(volume, new TreeMap<>()));
  }

  public SortedMap<String, LuksDevice> luks(String volume) {
    return Collections.unmodifiableSortedMap(luks.getOrDefault(volume, new TreeMap<>()));
  }

  public SortedMap<String, DrbdResource> drbd(String volume) {
    return Collections.unmodifiableSortedMap(drbd.getOrDefault(volume, new TreeMap<>()));
  }

  public SortedMap<String, NvmeSubsystem> exports(String volume) {
    return Collections.unmodifiableSortedMap(exports.getOrDefault(volume, new TreeMap<>()));
  }

  public SortedMap<String, NvmeConnection> connections(String volume) {
    return Collections.unmodifiableSortedMap(connections.getOrDefault(volume, new TreeMap<>()));
  }

  /** The nodes holding any object of {@code volume}: storage, snapshots, LUKS, DRBD, NVMe. */
  public SortedSet<String> nodes(String volume) {
    SortedSet<String> out = new TreeSet<>(storage(volume).keySet());
    out.addAll(snapshots(volume).keySet());
    out.addAll(luks(volume).keySet());
    out.addAll(drbd(volume).keySet());
    out.addAll(exports(volume).keySet());
    out.addAll(connections(volume).keySet());
    return out;
  }

  /** Volumes that have at least one object Strata owns, on any reachable node. */
  public Set<String> ownedVolumes() {
    return Collections.unmodifiableSortedSet(ownedVolumes);
  }

  /** DRBD ports in use per node by owned resources (a deep copy the caller may extend). */
  public Map<String, BitSet> usedPorts() {
    Map<String, BitSet> copy = new HashMap<>();
    usedPorts.forEach((k, v) -> copy.put(k, (BitSet) v.clone()));
    return copy;
  }

  /** DRBD minors in use by any owned resource on any node (a copy). */
  public BitSet usedMinors() {
    return (BitSet) usedMinors.clone();
  }

  /**
   * The resource's configuration as Strata last wrote it: the config found on the first reachable
   * node (by name) that has an owned one, or null.
   */
  public DrbdConfig drbdConfig(String volume) {
    for (DrbdResource r : drbd(volume).values()) {
      if (r.owned() && r.config() != null) {
        return r.config();
      }
    }
    return null;
  }

  private static final SortedMap<String, StorageObject> EMPTY_STORAGE =
      Collections.unmodifiableSortedMap(new TreeMap<>());
  private static final SortedSet<String> EMPTY_NAMES =
      Collections.unmodifiableSortedSet(new TreeSet<>());
}
