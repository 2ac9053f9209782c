package io.strata.executors.drbd;

import io.strata.executors.host.FileTree;
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
import io.strata.executors.layer.Updater;
import io.strata.executors.secret.ClusterKey;
import io.strata.planner.naming.Names;
import io.strata.planner.observed.DrbdConfig;
import io.strata.planner.observed.DrbdResource;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.schema.model.Layer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * DRBD 9 resources on one node: resource files under {@code /etc/drbd.d/strata-*.res} plus {@code
 * drbdsetup status --json}. Create writes the file, creates metadata only on a fresh backing device
 * that probes empty, adjusts, and does the initial sync the plan asked for only while the local
 * disk is still Inconsistent with no UpToDate peer.
 */
public final class DrbdExecutor implements Observer, Creator, Updater, Resizer, Deleter {
  static final String DIR = "/etc/drbd.d";
  private static final String RES_FILES = "strata-*.res";

  private final ClusterKey clusterKey;

  public DrbdExecutor(ClusterKey clusterKey) {
    this.clusterKey = clusterKey;
  }

  // ---- observe

  @Override
  public void observe(Host host, NodeInventory inv, NodeStateBuilder into) {
    Map<String, DrbdResource> found = new TreeMap<>();
    // one read for the listing and every resource file (one round trip over SSH)
    FileTree files = host.readTree(Path.of(DIR), 1, List.of(RES_FILES));
    for (String f : files.list(host, Path.of(DIR))) {
      if (!f.startsWith("strata-") || !f.endsWith(".res")) {
        continue;
      }
      String name = f.substring("strata-".length(), f.length() - ".res".length());
      Optional<byte[]> content = files.read(host, Path.of(DIR, f));
      if (content.isEmpty()) {
        continue;
      }
      String text = new String(content.get(), StandardCharsets.UTF_8);
      DrbdConfig cfg;
      try {
        cfg = ResFile.parse(text);
      } catch (RuntimeException e) {
        cfg = null; // unreadable: owned, config unknown, so the planner rewrites it
      }
      found.put(name, new DrbdResource(name, ResFile.isOwned(text), cfg, null));
    }
    if (!inv.uses(Layer.DRBD)) {
      // No template in Git uses DRBD, so the tools may be absent and are not run; but Strata's own
      // resource files are still read (a file read cannot fail for a missing tool): a volume that
      // left Git together with its template must be torn down top-down (decision 001).
      found.values().stream().filter(DrbdResource::owned).forEach(into.drbdResources::add);
      return;
    }
    Result r = Exec.run(host, DrbdCommands.status());
    Map<String, DrbdResource.Runtime> runtime;
    if (r.success()) {
      runtime = DrbdStatusParser.parse(r.out());
    } else if (moduleNotLoaded(r)) {
      runtime = Map.of(); // no kernel module: every resource is down
    } else {
      Optional<String> old = KernelDrbd.olderThan9(host);
      if (old.isEmpty()) {
        throw Exec.observeFailed(host.name(), r);
      }
      // only this layer is blind: LVM, LUKS and NVMe on the node are still planned (issue 9)
      into.unobserved.put(
          Layer.DRBD,
          "DRBD 9 required, found "
              + old.get()
              + " in the kernel (`drbdsetup status --json` exited "
              + r.exitCode()
              + "); load a DRBD 9 module (e.g. LINBIT's drbd-dkms) to place DRBD volumes here");
      found.values().stream().filter(DrbdResource::owned).forEach(into.drbdResources::add);
      return;
    }
    runtime.forEach(
        (name, rt) -> {
          DrbdResource file = found.get(name);
          found.put(
              name,
              file == null
                  ? new DrbdResource(name, false, null, rt)
                  : new DrbdResource(name, file.owned(), file.config(), rt));
        });
    into.drbdResources.addAll(found.values());
  }

  /** drbdsetup exits 20 with "Failed to modprobe drbd" when the module is absent (fixture). */
  static boolean moduleNotLoaded(Result r) {
    return r.exitCode() == 20 && r.err().contains("modprobe");
  }

  // ---- create

