package io.strata.executors.nvme;

import io.strata.executors.host.Host;
import io.strata.executors.host.HostUnreachableException;
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
import io.strata.planner.observed.NvmeSubsystem;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The NVMe-oF target (Linux nvmet through configfs). Create and update converge the tree in the
 * kernel's order (cookbook §5.2): subsystem → allowed hosts → namespace device_path → enable → port
 * attributes → link into the port. Every step checks what is there first, so a retry is harmless;
 * only subsystems with Strata's NQN prefix are touched, and a port already serving other subsystems
 * at another address is never reconfigured.
 */
public final class NvmeTargetExecutor implements Observer, Creator, Updater, Resizer, Deleter {

  @Override
  public void observe(Host host, NodeInventory inv, NodeStateBuilder into) {
    // configfs is read through files only (an absent tree reads as empty), so exports are observed
    // even when no template in Git uses NVMe: an orphan's export is then torn down before its
    // storage (decision 001)
    into.nvmeSubsystems.addAll(NvmetReader.subsystems(host));
  }

  // ---- create / update: the same convergence

  @Override
  public List<Command> createCommands(Change change) {
    NvmeExport e = NvmeExport.of(change.spec());
    List<Command> c = new ArrayList<>();
    Path s = Nvmet.subsystem(e.nqn());
    c.add(Nvmet.mkdir(s));
    c.add(
        Nvmet.write(s.resolve("attr_allow_any_host"), "0")); // never open to any host (§3, issue 9)
    for (String h : e.spec().allowedHosts()) {
      c.add(Nvmet.mkdir(Nvmet.host(h)));
      c.add(Nvmet.link(Nvmet.host(h), Nvmet.allowedHosts(e.nqn()).resolve(h)));
    }
    Path n = Nvmet.namespace(e.nqn(), e.spec().nsid());
    c.add(Nvmet.mkdir(n));
    c.add(Nvmet.write(n.resolve("device_uuid"), Nvmet.namespaceUuid(e.nqn(), e.spec().nsid())));
    c.add(Nvmet.write(n.resolve("device_path"), e.spec().devicePath()));
    c.add(Nvmet.write(n.resolve("enable"), "1"));
    if (!e.spec().portShared()) { // else the convergence finds the port as it wants it
      Path p = Nvmet.port(e.spec().portId());
      c.add(Nvmet.mkdir(p));
      c.add(Nvmet.write(p.resolve("addr_trtype"), e.spec().transport()));
      c.add(Nvmet.write(p.resolve("addr_adrfam"), Nvmet.family(e.spec().address())));
      c.add(Nvmet.write(p.resolve("addr_traddr"), e.spec().address()));
      c.add(Nvmet.write(p.resolve("addr_trsvcid"), String.valueOf(e.spec().serviceId())));
    }
    c.add(Nvmet.link(s, Nvmet.portSubsystems(e.spec().portId()).resolve(e.nqn())));
    return c;
  }

  @Override
  public ApplyOutcome create(Host host, Change change) {
    NvmeExport e = NvmeExport.of(change.spec());
    if (!e.owned()) {
      return notOwned(e.nqn());
    }
    try {
      return new Converge(host, e.spec()).run();
    } catch (HostUnreachableException x) {
      throw x;
    } catch (RuntimeException x) {
      return ApplyOutcome.terminal(
          "configuring nvmet for "
              + e.nqn()
              + " failed: "
              + x.getMessage()
              + " (is the nvmet module loaded and configfs mounted?)");
    }
  }

  @Override
  public List<Command> updateCommands(Change change) {
    return createCommands(change);
  }

  @Override
  public ApplyOutcome update(Host host, Change change) {
    return create(host, change);
  }

  // ---- resize: the kernel re-reads the device size

  @Override
  public List<Command> resizeCommands(Change change) {
    ObjectSpec.NvmeExport e = NvmeExport.of(change.spec()).spec();
    return List.of(Nvmet.write(Nvmet.namespace(e.nqn(), e.nsid()).resolve("revalidate_size"), "1"));
  }

