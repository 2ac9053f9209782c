package io.strata.executors.nvme;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.executors.layer.ApplyOutcome;
import io.strata.executors.layer.Command;
import io.strata.executors.layer.Connector;
import io.strata.executors.layer.Disconnector;
import io.strata.executors.layer.Exec;
import io.strata.executors.layer.NodeInventory;
import io.strata.executors.layer.NodeStateBuilder;
import io.strata.executors.layer.ObservationException;
import io.strata.executors.layer.Observer;
import io.strata.executors.layer.Updater;
import io.strata.planner.observed.NvmeConnection;
import io.strata.planner.observed.NvmeSubsystem;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.schema.model.Layer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The NVMe-oF initiator: one {@code nvme list-subsys -o json} per node; connect passes the node's
 * own {@code /etc/nvme/hostnqn} and {@code /etc/nvme/hostid} every time (the kernel overwrites the
 * host id on each connect, cookbook §6.1); only Strata NQNs are disconnected.
 */
public final class NvmeInitiatorExecutor implements Observer, Connector, Updater, Disconnector {
  /** Three of the kernel's default reconnect periods (reconnect_delay 10 s). */
  public static final Duration DEFAULT_RECONNECT_WAIT = Duration.ofSeconds(30);

  private static final Duration POLL = Duration.ofMillis(500);

  /** How long a rescan may take to add the namespace back. */
  private static final Duration RESCAN_WAIT = Duration.ofSeconds(10);

  private final Duration reconnectWait;

  public NvmeInitiatorExecutor() {
    this(DEFAULT_RECONNECT_WAIT);
  }

  /** With how long a connect waits for a path the kernel is reconnecting to become live. */
  public NvmeInitiatorExecutor(Duration reconnectWait) {
    this.reconnectWait = reconnectWait;
  }

  @Override
  public void observe(Host host, NodeInventory inv, NodeStateBuilder into) {
    // connections are observed even when no template in Git uses NVMe any more: the initiator of
    // a volume that left Git is disconnected before its export goes (otherwise its I/O hangs on a
    // controller without a target; found by PlanRunsAsShownTest, decision 015)
    List<NvmeConnection> seen = connections(host, null);
    if (seen.stream().anyMatch(c -> c.live() && c.nqn().startsWith(NvmeSubsystem.NQN_PREFIX))) {
      // a live path may have lost its namespace (decision 032): one tree read tells
      seen = NamespaceDevices.resolve(seen, NamespaceDevices.read(host));
    }
    into.nvmeConnections.addAll(seen);
    if (!inv.uses(Layer.NVME)) {
      return;
    }
    // the identity targets allow (issue 9): the same file connect passes as --hostnqn
    into.hostNqn = readId(host, NvmeCommands.HOSTNQN_FILE).orElse(null);
    if (into.hostNqn != null && !Nvmet.isSafeNqn(into.hostNqn)) {
      // it becomes a configfs path on the target node: refuse, the node is unknown
      throw new ObservationException(
          host.name()
              + ": "
              + NvmeCommands.HOSTNQN_FILE
              + " does not hold an NQN (nqn.…, printable, no '/', at most "
              + Nvmet.MAX_NQN
              + " bytes) — write one with nvme gen-hostnqn");
    }
  }

  /** Null on success of the probe; otherwise the failure is thrown or returned by callers. */
  private static List<NvmeConnection> connections(Host host, ApplyOutcome[] failure) {
    Result r = Exec.run(host, NvmeCommands.listSubsys());
    if (r.success()) {
      return NvmeParser.connections(r.out());
    }
    if (NvmeParser.noTopology(r)) {
      return List.of();
    }
    if (failure == null) {
      throw Exec.observeFailed(host.name(), r);
    }
    failure[0] = Exec.failure("listing NVMe subsystems", r);
    return List.of();
  }

  @Override
  public List<Command> connectCommands(Change change) {
    ObjectSpec.NvmeAttach a = attach(change.spec());
    return List.of(
        Command.of("read", NvmeCommands.HOSTNQN_FILE),
        Command.of("read", NvmeCommands.HOSTID_FILE),
        NvmeCommands.listSubsys(),
        NvmeCommands.connect(
            a.transport(), a.address(), a.serviceId(), a.nqn(), "<hostnqn>", "<hostid>"));
  }

  @Override
  public ApplyOutcome connect(Host host, Change change) {
    ObjectSpec.NvmeAttach a = attach(change.spec());
    Optional<String> hostNqn = readId(host, NvmeCommands.HOSTNQN_FILE);
    Optional<String> hostId = readId(host, NvmeCommands.HOSTID_FILE);
    if (hostNqn.isEmpty() || hostId.isEmpty()) {
      return ApplyOutcome.terminal(
          host.name()
              + " has no "
              + NvmeCommands.HOSTNQN_FILE
              + " or "
              + NvmeCommands.HOSTID_FILE
              + "; create them once (`nvme gen-hostnqn > /etc/nvme/hostnqn`, `uuidgen >"
              + " /etc/nvme/hostid`) so that every connect uses the same identity");
    }
    // A path that exists but is not live is the kernel's own reconnect loop (nvme-tcp retries
    // every reconnect_delay, 10 s by default, until ctrl_loss_tmo): once the export is back it
    // reconnects by itself, and `nvme connect` would only fail with "already connected". So wait
    // for it, polling, a few reconnect periods — longer than the runner's retry backoff (the lab's
    // real kernels showed the heal of a re-exported subsystem fail after 4 retries in 1 s).
    long deadline = System.nanoTime() + reconnectWait.toNanos();
    Optional<NvmeConnection> path;
    while (true) {
      ApplyOutcome[] failure = new ApplyOutcome[1];
      List<NvmeConnection> now = connections(host, failure);
      if (failure[0] != null) {
        return failure[0];
      }
      path =
          now.stream()
              .filter(
                  c ->
                      c.nqn().equals(a.nqn())
                          && c.address().equals(a.address())
                          && c.serviceId() == a.serviceId())
              .findFirst();
      if (path.isEmpty() || path.get().live()) {
        break;
      }
      if (System.nanoTime() - deadline >= 0) {
        return ApplyOutcome.transientFailure(
            a.nqn()
                + " has a path to "
                + a.address()
                + " in state "
                + path.get().state()
                + " after waiting "
                + reconnectWait.toSeconds()
                + " s for the kernel to reconnect");
      }
      if (!pause()) {
        return ApplyOutcome.transientFailure("interrupted while waiting for " + a.nqn());
      }
    }
    if (path.isPresent()) {
      return ApplyOutcome.ok(a.nqn() + " is connected");
    }
    Result r =
        Exec.run(
            host,
            NvmeCommands.connect(
                a.transport(), a.address(), a.serviceId(), a.nqn(), hostNqn.get(), hostId.get()));
    return r.success()
        ? ApplyOutcome.ok("connected " + a.nqn())
        : Exec.failure("connecting to " + a.nqn(), r);
  }