  @Override
  public List<Command> createCommands(Change change) {
    ObjectSpec.Drbd d = drbd(change.spec());
    DrbdConfig c = d.config();
    List<Command> cmds = new ArrayList<>(ResFileWriter.commands(Names.drbdResFile(c.resource())));
    cmds.addAll(metadataCommands(d, true));
    cmds.add(DrbdCommands.adjust(c.resource()));
    cmds.addAll(initialSyncCommands(d));
    return cmds;
  }

  /**
   * Probe and create-md on a diskful node: always on create (the probe decides), on update only for
   * a fresh backing device (re-created storage, or an interrupted initialization).
   */
  private static List<Command> metadataCommands(ObjectSpec.Drbd d, boolean create) {
    DrbdConfig c = d.config();
    Optional<DrbdConfig.Host> me = c.host(d.node());
    if (me.isEmpty() || me.get().diskless() || (!create && !d.freshBacking())) {
      return List.of();
    }
    return List.of(
        DrbdCommands.getGi(c.minor(), me.get().disk()),
        DrbdCommands.blkid(me.get().disk()),
        DrbdCommands.createMd(c.resource(), DrbdCommands.maxPeers(c)));
  }

  private static List<Command> initialSyncCommands(ObjectSpec.Drbd d) {
    String res = d.config().resource();
    return switch (d.initialSync()) {
      case NONE -> List.of();
      case FORCE_PRIMARY ->
          List.of(
              DrbdCommands.status(res),
              DrbdCommands.primaryForce(res),
              DrbdCommands.secondary(res));
      case CLEAR_BITMAP ->
          List.of(DrbdCommands.status(res), DrbdCommands.newCurrentUuidClearBitmap(res));
    };
  }

  @Override
  public ApplyOutcome create(Host host, Change change) {
    ObjectSpec.Drbd d = drbd(change.spec());
    DrbdConfig c = d.config();
    Optional<DrbdConfig.Host> me = c.host(d.node());
    if (me.isEmpty()) {
      return ApplyOutcome.terminal(
          "resource " + c.resource() + " has no host " + d.node() + " (planner bug)");
    }
    ApplyOutcome w = writeFile(host, c);
    if (w != null) {
      return w;
    }
    if (!me.get().diskless()) {
      ApplyOutcome md = BringUp.ensureMetadata(host, d, me.get().disk());
      if (md != null) {
        return md;
      }
    }
    Result adj = Exec.run(host, DrbdCommands.adjust(c.resource()));
    if (!adj.success()) {
      return Exec.failure("bringing up " + c.resource(), adj);
    }
    return BringUp.initialSync(host, d);
  }

  private ApplyOutcome writeFile(Host host, DrbdConfig c) {
    return ResFileWriter.install(
        host,
        Names.drbdResFile(c.resource()),
        ResFile.render(c, clusterKey.drbdSharedSecret(c.resource())));
  }

  // ---- update: new file (peers added/removed, options) + adjust

  @Override
  public List<Command> updateCommands(Change change) {
    ObjectSpec.Drbd d = drbd(change.spec());
    DrbdConfig c = d.config();
    List<Command> cmds = new ArrayList<>(ResFileWriter.commands(Names.drbdResFile(c.resource())));
    cmds.addAll(metadataCommands(d, false));
    cmds.add(DrbdCommands.adjust(c.resource()));
    cmds.addAll(initialSyncCommands(d));
    return cmds;
  }

