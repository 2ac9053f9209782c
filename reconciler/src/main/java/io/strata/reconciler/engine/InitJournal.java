package io.strata.reconciler.engine;

import io.strata.planner.Names;
import io.strata.planner.json.PlanJson;
import io.strata.planner.observed.DrbdResource;
import io.strata.planner.observed.NodeState;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.CommandPreview;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.Plan;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Layer;
import io.strata.schema.model.ResourceTemplate;
import io.strata.schema.model.Volume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The initialization journal: which DRBD replicas Strata is bringing up on devices it created
 * itself, written (and fsynced) before an apply starts and cleared once the volume converged.
 *
 * <p>WHY: the planner marks a backing device fresh ({@code freshBacking}: metadata may be created)
 * and picks the node of the initial sync only in the plan that creates the device. A process killed
 * between {@code lvcreate} and {@code drbdadm create-md}, or before the initial sync, leaves a
 * device the next plan no longer knows is fresh: create-md is refused ("it may hold data") and the
 * resource stays Inconsistent forever. The journal carries that knowledge across the crash; the
 * executor still probes the device (blkid, get-gi) before create-md, and the initial sync still
 * runs only while no replica is UpToDate.
 *
 * <p>File: one line per volume, {@code volume<TAB>node,node<TAB>syncNode<TAB>SYNC}.
 */
final class InitJournal {
  /** One volume being initialized: fresh diskful nodes and the initial sync to run. */
  record Entry(
      String volume, Set<String> freshNodes, String syncNode, ObjectSpec.Drbd.InitialSync sync) {}

  private final Path file;
  private final Path configs;

  InitJournal(Path file) {
    this.file = file;
    this.configs = file.resolveSibling(file.getFileName() + ".drbd.json");
  }

  static InitJournal of(io.strata.reconciler.config.StrataConfig config) {
    return new InitJournal(config.baseDir().resolve(".strata").resolve("init-journal"));
  }