  @Override
  public ApplyOutcome resize(Host host, Change change) {
    NvmeExport e = NvmeExport.of(change.spec());
    if (!e.owned()) {
      return notOwned(e.nqn());
    }
    Path attr = Nvmet.namespace(e.nqn(), e.spec().nsid()).resolve("revalidate_size");
    host.writeFile(attr, "1".getBytes(StandardCharsets.UTF_8), 0644);
    return ApplyOutcome.ok("revalidated the size of " + e.nqn() + " namespace " + e.spec().nsid());
  }

  // ---- delete: reverse order (cookbook §5.6)

  @Override
  public List<Command> deleteCommands(Change change) {
    ObjectSpec.NvmeExport e = NvmeExport.of(change.spec()).spec();
    Path s = Nvmet.subsystem(e.nqn());
    Path n = Nvmet.namespace(e.nqn(), e.nsid());
    List<Command> c = new ArrayList<>();
    c.add(Nvmet.unlink(Nvmet.portSubsystems(e.portId()).resolve(e.nqn())));
    if (!e.portShared()) { // else another subsystem stays on the port, which stays too
      c.add(Nvmet.rmdir(Nvmet.port(e.portId())));
    }
    for (String h : e.allowedHosts()) {
      c.add(Nvmet.unlink(Nvmet.allowedHosts(e.nqn()).resolve(h)));
    }
    c.add(Nvmet.write(n.resolve("enable"), "0"));
    c.add(Nvmet.rmdir(n));
    c.add(Nvmet.rmdir(s));
    return c;
  }

  @Override
  public ApplyOutcome delete(Host host, Change change) {
    NvmeExport e = NvmeExport.of(change.spec());
    if (!e.owned()) {
      return notOwned(e.nqn());
    }
    String nqn = e.nqn();
    if (!host.list(Nvmet.subsystems()).contains(nqn)) {
      return ApplyOutcome.ok(nqn + " is not exported");
    }
    List<Command> steps = new ArrayList<>();
    for (int id : NvmetReader.portIds(host)) {
      List<String> linked = host.list(Nvmet.portSubsystems(id));
      if (linked.contains(nqn)) {
        steps.add(Nvmet.unlink(Nvmet.portSubsystems(id).resolve(nqn)));
        if (linked.size() == 1) {
          steps.add(Nvmet.rmdir(Nvmet.port(id))); // LINSTOR too: a port left empty goes
        }
      }
    }
    for (String h : host.list(Nvmet.allowedHosts(nqn))) {
      steps.add(Nvmet.unlink(Nvmet.allowedHosts(nqn).resolve(h)));
    }
    ApplyOutcome r = runAll(host, steps);
    if (r != null) {
      return r;
    }
    for (String ns : host.list(Nvmet.subsystem(nqn).resolve("namespaces"))) {
      Path n = Nvmet.subsystem(nqn).resolve("namespaces").resolve(ns);
      host.writeFile(n.resolve("enable"), "0".getBytes(StandardCharsets.UTF_8), 0644);
      r = runAll(host, List.of(Nvmet.rmdir(n)));
      if (r != null) {
        return r;
      }
    }
    r = runAll(host, List.of(Nvmet.rmdir(Nvmet.subsystem(nqn))));
    return r != null ? r : ApplyOutcome.ok("removed the export of " + nqn);
  }

  static ApplyOutcome runAll(Host host, List<Command> steps) {
    for (Command c : steps) {
      Result r = Exec.run(host, c);
      if (!r.success()) {
        return Exec.failure(String.join(" ", c.argv()), r);
      }
    }
    return null;
  }

  private static ApplyOutcome notOwned(String nqn) {
    return ApplyOutcome.terminal(
        "subsystem "
            + nqn
            + " does not start with "
            + NvmeSubsystem.NQN_PREFIX
            + "; Strata never touches exports it did not create");
  }

  /** The spec with its ownership check. */
  record NvmeExport(ObjectSpec.NvmeExport spec) {
    static NvmeExport of(ObjectSpec s) {
      if (s instanceof ObjectSpec.NvmeExport e) {
        return new NvmeExport(e);
      }
      throw new IllegalArgumentException("the NVMe target got a " + s.getClass().getSimpleName());
    }

    String nqn() {
      return spec.nqn();
    }

    boolean owned() {
      return spec.nqn().startsWith(NvmeSubsystem.NQN_PREFIX);
    }
  }
}
