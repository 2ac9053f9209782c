package io.strata.reconciler.web;

import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.Refusal;
import io.strata.reconciler.daemon.CycleFacts;
import io.strata.reconciler.daemon.DaemonFacts;
import io.strata.reconciler.daemon.DriftReport;
import io.strata.reconciler.daemon.StatusComposer;
import io.strata.reconciler.drift.DriftItem;
import io.strata.reconciler.status.Condition;
import io.strata.reconciler.status.ConditionType;
import io.strata.reconciler.status.ReplicationState;
import io.strata.reconciler.status.StatusModel;
import io.strata.reconciler.status.StatusSnapshot;
import io.strata.schema.model.DesiredState;
import io.strata.schema.model.Layer;
import io.strata.schema.model.Metadata;
import io.strata.schema.model.Origin;
import io.strata.schema.model.Size;
import io.strata.schema.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the API documents from what the daemon recorded. Pure. Conditions come from {@link
 * StatusComposer}, the same code that writes the status branch, so Ready means the same thing on
 * the page, in the API and in Git.
 */
public final class ClusterViews {
  public static final String API_VERSION = "strata.io/v1";

  private ClusterViews() {}

  public static Views.Status status(DaemonFacts f, CycleRecorder.Recorded r) {
    StatusSnapshot snap = StatusComposer.compose(cycleFacts(f, r));
    DesiredState desired = r.desired() instanceof DesiredState d ? d : null;
    ObservedState observed =
        r.observed() != null && r.observed().state() instanceof ObservedState o ? o : null;
    List<Views.VolumeView> volumes = new ArrayList<>();
    for (StatusSnapshot.VolumeStatus v : snap.volumes()) {
      volumes.add(volume(v, desired, r.model()));
    }
    List<Views.NodeView> nodes = new ArrayList<>();
    for (StatusSnapshot.NodeStatus n : snap.nodes()) {
      nodes.add(node(n.facts(), desired));
    }
    List<Views.PoolView> pools = desired == null ? List.of() : PoolViews.of(desired, observed);
    return new Views.Status(
        API_VERSION,
        repository(f, r),
        conditions(snap.reconciler().conditions()),
        volumes,
        nodes,
        pools);
  }

  public static Views.Drift drift(CycleRecorder.Recorded r) {
    DriftReport d = r.drift() == null ? DriftReport.none() : r.drift();
    List<Views.DriftItem> items = new ArrayList<>();
    for (DriftItem o : d.objects()) {
      items.add(
          new Views.DriftItem(o.key(), o.volume(), o.node(), o.driftClass().label(), o.detail()));
    }
    return new Views.Drift(items.isEmpty(), items);
  }

  public static Views.Alerts alerts(CycleRecorder.Recorded r) {
    List<Views.Alert> out = new ArrayList<>();
    for (var e : r.firing()) {
      out.add(
          new Views.Alert(
              e.key(),
              e.labels(),
              e.summary(),
              e.startsAt() == null ? null : e.startsAt().toString()));
    }
    return new Views.Alerts(out);
  }

  /** The invalid commit, only while it is the head: an older one was superseded. */
  static Views.InvalidCommit invalidHead(DaemonFacts f, CycleRecorder.Recorded r) {
    Views.InvalidCommit inv = r.invalid();
    return inv != null && inv.commit().equals(f.observedCommit()) ? inv : null;
  }

  private static Views.Repository repository(DaemonFacts f, CycleRecorder.Recorded r) {
    return new Views.Repository(
        f.commitInForce(),
        f.observedCommit(),
        f.lastAppliedCommit(),
        f.lastAttemptedCommit(),
        invalidHead(f, r),
        new Views.Cycle(
            f.lastCycleResult(),
            f.lastCycleEnd() == null ? null : f.lastCycleEnd().toString(),
            f.lastCycleError()),
        f.activeInstance());
  }

