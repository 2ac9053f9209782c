package io.strata.executors.stack;

import io.strata.executors.drbd.DrbdExecutor;
import io.strata.executors.drbd.IoFence;
import io.strata.executors.host.Host;
import io.strata.executors.host.HostUnreachableException;
import io.strata.executors.host.OnceHost;
import io.strata.executors.host.ProbeHost;
import io.strata.executors.layer.ApplyOutcome;
import io.strata.executors.layer.Command;
import io.strata.executors.layer.Connector;
import io.strata.executors.layer.Creator;
import io.strata.executors.layer.Deleter;
import io.strata.executors.layer.Disconnector;
import io.strata.executors.layer.NodeInventory;
import io.strata.executors.layer.NodeStateBuilder;
import io.strata.executors.layer.ObservationException;
import io.strata.executors.layer.Observer;
import io.strata.executors.layer.Resizer;
import io.strata.executors.layer.Snapshotter;
import io.strata.executors.layer.Tentative;
import io.strata.executors.layer.Updater;
import io.strata.executors.luks.LuksExecutor;
import io.strata.executors.luks.Pbkdf;
import io.strata.executors.lvm.LvmAdoption;
import io.strata.executors.lvm.LvmClone;
import io.strata.executors.lvm.LvmExecutor;
import io.strata.executors.nvme.NvmeInitiatorExecutor;
import io.strata.executors.nvme.NvmeTargetExecutor;
import io.strata.executors.secret.ClusterKey;
import io.strata.executors.secret.SecretResolver;
import io.strata.executors.secret.SecretUnavailableException;
import io.strata.executors.zfs.ZfsAdoption;
import io.strata.executors.zfs.ZfsClone;
import io.strata.executors.zfs.ZfsExecutor;
import io.strata.planner.observed.NodeState;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import java.time.Duration;
import java.util.List;

/**
 * The entry point other modules use: observe one node across every layer, and preview or apply one
 * Change by dispatching on the kind of its {@link ObjectSpec} and on its {@link Action} (a layer
 * that lacks the capability answers with a terminal failure). Thread-safe: executors hold no
 * mutable state beyond the LUKS observer's cache of backing paths (decision 025).
 */
public final class LayerExecutors {
  private static final IoFence IO_FENCE = new IoFence();
  private static final LvmAdoption LVM_ADOPTION = new LvmAdoption();
  private static final ZfsAdoption ZFS_ADOPTION = new ZfsAdoption();
  private static final LvmClone LVM_CLONE = new LvmClone();
  private static final ZfsClone ZFS_CLONE = new ZfsClone();
  private final LvmExecutor lvm = new LvmExecutor();
  private final ZfsExecutor zfs = new ZfsExecutor();
  private final LuksExecutor luks;
  private final DrbdExecutor drbd;
  private final NvmeTargetExecutor nvmeTarget = new NvmeTargetExecutor();
  private final NvmeInitiatorExecutor nvmeInitiator = new NvmeInitiatorExecutor();
  private final List<Observer> observers;
  private final Duration probeTimeout;

  /**
   * @param secrets resolves LUKS passphrase references on the reconciler's host
   * @param clusterKey derives DRBD shared secrets (null only for previews)
   * @param pbkdf luksFormat key-derivation flags ({@link Pbkdf#DEFAULT} in production)
   */
  public LayerExecutors(SecretResolver secrets, ClusterKey clusterKey, Pbkdf pbkdf) {
    this(secrets, clusterKey, pbkdf, DEFAULT_PROBE_TIMEOUT);
  }

  /**
   * @param probeTimeout the longest any one observation command may take ({@code
   *     reconcile.probeTimeout}); past it the node is unknown for this cycle
   */
  public LayerExecutors(
      SecretResolver secrets, ClusterKey clusterKey, Pbkdf pbkdf, Duration probeTimeout) {
    this.luks = new LuksExecutor(secrets, pbkdf);
    this.drbd = new DrbdExecutor(clusterKey);
    this.observers = List.of(lvm, zfs, luks, drbd, nvmeTarget, nvmeInitiator);
    this.probeTimeout = probeTimeout;
  }

  /** {@code reconcile.probeTimeout}'s default. */
  public static final Duration DEFAULT_PROBE_TIMEOUT = Duration.ofSeconds(30);

  public LayerExecutors(SecretResolver secrets, ClusterKey clusterKey) {
    this(secrets, clusterKey, Pbkdf.DEFAULT);
  }

  /** For plan previews only: no secret can be resolved, {@link #apply} fails terminally. */
  public static LayerExecutors previewOnly() {
    return new LayerExecutors(
        ref -> {
          throw new SecretUnavailableException("plan previews resolve no secrets (" + ref + ")");
        },
        null);
  }

  /**
   * Everything on one node that the inventory asks about, one batched probe per layer.
   *
   * @throws HostUnreachableException when the node cannot be reached
   * @throws ObservationException when a tool's answer cannot be trusted (the node is unknown)
   */
  public NodeState observe(Host host, NodeInventory inventory) {
    return observeTentatively(host, inventory).confirmed();
  }

  /**
   * As {@link #observe}, returning as soon as every layer's answer is in, while a probe read early
   * may still be exiting (docs/decisions/045); the caller decides nothing before {@link
   * Tentative#check()} has passed.
   */
  public Tentative<NodeState> observeTentatively(Host host, NodeInventory inventory) {
    NodeStateBuilder b = new NodeStateBuilder(host.name());
    Host probe = new OnceHost(new ProbeHost(host, probeTimeout));
    for (Observer o : observers) {
      o.observe(probe, inventory, b);
    }
    return b.buildTentative();
  }

