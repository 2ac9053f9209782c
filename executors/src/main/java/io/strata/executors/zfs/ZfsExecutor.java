package io.strata.executors.zfs;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.executors.layer.ApplyOutcome;
import io.strata.executors.layer.Command;
import io.strata.executors.layer.Creator;
import io.strata.executors.layer.Deleter;
import io.strata.executors.layer.Exec;
import io.strata.executors.layer.NodeInventory;
import io.strata.executors.layer.NodeStateBuilder;
import io.strata.executors.layer.Observer;
import io.strata.executors.layer.Resizer;
import io.strata.executors.layer.Snapshotter;
import io.strata.executors.layer.Updater;
import io.strata.planner.observed.Zpool;
import io.strata.planner.observed.Zvol;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * ZFS zvols (thick and sparse) and their snapshots on one node. ZFS exits 1 for every error, so
 * each mutation is preceded by a probe of the dataset: create is a no-op when our zvol exists, grow
 * never shrinks (ZFS would), and only zvols with {@code strata:owner} are changed.
 */
public final class ZfsExecutor
    implements Observer, Creator, Resizer, Updater, Deleter, Snapshotter {

  @Override
  public void observe(Host host, NodeInventory inv, NodeStateBuilder into) {
    if (inv.zpools().isEmpty()) {
      return;
    }
    Result zp = Exec.run(host, ZfsCommands.zpoolList());
    if (!zp.success()) {
      throw Exec.observeFailed(host.name(), zp);
    }
    // a pool may be a filesystem dataset (tank/strata): its zpool is listed, then the dataset
    Map<String, Zpool> roots = new TreeMap<>();
    for (Zpool p : ZfsParser.zpools(zp.out())) {
      if (inv.zpools().stream().anyMatch(z -> Zpool.root(z).equals(p.name()))) {
        roots.put(p.name(), p);
      }
    }
    if (roots.isEmpty()) {
      return;
    }
    Result zl = Exec.run(host, ZfsCommands.list(List.copyOf(roots.keySet())));
    if (!zl.success()) {
      throw Exec.observeFailed(host.name(), zl);
    }
    Map<String, Long> filesystems = ZfsParser.filesystems(zl.out(), ZfsCommands.OBSERVE_COLUMNS);
    for (String name : new TreeSet<>(inv.zpools())) {
      Zpool pool = roots.get(Zpool.root(name));
      if (pool != null && name.equals(pool.name())) {
        into.zpools.add(pool);
      } else if (pool != null && filesystems.containsKey(name)) {
        // the dataset's room: the pool's, or less under a quota
        into.zpools.add(new Zpool(name, pool.size(), Math.min(pool.free(), filesystems.get(name))));
      }
    }
    into.zvols.addAll(ZfsParser.zvols(zl.out(), ZfsCommands.OBSERVE_COLUMNS));
  }

  // ---- create

  @Override
  public List<Command> createCommands(Change change) {
    ObjectSpec.Zvol z = zvol(change.spec());
    return List.of(ZfsCommands.get(z.dataset()), createCommand(z));
  }

  private static Command createCommand(ObjectSpec.Zvol z) {
    return ZfsCommands.create(
        z.dataset(), z.sizeBytes(), z.sparse(), z.volblocksize(), z.deleteMarker(), z.initMarker());
  }

  @Override
  public ApplyOutcome create(Host host, Change change) {
    ObjectSpec.Zvol z = zvol(change.spec());
    Probe p = settled(host, z.dataset(), probe(host, z.dataset()));
    if (p.failure() != null) {
      return p.failure();
    }
    if (p.zvol().isPresent()) {
      Zvol found = p.zvol().get();
      if (!found.owned()) {
        return notOwned(found.dataset());
      }
      return found.volsize() >= z.sizeBytes()
          ? ApplyOutcome.ok(z.dataset() + " already exists")
          : ApplyOutcome.terminal(
              z.dataset()
                  + " already exists with "
                  + found.volsize()
                  + " bytes, smaller than the "
                  + z.sizeBytes()
                  + " to create; plan a resize instead");
    }
    Result r = Exec.run(host, createCommand(z));
    if (r.success()) {
      return ApplyOutcome.ok("created " + z.dataset());
    }
    if (r.err().contains("already exists")) {
      // an earlier attempt's zfs create, still running when its SSH channel was lost, made it
      Probe again = settled(host, z.dataset(), probe(host, z.dataset()));
      if (again.failure() == null
          && again.zvol().isPresent()
          && again.zvol().get().owned()
          && again.zvol().get().volsize() >= z.sizeBytes()) {
        return ApplyOutcome.ok(z.dataset() + " already exists (made by an earlier attempt)");
      }
    }
    return Exec.failure("creating zvol " + z.dataset(), r);
  }

  /** How often, and how far apart, {@link #settled} probes a dataset again. */
  static final int SETTLE_PROBES = 3;

  static final Duration SETTLE_PAUSE = Duration.ofSeconds(1);

  /**
   * {@code zfs create} and {@code zfs clone} make the dataset first and set their {@code -o}
   * properties in a second step (OpenZFS zfs_ioc_create/zfs_ioc_clone: "It would be nice to do this
   * atomically"). So a dataset found without {@code strata:owner} may be one an earlier attempt of
   * ours is still making: on a real kernel (lab, ZFS on vm3) the SSH channel of a {@code zfs clone}
   * was lost while the command ran on, the retry's probe saw the new clone without its properties
   * and called it someone else's. Probe again, a few times, before saying so.
   */
  static Probe settled(Host host, String dataset, Probe p) {
    for (int i = 0;
        i < SETTLE_PROBES && p.failure() == null && p.zvol().isPresent() && !p.zvol().get().owned();
        i++) {
      try {
        Thread.sleep(SETTLE_PAUSE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return p;
      }
      p = probe(host, dataset);
    }
    return p;
  }

  // ---- resize

  @Override
  public List<Command> resizeCommands(Change change) {
    ObjectSpec.Zvol z = zvol(change.spec());
    return List.of(
        ZfsCommands.get(z.dataset()),
        ZfsCommands.setVolsize(z.dataset(), z.sizeBytes(), z.volblocksize()));
  }

  @Override
  public ApplyOutcome resize(Host host, Change change) {
    ObjectSpec.Zvol z = zvol(change.spec());
    Probe p = probe(host, z.dataset());
    if (p.failure() != null) {
      return p.failure();
    }
    if (p.zvol().isEmpty()) {
      return ApplyOutcome.terminal("cannot grow " + z.dataset() + ": it does not exist");
    }
    if (!p.zvol().get().owned()) {
      return notOwned(z.dataset());
    }
    if (p.zvol().get().volsize() >= z.sizeBytes()) {
      return ApplyOutcome.ok(z.dataset() + " already has " + p.zvol().get().volsize() + " bytes");
    }
    Result r = Exec.run(host, ZfsCommands.setVolsize(z.dataset(), z.sizeBytes(), z.volblocksize()));
    return r.success()
        ? ApplyOutcome.ok("grew " + z.dataset())
        : Exec.failure("growing zvol " + z.dataset(), r);
  }

  // ---- update: the delete marker of a zvol or snapshot (docs/decisions/001)

  @Override
  public List<Command> updateCommands(Change change) {
    List<Command> cmds = new ArrayList<>(List.of(ZfsCommands.get(dataset(change.spec()))));
    cmds.addAll(markerCommands(change.spec()));
    return cmds;
  }

  /**
   * The owner property with or without the delete marker; for a zvol (not a snapshot) whose
   * initialization is done, also the initialization marker removed (docs/decisions/001, 005).
   */
  private static List<Command> markerCommands(ObjectSpec spec) {
    String ds = dataset(spec);
    Command owner = ZfsCommands.setOwner(ds, deleteMarker(spec));
    return spec instanceof ObjectSpec.Zvol z && !z.initMarker()
        ? List.of(owner, ZfsCommands.clearInit(ds))
        : List.of(owner);
  }

  @Override
  public ApplyOutcome update(Host host, Change change) {
    String ds = dataset(change.spec());
    boolean marker = deleteMarker(change.spec());
    Probe p = probe(host, ds);
    if (p.failure() != null) {
      return p.failure();
    }
    if (p.zvol().isEmpty()) {
      return ApplyOutcome.terminal(
          "cannot update " + ds + ": it does not exist (observe again and re-plan)");
    }
    if (!p.zvol().get().owned()) {
      return notOwned(ds);
    }
    String what = (marker ? "with" : "without") + " the delete marker";
    Zvol found = p.zvol().get();
    boolean initDone = !(change.spec() instanceof ObjectSpec.Zvol z) || !z.initMarker();
    if (ZfsCommands.owner(marker).equals(found.owner()) && (!initDone || !found.initMarker())) {
      return ApplyOutcome.ok(ds + ": markers already so (" + what + ")");
    }
    for (Command c : markerCommands(change.spec())) {
      Result r = Exec.run(host, c);
      if (!r.success()) {
        return Exec.failure("setting the markers of " + ds, r);
      }
    }
    return ApplyOutcome.ok(ds + ": markers set (" + what + ")");
  }

  private static boolean deleteMarker(ObjectSpec spec) {
    return spec instanceof ObjectSpec.StorageSnapshot s
        ? s.deleteMarker()
        : zvol(spec).deleteMarker();
  }

  // ---- delete (zvol or snapshot)

  @Override
  public List<Command> deleteCommands(Change change) {
    String ds = dataset(change.spec());
    return List.of(ZfsCommands.get(ds), ZfsCommands.destroy(ds));
  }

  @Override
  public ApplyOutcome delete(Host host, Change change) {
    String ds = dataset(change.spec());
    Probe p = probe(host, ds);
    if (p.failure() != null) {
      return p.failure();
    }
    if (p.zvol().isEmpty()) {
      return ApplyOutcome.ok(ds + " is already gone");
    }
    if (!p.zvol().get().owned()) {
      return notOwned(ds);
    }
    Result r = Exec.run(host, ZfsCommands.destroy(ds));
    return r.success() ? ApplyOutcome.ok("destroyed " + ds) : Exec.failure("destroying " + ds, r);
  }

  // ---- snapshot

  @Override
  public List<Command> snapshotCommands(Change change) {
    ObjectSpec.StorageSnapshot s = (ObjectSpec.StorageSnapshot) change.spec();
    String ds = zvol(s.origin()).dataset();
    return List.of(
        ZfsCommands.get(ds + "@" + s.name()),
        ZfsCommands.snapshot(ds, s.name(), s.deleteMarker(), s.scheduled()));
  }

  @Override
  public ApplyOutcome snapshot(Host host, Change change) {
    ObjectSpec.StorageSnapshot s = (ObjectSpec.StorageSnapshot) change.spec();
    String ds = zvol(s.origin()).dataset();
    Probe p = probe(host, ds + "@" + s.name());
    if (p.failure() != null) {
      return p.failure();
    }
    if (p.zvol().isPresent()) {
      return p.zvol().get().owned()
          ? ApplyOutcome.ok(ds + "@" + s.name() + " already exists")
          : notOwned(ds + "@" + s.name());
    }
    return Exec.snapshot(
        host,
        ZfsCommands.snapshot(ds, s.name(), s.deleteMarker(), s.scheduled()),
        s.boundMillis(),
        "snapshot " + ds + "@" + s.name());
  }

  // ---- helpers

  record Probe(Optional<Zvol> zvol, ApplyOutcome failure) {}

  static Probe probe(Host host, String dataset) {
    Result r = Exec.run(host, ZfsCommands.get(dataset));
    if (r.success()) {
      return new Probe(ZfsParser.zvols(r.out(), ZfsCommands.COLUMNS).stream().findFirst(), null);
    }
    if (r.exitCode() == 1 && r.err().contains("does not exist")) {
      return new Probe(Optional.empty(), null);
    }
    return new Probe(Optional.empty(), Exec.failure("probing " + dataset, r));
  }

  private static ApplyOutcome notOwned(String ds) {
    return ApplyOutcome.terminal(
        ds
            + " exists but has no "
            + ZfsCommands.OWNER_PROPERTY
            + " property; Strata never touches"
            + " datasets it did not create — rename or destroy it by hand, or choose another name");
  }

  private static String dataset(ObjectSpec spec) {
    if (spec instanceof ObjectSpec.StorageSnapshot s) {
      return zvol(s.origin()).dataset() + "@" + s.name();
    }
    return zvol(spec).dataset();
  }

  static ObjectSpec.Zvol zvol(ObjectSpec spec) {
    if (spec instanceof ObjectSpec.Zvol z) {
      return z;
    }
    throw new IllegalArgumentException("the ZFS executor got a " + spec.getClass().getSimpleName());
  }
}