  /** The facts {@link StatusComposer} needs, rebuilt from the recorded step results. */
  private static CycleFacts cycleFacts(DaemonFacts f, CycleRecorder.Recorded r) {
    Map<String, Integer> pending = new TreeMap<>();
    Map<String, String> refused = new TreeMap<>();
    String pendingReason = "";
    String guard = null;
    if (r.plan() != null) {
      guard = r.plan().guardRefusal();
      if (!r.applyAllowed()) {
        pendingReason = "mode: plan-only";
        for (Change c : r.plan().plan().changes()) {
          pending.merge(c.volume(), 1, Integer::sum);
        }
      }
      for (Refusal x : r.plan().plan().refused()) {
        if (x.kind() == Refusal.Kind.BACKOFF) {
          x.volumes().forEach(v -> pending.merge(v, 1, Integer::sum));
          if (pendingReason.isEmpty()) {
            pendingReason = "volume(s) backing off after failures";
          }
        } else if (x.kind() != Refusal.Kind.GUARD) {
          x.volumes().forEach(v -> refused.putIfAbsent(v, x.reason()));
        }
      }
    }
    Views.InvalidCommit inv = invalidHead(f, r);
    List<String> errors = new ArrayList<>();
    if (inv != null) {
      inv.errors()
          .forEach(
              e -> errors.add(e.file() + ":" + e.line() + ":" + e.column() + ": " + e.message()));
    }
    return new CycleFacts(
        new StatusSnapshot.Commits(
            f.observedCommit(), f.lastAppliedCommit(), f.lastAttemptedCommit()),
        r.model() == null ? StatusModel.empty() : r.model(),
        pending,
        pendingReason,
        r.applied() == null ? Map.of() : r.applied().failedVolumes(),
        Map.of(),
        refused,
        errors,
        guard,
        f.lastCycleError(),
        r.drift() == null ? DriftReport.none() : r.drift(),
        null,
        "",
        Set.of(), // the web view's volumes show their conditions from the status branch
        Map.of());
  }

  private static Views.VolumeView volume(
      StatusSnapshot.VolumeStatus s, DesiredState desired, StatusModel model) {
    StatusModel.VolumeFacts v = s.facts();
    Volume spec = desired == null ? null : desired.volumes().get(v.name());
    boolean drbd = spec != null && desired.templateOf(spec).has(Layer.DRBD);
    List<Views.ReplicaView> replicas = new ArrayList<>();
    for (StatusModel.ReplicaFacts r : v.replicas()) {
      replicas.add(
          new Views.ReplicaView(
              r.node(),
              role(r, spec == null ? null : drbd),
              r.pool(),
              r.replication().label(),
              r.percentDone(),
              r.devicePath()));
    }
    List<Views.AccessView> access = new ArrayList<>();
    if (spec != null) {
      for (String node : spec.access()) {
        access.add(new Views.AccessView(node, device(v, model, node)));
      }
    }
    // Ready as the status branch says it (pending changes or failures make it false), not only
    // whether the replicas are in place
    boolean ready =
        s.conditions().stream()
            .anyMatch(c -> c.type() == ConditionType.READY && c.status() == Condition.Status.TRUE);
    return new Views.VolumeView(
        v.name(),
        v.requestedBytes(),
        v.requestedBytes() == null ? null : Size.ofBytes(v.requestedBytes()).human(),
        v.allocatedBytes(),
        spec == null ? null : spec.template(),
        ready,
        v.readyMessage(),
        conditions(s.conditions()),
        replicas,
        access,
        spec == null ? null : source(spec.metadata()));
  }

  /** {@code drbd} is null when the template is unknown: then guess from the facts. */
  private static String role(StatusModel.ReplicaFacts r, Boolean drbd) {
    if (r.diskful()) {
      return "diskful";
    }
    if (drbd != null) {
      return drbd ? "diskless" : "initiator";
    }
    boolean replicated =
        r.replication() != ReplicationState.NOT_REPLICATED
            && r.replication() != ReplicationState.CONNECTING;
    return replicated || r.pool() != null ? "diskless" : "initiator";
  }

  private static String device(StatusModel.VolumeFacts v, StatusModel model, String node) {
    for (StatusModel.ReplicaFacts r : v.replicas()) {
      if (r.node().equals(node) && r.devicePath() != null) {
        return r.devicePath();
      }
    }
    if (model != null) {
      for (StatusModel.NodeFacts n : model.nodes()) {
        if (n.name().equals(node)) {
          return n.devices().get(v.name());
        }
      }
    }
    return null;
  }

  private static Views.NodeView node(StatusModel.NodeFacts n, DesiredState desired) {
    var spec = desired == null ? null : desired.nodes().get(n.name());
    return new Views.NodeView(
        n.name(),
        n.reachable(),
        n.message(),
        spec == null || spec.metadata().labels() == null ? Map.of() : spec.metadata().labels(),
        new ArrayList<>(new TreeMap<>(n.pools()).keySet()),
        n.devices(),
        spec == null ? null : source(spec.metadata()));
  }

  private static List<Views.ConditionView> conditions(List<Condition> cs) {
    List<Views.ConditionView> out = new ArrayList<>();
    for (Condition c : cs) {
      out.add(
          new Views.ConditionView(c.type().label(), c.status().label(), c.reason(), c.message()));
    }
    return out;
  }

  static Views.Source source(Metadata m) {
    Origin o = m == null ? null : m.origin();
    if (o == null || o.equals(Origin.UNKNOWN)) {
      return null;
    }
    return new Views.Source(o.file(), o.line());
  }
}