  // ---- update: a live path whose namespace the kernel dropped (decision 032)

  @Override
  public List<Command> updateCommands(Change change) {
    return List.of(NvmeCommands.listSubsys(), NvmeCommands.rescan("<controller>"));
  }

  /**
   * The kernel keeps a path live but drops a namespace whose identifiers changed while it was
   * reconnecting; a rescan of the controller adds it again (a new block device, the data of the
   * target's device). Nothing is disconnected: if another path still serves the namespace, it stays
   * in use.
   */
  @Override
  public ApplyOutcome update(Host host, Change change) {
    ObjectSpec.NvmeAttach a = attach(change.spec());
    if (hasDevice(host, a.nqn())) {
      return ApplyOutcome.ok(a.nqn() + " has its namespace device");
    }
    Result list = Exec.run(host, NvmeCommands.listSubsys());
    if (!list.success()) {
      return Exec.failure("listing NVMe subsystems", list);
    }
    List<String> controllers = NvmeParser.liveControllers(list.out(), a.nqn());
    if (controllers.isEmpty()) {
      return ApplyOutcome.transientFailure(a.nqn() + " has no live path to rescan");
    }
    for (String c : controllers) {
      Result r = Exec.run(host, NvmeCommands.rescan("/dev/" + c));
      if (!r.success()) {
        return Exec.failure("rescanning the namespaces of " + c, r);
      }
    }
    // the scan runs in the kernel after the command returns
    long deadline = System.nanoTime() + RESCAN_WAIT.toNanos();
    while (!hasDevice(host, a.nqn())) {
      if (System.nanoTime() - deadline >= 0) {
        return ApplyOutcome.transientFailure(
            a.nqn()
                + " still has no namespace device "
                + RESCAN_WAIT.toSeconds()
                + " s after a rescan of "
                + String.join(", ", controllers)
                + "; if it stays so, disconnect it (nvme disconnect -n "
                + a.nqn()
                + ") and apply again");
      }
      if (!pause()) {
        return ApplyOutcome.transientFailure("interrupted while waiting for " + a.nqn());
      }
    }
    return ApplyOutcome.ok(
        "rescanned "
            + String.join(", ", controllers)
            + ": "
            + a.nqn()
            + " has its namespace again");
  }

  /** Sleeps one poll period; false when interrupted (the flag is set again for the caller). */
  private static boolean pause() {
    try {
      Thread.sleep(POLL.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean hasDevice(Host host, String nqn) {
    List<String> disks = NamespaceDevices.read(host).get(nqn);
    return disks == null || !disks.isEmpty(); // unknown to sysfs: nothing to repair
  }

  @Override
  public List<Command> disconnectCommands(Change change) {
    ObjectSpec.NvmeAttach a = attach(change.spec());
    return List.of(NvmeCommands.listSubsys(), NvmeCommands.disconnect(a.nqn()));
  }

  @Override
  public ApplyOutcome disconnect(Host host, Change change) {
    ObjectSpec.NvmeAttach a = attach(change.spec());
    if (!a.nqn().startsWith(NvmeSubsystem.NQN_PREFIX)) {
      return ApplyOutcome.terminal(
          a.nqn() + " is not a Strata subsystem (" + NvmeSubsystem.NQN_PREFIX + "…); refusing");
    }
    ApplyOutcome[] failure = new ApplyOutcome[1];
    List<NvmeConnection> now = connections(host, failure);
    if (failure[0] != null) {
      return failure[0];
    }
    if (now.stream().noneMatch(c -> c.nqn().equals(a.nqn()))) {
      return ApplyOutcome.ok(a.nqn() + " is not connected");
    }
    Result r = Exec.run(host, NvmeCommands.disconnect(a.nqn()));
    return r.success()
        ? ApplyOutcome.ok("disconnected " + a.nqn())
        : Exec.failure("disconnecting " + a.nqn(), r);
  }

  private static Optional<String> readId(Host host, String file) {
    return host.readFile(Path.of(file))
        .map(b -> new String(b, StandardCharsets.UTF_8).strip())
        .filter(s -> !s.isEmpty());
  }

  static ObjectSpec.NvmeAttach attach(ObjectSpec s) {
    if (s instanceof ObjectSpec.NvmeAttach a) {
      return a;
    }
    throw new IllegalArgumentException("the NVMe initiator got a " + s.getClass().getSimpleName());
  }
}