  /**
   * Writes the new file and adjusts (adjust adds new peers and deletes removed ones); then, on a
   * diskful node, frees the bitmap slot of every peer that left ({@code drbdsetup forget-peer}),
   * found by comparing with the file being replaced. The preview cannot know the removed peers, so
   * it lists the write and the adjust only.
   */
  @Override
  public ApplyOutcome update(Host host, Change change) {
    ObjectSpec.Drbd d = drbd(change.spec());
    DrbdConfig c = d.config();
    Optional<byte[]> existing = host.readFile(Path.of(Names.drbdResFile(c.resource())));
    if (existing.isEmpty()) {
      return ApplyOutcome.terminal(
          "cannot update "
              + c.resource()
              + ": "
              + Names.drbdResFile(c.resource())
              + " does not exist (observe again and re-plan)");
    }
    List<Integer> removed = removedPeers(new String(existing.get(), StandardCharsets.UTF_8), c);
    ApplyOutcome w = writeFile(host, c);
    if (w != null) {
      return w;
    }
    Optional<DrbdConfig.Host> me = c.host(d.node());
    boolean diskful = me.map(h -> !h.diskless()).orElse(false);
    if (diskful && d.freshBacking()) {
      ApplyOutcome md = BringUp.ensureMetadata(host, d, me.get().disk());
      if (md != null) {
        return md;
      }
    }
    Result adj = Exec.run(host, DrbdCommands.adjust(c.resource()));
    if (!adj.success()) {
      return Exec.failure("adjusting " + c.resource(), adj);
    }
    for (int id : diskful ? removed : List.<Integer>of()) {
      Result f = Exec.run(host, DrbdCommands.forgetPeer(c.resource(), id));
      if (!f.success()) {
        return Exec.failure("forgetting node-id " + id + " of " + c.resource(), f);
      }
    }
    return d.initialSync() == ObjectSpec.Drbd.InitialSync.NONE
        ? ApplyOutcome.ok("adjusted " + c.resource())
        : BringUp.initialSync(host, d);
  }

  private static List<Integer> removedPeers(String oldFile, DrbdConfig now) {
    try {
      return ResFile.parse(oldFile).hosts().stream()
          .map(DrbdConfig.Host::nodeId)
          .filter(id -> now.hosts().stream().noneMatch(h -> h.nodeId() == id))
          .sorted()
          .toList();
    } catch (RuntimeException e) {
      return List.of(); // unreadable old file: nothing known to forget
    }
  }

  // ---- resize: once, on one node, after every backing device grew

  @Override
  public List<Command> resizeCommands(Change change) {
    return List.of(DrbdCommands.resize(drbd(change.spec()).config().resource()));
  }

  @Override
  public ApplyOutcome resize(Host host, Change change) {
    String res = drbd(change.spec()).config().resource();
    ApplyOutcome owned = requireOwnedFile(host, res);
    if (owned != null) {
      return owned;
    }
    Result r = Exec.run(host, DrbdCommands.resize(res));
    return r.success() ? ApplyOutcome.ok("resized " + res) : Exec.failure("resizing " + res, r);
  }

  // ---- delete: down, then remove the file (metadata goes with the backing device)

  @Override
  public List<Command> deleteCommands(Change change) {
    String res = drbd(change.spec()).config().resource();
    return List.of(DrbdCommands.down(res), Command.of(Command.REMOVE, Names.drbdResFile(res)));
  }

  @Override
  public ApplyOutcome delete(Host host, Change change) {
    String res = drbd(change.spec()).config().resource();
    Path file = Path.of(Names.drbdResFile(res));
    if (host.readFile(file).isEmpty()) {
      return ApplyOutcome.ok(res + " has no Strata resource file; nothing to take down");
    }
    ApplyOutcome owned = requireOwnedFile(host, res);
    if (owned != null) {
      return owned;
    }
    Result r = Exec.run(host, DrbdCommands.down(res));
    if (!r.success()) {
      return Exec.failure("taking down " + res, r);
    }
    host.deleteFile(file);
    return ApplyOutcome.ok("took down " + res + " and removed " + file);
  }

  private static ApplyOutcome requireOwnedFile(Host host, String res) {
    Optional<byte[]> f = host.readFile(Path.of(Names.drbdResFile(res)));
    if (f.isEmpty() || !ResFile.isOwned(new String(f.get(), StandardCharsets.UTF_8))) {
      return ApplyOutcome.terminal(
          "DRBD resource "
              + res
              + " is not owned by Strata on "
              + host.name()
              + " (no "
              + Names.drbdResFile(res)
              + " with the '"
              + ResFile.HEADER
              + "' header); refusing");
    }
    return null;
  }

  static ObjectSpec.Drbd drbd(ObjectSpec spec) {
    if (spec instanceof ObjectSpec.Drbd d) {
      return d;
    }
    throw new IllegalArgumentException(
        "the DRBD executor got a " + spec.getClass().getSimpleName());
  }
}