  /**
   * The exact commands a change will run, in order, probes included, for plan previews; file
   * operations appear as pseudo commands ({@code ["write", path]}, {@code ["rm", path]}). Secrets
   * are never part of argv.
   */
  public List<Command> commands(Change change) {
    Object ex = executor(change.spec());
    return switch (effective(change)) {
      case CREATE -> ex instanceof Creator c ? c.createCommands(change) : List.of();
      case RESIZE -> ex instanceof Resizer r ? r.resizeCommands(change) : List.of();
      case UPDATE -> ex instanceof Updater u ? u.updateCommands(change) : List.of();
      case DELETE -> ex instanceof Deleter d ? d.deleteCommands(change) : List.of();
      case CONNECT -> ex instanceof Connector c ? c.connectCommands(change) : List.of();
      case DISCONNECT -> ex instanceof Disconnector d ? d.disconnectCommands(change) : List.of();
      case SNAPSHOT -> ex instanceof Snapshotter s ? s.snapshotCommands(change) : List.of();
    };
  }

  /**
   * Applies one change; never throws for operational failures: an unreachable node is transient, a
   * missing secret or a bad argument terminal.
   */
  public ApplyOutcome apply(Host host, Change change) {
    try {
      Object ex = executor(change.spec());
      Action action = effective(change);
      ApplyOutcome unsupported =
          ApplyOutcome.terminal(
              "the "
                  + layerName(change.spec())
                  + " layer cannot "
                  + action.jsonName()
                  + " (change "
                  + change.id()
                  + ")");
      return switch (action) {
        case CREATE -> ex instanceof Creator c ? c.create(host, change) : unsupported;
        case RESIZE -> ex instanceof Resizer r ? r.resize(host, change) : unsupported;
        case UPDATE -> ex instanceof Updater u ? u.update(host, change) : unsupported;
        case DELETE -> ex instanceof Deleter d ? d.delete(host, change) : unsupported;
        case CONNECT -> ex instanceof Connector c ? c.connect(host, change) : unsupported;
        case DISCONNECT -> ex instanceof Disconnector d ? d.disconnect(host, change) : unsupported;
        case SNAPSHOT -> ex instanceof Snapshotter s ? s.snapshot(host, change) : unsupported;
      };
    } catch (HostUnreachableException e) {
      return ApplyOutcome.transientFailure(e.getMessage());
    } catch (SecretUnavailableException e) {
      return ApplyOutcome.terminal(e.getMessage());
    } catch (IllegalArgumentException e) {
      return ApplyOutcome.terminal("bad argument in change " + change.id() + ": " + e.getMessage());
    }
  }

  /** An initiator's create/delete is its connect/disconnect; a snapshot's create its snapshot. */
  private static Action effective(Change c) {
    if (c.spec() instanceof ObjectSpec.StorageSnapshot && c.action() == Action.CREATE) {
      return Action.SNAPSHOT;
    }
    if (c.spec() instanceof ObjectSpec.NvmeAttach) {
      if (c.action() == Action.CREATE) {
        return Action.CONNECT;
      }
      if (c.action() == Action.DELETE) {
        return Action.DISCONNECT;
      }
    }
    return c.action();
  }

  // Java 17 has no pattern switch: an if-chain over the sealed ObjectSpec (a new kind fails loudly)
  private Object executor(ObjectSpec spec) {
    if (spec instanceof ObjectSpec.StorageSnapshot s) {
      return executor(s.origin());
    }
    if (spec instanceof ObjectSpec.Lv || spec instanceof ObjectSpec.LvActivation) {
      return lvm;
    }
    if (spec instanceof ObjectSpec.Zvol) {
      return zfs;
    }
    if (spec instanceof ObjectSpec.Luks) {
      return luks;
    }
    if (spec instanceof ObjectSpec.Drbd) {
      return drbd;
    }
    if (spec instanceof ObjectSpec.DrbdIoFence) {
      return IO_FENCE;
    }
    if (spec instanceof ObjectSpec.Adoption a) {
      return a.storage() instanceof ObjectSpec.Lv ? LVM_ADOPTION : ZFS_ADOPTION;
    }
    if (spec instanceof ObjectSpec.StorageClone c) {
      return c.target() instanceof ObjectSpec.Lv ? LVM_CLONE : ZFS_CLONE;
    }
    if (spec instanceof ObjectSpec.NvmeExport) {
      return nvmeTarget;
    }
    if (spec instanceof ObjectSpec.NvmeAttach) {
      return nvmeInitiator;
    }
    throw new IllegalStateException("no executor for " + spec.getClass().getName());
  }

  private static String layerName(ObjectSpec spec) {
    if (spec instanceof ObjectSpec.StorageSnapshot s) {
      return layerName(s.origin()) + " snapshot";
    }
    if (spec instanceof ObjectSpec.Adoption a) {
      return layerName(a.storage()) + " adoption";
    }
    if (spec instanceof ObjectSpec.StorageClone c) {
      return layerName(c.target()) + " clone";
    }
    String n = spec.getClass().getSimpleName();
    return switch (n) {
      case "Lv", "LvActivation" -> "LVM";
      case "Zvol" -> "ZFS";
      case "Luks" -> "LUKS";
      case "Drbd", "DrbdIoFence" -> "DRBD";
      case "NvmeExport" -> "NVMe target";
      case "NvmeAttach" -> "NVMe initiator";
      default -> n;
    };
  }
}