  synchronized Map<String, Entry> read() {
    Map<String, Entry> out = new TreeMap<>();
    if (!Files.exists(file)) {
      return out;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] f = line.split("\t", -1);
        if (f.length != 4) {
          continue; // a torn line cannot happen (atomic replace); ignore anything else
        }
        Set<String> nodes = new TreeSet<>();
        for (String n : f[1].split(",")) {
          if (!n.isEmpty()) {
            nodes.add(n);
          }
        }
        out.put(
            f[0],
            new Entry(
                f[0],
                nodes,
                f[2].isEmpty() ? null : f[2],
                ObjectSpec.Drbd.InitialSync.valueOf(f[3])));
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException(
          file + ": unreadable initialization journal (" + e.getMessage() + ")", e);
    }
    return out;
  }

  /** Adds the initializations {@code plan} starts; durable before it returns. */
  synchronized void record(Plan plan) {
    Map<String, Entry> entries = read();
    boolean changed = false;
    for (Change c : plan.changes()) {
      if (c.layer() == Layer.STORAGE && c.action() == Action.CREATE) {
        Entry e =
            entries.getOrDefault(
                c.volume(),
                new Entry(c.volume(), new TreeSet<>(), null, ObjectSpec.Drbd.InitialSync.NONE));
        Set<String> nodes = new TreeSet<>(e.freshNodes());
        nodes.add(c.node());
        entries.put(c.volume(), new Entry(c.volume(), nodes, e.syncNode(), e.sync()));
        changed = true;
        continue;
      }
      if (!(c.spec() instanceof ObjectSpec.Drbd d)) {
        continue;
      }
      boolean fresh = d.freshBacking();
      boolean sync = d.initialSync() != ObjectSpec.Drbd.InitialSync.NONE;
      if (!fresh && !sync) {
        continue;
      }
      Entry e =
          entries.getOrDefault(
              c.volume(),
              new Entry(c.volume(), new TreeSet<>(), null, ObjectSpec.Drbd.InitialSync.NONE));
      Set<String> nodes = new TreeSet<>(e.freshNodes());
      if (fresh) {
        nodes.add(c.node());
      }
      entries.put(
          c.volume(),
          new Entry(
              c.volume(),
              nodes,
              sync ? c.node() : e.syncNode(),
              sync ? d.initialSync() : e.sync()));
      changed = true;
    }
    if (changed) {
      Map<String, Change> drbd = new TreeMap<>(drbdConfigs());
      for (Change c : plan.changes()) {
        if (c.spec() instanceof ObjectSpec.Drbd d
            && entries.containsKey(c.volume())
            && d.config().host(c.node()).map(h -> !h.diskless()).orElse(false)) {
          drbd.putIfAbsent(c.volume(), c.withDependsOn(List.of())); // only the config is kept
        }
      }
      drbd.keySet().retainAll(entries.keySet());
      writeConfigs(drbd);
      write(entries);
    }
  }

  /** Per journaled volume, one DRBD change of the plan that started it (its configuration). */
  private Map<String, Change> drbdConfigs() {
    Map<String, Change> out = new TreeMap<>();
    if (!Files.exists(configs)) {
      return out;
    }
    try {
      Plan p = PlanJson.read(Files.readString(configs, StandardCharsets.UTF_8));
      p.changes().forEach(c -> out.put(c.volume(), c));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          configs + ": unreadable initialization journal (" + e.getMessage() + ")", e);
    }
    return out;
  }

  private void writeConfigs(Map<String, Change> drbd) {
    Plan p = new Plan(null, null, List.copyOf(drbd.values()), List.of(), List.of());
    atomicWrite(configs, PlanJson.write(p, CommandPreview.NONE));
  }

  /** Forgets the volumes that converged. */
  synchronized void clear(Set<String> volumes) {
    Map<String, Entry> entries = read();
    if (entries.keySet().removeAll(volumes)) {
      write(entries);
      Map<String, Change> drbd = drbdConfigs();
      drbd.keySet().retainAll(entries.keySet());
      writeConfigs(drbd);
    }
  }

  /**
   * The plan with interrupted initializations resumed: DRBD changes on journaled fresh nodes may
   * create metadata (as a create: write file, create-md after the probes, adjust), the journaled
   * initial sync is put back on its node while no replica is UpToDate, and added when no change for
   * that node is left at all.
   */
  Plan resume(Plan plan, ObservedState observed) {
    Map<String, Entry> entries = read();
    if (entries.isEmpty()) {
      return plan;
    }
    List<Change> out = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Change c : plan.changes()) {
      Entry e = entries.get(c.volume());
      if (e != null
          && c.spec() instanceof ObjectSpec.Drbd d
          && (c.action() == Action.CREATE || c.action() == Action.UPDATE)) {
        boolean diskless = d.config().host(c.node()).map(h -> h.diskless()).orElse(true);
        boolean fresh = d.freshBacking() || (!diskless && e.freshNodes().contains(c.node()));
        ObjectSpec.Drbd.InitialSync sync = d.initialSync();
        if (c.node().equals(e.syncNode()) && !diskless && !synced(observed, c.volume())) {
          sync = e.sync();
        }
        boolean reattach = c.action() == Action.UPDATE && fresh;
        if (reattach || fresh != d.freshBacking() || sync != d.initialSync()) {
          List<String> deps = new ArrayList<>(c.dependsOn());
          if (sync != ObjectSpec.Drbd.InitialSync.NONE) {
            // the initial sync runs after every other replica of the resource is up
            String self = c.id();
            plan.changes().stream()
                .filter(
                    o ->
                        o.volume().equals(self.substring(0, self.indexOf('/')))
                            && o.layer() == Layer.DRBD
                            && !o.id().equals(self)
                            && !deps.contains(o.id()))
                .forEach(o -> deps.add(o.id()));
          }
          c =
              new Change(
                  c.id(),
                  Action.CREATE,
                  c.layer(),
                  c.node(),
                  c.volume(),
                  c.object(),
                  c.size(),
                  deps,
                  c.reason() + "; resumes an initialization that was interrupted",
                  new ObjectSpec.Drbd(d.config(), d.node(), fresh, sync));
        }
      }
      out.add(c);
      ids.add(c.id());
    }
    for (Entry e : entries.values()) {
      if (e.syncNode() == null || synced(observed, e.volume())) {
        continue;
      }
      String id = e.volume() + "/" + e.syncNode() + "/" + Layer.DRBD.yamlName();
      if (ids.contains(id)) {
        continue;
      }
      Optional<DrbdResource> r =
          observed.node(e.syncNode()).flatMap(n -> n.drbdResource(Names.drbdResource(e.volume())));
      if (r.isEmpty()
          || r.get().config() == null
          || r.get().config().host(e.syncNode()).map(h -> h.diskless()).orElse(true)) {
        continue; // not there yet: the planner creates it, and the next plan resumes the sync
      }
      List<String> deps =
          out.stream()
              .filter(c -> c.volume().equals(e.volume()) && c.layer() == Layer.DRBD)
              .map(Change::id)
              .toList();
      out.add(
          new Change(
              id,
              Action.CREATE,
              Layer.DRBD,
              e.syncNode(),
              e.volume(),
              e.volume(),
              null,
              deps,
              "initial sync was interrupted; resume it",
              new ObjectSpec.Drbd(r.get().config(), e.syncNode(), false, e.sync())));
    }
    return new Plan(plan.commit(), plan.fingerprint(), out, plan.refused(), plan.warnings());
  }

  /**
   * The observation the planner gets. While no layer above the storage exists anywhere for a
   * journaled volume (no DRBD resource on any node for a DRBD stack, no LUKS mapping for a LUKS
   * stack), the storage Strata created for it is hidden and its space given back, so the planner
   * plans the volume as new again, with the same placement: creating the storage is idempotent
   * ("already exists"), and the layers above probe before they format. Without this the planner's
   * pre-checks refuse the half-initialized devices ("may hold data") forever.
   */
  ObservedState forPlanner(ObservedState observed, DesiredState desired) {
    Map<String, Entry> entries = read();
    if (entries.isEmpty()) {
      return observed;
    }
    Map<String, NodeState> nodes = new TreeMap<>(observed.nodes());
    for (Entry e : entries.values()) {
      Volume v = desired.volumes().get(e.volume());
      if (v == null) {
        continue;
      }
      ResourceTemplate t = desired.templateOf(v);
      boolean drbd = t.has(Layer.DRBD);
      if (!drbd && !t.has(Layer.LUKS)) {
        continue;
      }
      boolean upperExists =
          observed.nodes().values().stream()
              .anyMatch(
                  n ->
                      drbd
                          ? n.drbdResource(Names.drbdResource(v.name())).isPresent()
                          : n.luksDevices().stream()
                              .anyMatch(l -> l.mapping().equals(Names.luksMapping(v.name()))));
      if (upperExists) {
        continue;
      }
      if (drbd) {
        // The journal holds the configuration the crashed plan chose: show it as a resource that
        // is down on one fresh node. The planner then keeps the placement (the storage stays
        // visible) and plans the resource on every node; resume() makes those changes create
        // the metadata and run the initial sync.
        Change c = drbdConfigs().get(e.volume());
        boolean storageLeft =
            e.freshNodes().stream()
                .map(nodes::get)
                .anyMatch(
                    n ->
                        n != null
                            && (n.logicalVolumes().stream()
                                    .anyMatch(lv -> lv.name().equals(Names.storageName(v.name())))
                                || n.zvols().stream()
                                    .anyMatch(
                                        z ->
                                            z.dataset()
                                                .endsWith("/" + Names.storageName(v.name())))));
        if (storageLeft
            && c != null
            && c.spec() instanceof ObjectSpec.Drbd d
            && nodes.containsKey(c.node())) {
          NodeState n = nodes.get(c.node());
          List<DrbdResource> res = new ArrayList<>(n.drbdResources());
          res.add(new DrbdResource(Names.drbdResource(v.name()), true, d.config(), null));
          nodes.put(c.node(), withDrbd(n, res));
        }
        continue;
      }
      for (String node : e.freshNodes()) {
        NodeState n = nodes.get(node);
        if (n != null) {
          nodes.put(node, withoutStorage(n, Names.storageName(v.name())));
        }
      }
    }
    return new ObservedState(new TreeMap<>(nodes), observed.unreachable());
  }

  private static NodeState withDrbd(NodeState n, List<DrbdResource> res) {
    return new NodeState(
        n.node(),
        n.volumeGroups(),
        n.thinPools(),
        n.zpools(),
        n.logicalVolumes(),
        n.zvols(),
        n.luksDevices(),
        res,
        n.nvmeSubsystems(),
        n.nvmeConnections());
  }

  /** The node without the volume's LV or zvol, its space given back to the VG or zpool. */
  private static NodeState withoutStorage(NodeState n, String storage) {
    Map<String, Long> vgBack = new TreeMap<>();
    List<io.strata.planner.observed.LogicalVolume> lvs = new ArrayList<>();
    for (var lv : n.logicalVolumes()) {
      if (lv.name().equals(storage) && lv.owned()) {
        if (lv.thinPool() == null) {
          vgBack.merge(lv.vg(), lv.size(), Long::sum);
        }
      } else {
        lvs.add(lv);
      }
    }
    Map<String, Long> poolBack = new TreeMap<>();
    List<io.strata.planner.observed.Zvol> zvols = new ArrayList<>();
    for (var z : n.zvols()) {
      if (z.dataset().endsWith("/" + storage) && z.owned()) {
        String pool = z.dataset().substring(0, z.dataset().indexOf('/'));
        poolBack.merge(pool, Math.max(z.used(), z.refreservation()), Long::sum);
      } else {
        zvols.add(z);
      }
    }
    return new NodeState(
        n.node(),
        n.volumeGroups().stream()
            .map(
                vg ->
                    new io.strata.planner.observed.VolumeGroup(
                        vg.name(),
                        vg.size(),
                        vg.free() + vgBack.getOrDefault(vg.name(), 0L),
                        vg.extentSize(),
                        vg.physicalVolumes()))
            .toList(),
        n.thinPools(),
        n.zpools().stream()
            .map(
                z ->
                    new io.strata.planner.observed.Zpool(
                        z.name(), z.size(), z.free() + poolBack.getOrDefault(z.name(), 0L)))
            .toList(),
        lvs,
        zvols,
        n.luksDevices(),
        n.drbdResources(),
        n.nvmeSubsystems(),
        n.nvmeConnections());
  }

  /** True once any replica of the volume is UpToDate (the initial sync happened). */
  static boolean synced(ObservedState observed, String volume) {
    for (NodeState n : observed.nodes().values()) {
      Optional<DrbdResource> r = n.drbdResource(Names.drbdResource(volume));
      if (r.isEmpty() || !r.get().up()) {
        continue;
      }
      DrbdResource.Runtime rt = r.get().runtime();
      if (rt.diskState().equals("UpToDate")
          || rt.peers().stream().anyMatch(p -> p.peerDiskState().equals("UpToDate"))) {
        return true;
      }
    }
    return false;
  }

  private void write(Map<String, Entry> entries) {
    StringBuilder b = new StringBuilder();
    for (Entry e : entries.values()) {
      b.append(e.volume())
          .append('\t')
          .append(String.join(",", e.freshNodes()))
          .append('\t')
          .append(e.syncNode() == null ? "" : e.syncNode())
          .append('\t')
          .append(e.sync().name())
          .append('\n');
    }
    atomicWrite(file, b.toString());
  }

  /** Writes, fsyncs and atomically replaces {@code target}. */
  private static void atomicWrite(Path target, String text) {
    try {
      Files.createDirectories(target.getParent());
      Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        ch.force(true);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(target + ": cannot write the initialization journal", e);
    }
  }
}
