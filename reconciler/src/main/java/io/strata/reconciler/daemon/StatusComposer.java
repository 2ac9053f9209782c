package io.strata.reconciler.daemon;

import io.strata.reconciler.drift.DriftItem;
import io.strata.reconciler.schedule.Backoff;
import io.strata.reconciler.status.Condition;
import io.strata.reconciler.status.ConditionType;
import io.strata.reconciler.status.ReplicationState;
import io.strata.reconciler.status.StatusModel;
import io.strata.reconciler.status.StatusSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns what a cycle learned into status documents with kstatus conditions. Pure: the same facts
 * give the same snapshot (transition times are filled in by the writer).
 *
 * <p>Per volume: {@code Stalled} when a change failed, the volume is backing off or the planner
 * refused it; {@code Reconciling} while changes are pending or replicas resync; {@code Drifted}
 * when the last drift check found it; {@code Ready} only when none of these hold and the cluster
 * reports every replica in place.
 */
public final class StatusComposer {
  private StatusComposer() {}

  public static StatusSnapshot compose(CycleFacts f) {
    Map<String, List<DriftItem>> driftByVolume = new TreeMap<>();
    Map<String, List<DriftItem>> driftByNode = new TreeMap<>();
    for (DriftItem d : f.drift().objects()) {
      if (d.volume() != null) {
        driftByVolume.computeIfAbsent(d.volume(), k -> new ArrayList<>()).add(d);
      } else if (d.node() != null) {
        driftByNode.computeIfAbsent(d.node(), k -> new ArrayList<>()).add(d);
      }
    }
    List<StatusSnapshot.VolumeStatus> volumes = new ArrayList<>();
    for (StatusModel.VolumeFacts v : f.model().volumes()) {
      volumes.add(volume(f, v, driftByVolume.getOrDefault(v.name(), List.of())));
    }
    List<StatusSnapshot.NodeStatus> nodes = new ArrayList<>();
    for (StatusModel.NodeFacts n : f.model().nodes()) {
      List<DriftItem> d = driftByNode.getOrDefault(n.name(), List.of());
      nodes.add(
          new StatusSnapshot.NodeStatus(
              n,
              f.commits(),
              List.of(
                  Condition.of(
                      ConditionType.READY,
                      n.reachable(),
                      n.reachable() ? "Observed" : "Unreachable",
                      n.reachable() ? "" : n.message()),
                  drifted(d))));
    }
    return new StatusSnapshot(
        reconciler(f, volumes), volumes, nodes, f.observedJson(), f.planMarkdown());
  }

  private static StatusSnapshot.VolumeStatus volume(
      CycleFacts f, StatusModel.VolumeFacts v, List<DriftItem> drift) {
    String name = v.name();
    String failed = f.failedVolumes().get(name);
    Backoff.Entry backoff = f.backingOff().get(name);
    String refused = f.refusedVolumes().get(name);
    Condition stalled;
    String lastError = null;
    if (failed != null) {
      stalled = Condition.of(ConditionType.STALLED, true, "ApplyFailed", failed);
      lastError = failed;
    } else if (backoff != null) {
      String msg =
          "backing off after "
              + backoff.failures()
              + " failure(s) until "
              + backoff.due()
              + ": "
              + backoff.lastError();
      stalled = Condition.of(ConditionType.STALLED, true, "BackingOff", msg);
      lastError = backoff.lastError();
    } else if (refused != null) {
      stalled = Condition.of(ConditionType.STALLED, true, "Refused", refused);
      lastError = refused;
    } else {
      stalled = Condition.of(ConditionType.STALLED, false, "AsExpected", "");
    }
    String syncing =
        v.replicas().stream()
            .filter(
                r ->
                    r.replication() == ReplicationState.SYNC_TARGET
                        || r.replication() == ReplicationState.SYNC_SOURCE)
            .map(
                r ->
                    r.node()
                        + ": "
                        + r.replication().label()
                        + (r.percentDone() == null
                            ? ""
                            : String.format(Locale.ROOT, " %.1f%%", r.percentDone())))
            .collect(Collectors.joining(", "));
    Integer pending = f.pendingVolumes().get(name);
    Condition reconciling;
    if (pending != null && pending > 0 && failed == null) {
      reconciling =
          Condition.of(
              ConditionType.RECONCILING,
              true,
              "ChangesPending",
              pending + " change(s) pending: " + f.pendingReason());
    } else if (!syncing.isEmpty()) {
      reconciling = Condition.of(ConditionType.RECONCILING, true, "Resyncing", syncing);
    } else {
      reconciling = Condition.of(ConditionType.RECONCILING, false, "Idle", "");
    }
    boolean isStalled = stalled.status() == Condition.Status.TRUE;
    boolean isReconciling = reconciling.status() == Condition.Status.TRUE;
    Condition ready;
    if (isStalled) {
      ready = Condition.of(ConditionType.READY, false, "Stalled", stalled.message());
    } else if (isReconciling) {
      ready = Condition.of(ConditionType.READY, false, "Reconciling", reconciling.message());
    } else if (!v.ready()) {
      ready = Condition.of(ConditionType.READY, false, "NotReady", v.readyMessage());
    } else {
      ready = Condition.of(ConditionType.READY, true, "Ready", "all replicas in place");
    }
    List<Condition> conditions =
        new ArrayList<>(List.of(ready, reconciling, stalled, drifted(drift)));
    if (f.scheduledVolumes().contains(name)) {
      String missed = f.missedSchedules().get(name);
      conditions.add(
          missed == null
              ? Condition.of(ConditionType.SNAPSHOTS_MISSED, false, "OnSchedule", "")
              : Condition.of(ConditionType.SNAPSHOTS_MISSED, true, "Missed", missed));
    }
    return new StatusSnapshot.VolumeStatus(v, f.commits(), conditions, lastError);
  }

  private static Condition drifted(List<DriftItem> drift) {
    if (drift.isEmpty()) {
      return Condition.of(ConditionType.DRIFTED, false, "InSync", "");
    }
    String kinds =
        drift.stream()
            .map(d -> camel(d.driftClass().name()))
            .distinct()
            .sorted()
            .collect(Collectors.joining(","));
    String msg =
        drift.stream()
            .map(d -> d.key() + ": " + d.detail())
            .sorted()
            .collect(Collectors.joining("; "));
    return Condition.of(ConditionType.DRIFTED, true, kinds, msg);
  }

  private static StatusSnapshot.ReconcilerStatus reconciler(
      CycleFacts f, List<StatusSnapshot.VolumeStatus> volumes) {
    List<Condition> c = new ArrayList<>();
    boolean invalid = !f.validationErrors().isEmpty();
    boolean failed = !f.failedVolumes().isEmpty() || f.lastError() != null;
    if (invalid) {
      c.add(
          Condition.of(
              ConditionType.STALLED,
              true,
              "InvalidCommit",
              "commit "
                  + f.commits().lastAttemptedCommit()
                  + " not applied; last good commit "
                  + f.commits().lastAppliedCommit()
                  + " stays in force: "
                  + String.join("; ", f.validationErrors())));
    } else if (f.guardRefusal() != null) {
      c.add(Condition.of(ConditionType.STALLED, true, "GuardRefused", f.guardRefusal()));
    } else if (failed) {
      String msg =
          f.lastError() != null
              ? f.lastError()
              : f.failedVolumes().size() + " volume(s) failed: " + f.failedVolumes().keySet();
      c.add(Condition.of(ConditionType.STALLED, true, "CycleFailed", msg));
    } else if (!f.refusedVolumes().isEmpty()) {
      // A refused volume is not reconciled: the repository is not in sync with its commit.
      c.add(
          Condition.of(
              ConditionType.STALLED,
              true,
              "Refused",
              f.refusedVolumes().size() + " volume(s) refused: " + f.refusedVolumes().keySet()));
    } else {
      c.add(Condition.of(ConditionType.STALLED, false, "AsExpected", ""));
    }
    int pending = f.pendingVolumes().values().stream().mapToInt(Integer::intValue).sum();
    c.add(
        pending > 0
            ? Condition.of(
                ConditionType.RECONCILING,
                true,
                "ChangesPending",
                pending + " change(s) pending: " + f.pendingReason())
            : Condition.of(ConditionType.RECONCILING, false, "Idle", ""));
    c.add(drifted(f.drift().objects()));
    // The repository is never Ready while one of its volumes is not (an Inconsistent replica
    // set planned nothing and still is not in sync with the commit).
    List<String> notReady =
        volumes.stream()
            .filter(
                v ->
                    v.conditions().stream()
                        .anyMatch(
                            x ->
                                x.type() == ConditionType.READY
                                    && x.status() != Condition.Status.TRUE))
            .map(v -> v.facts().name())
            .toList();
    boolean ready =
        !invalid
            && !failed
            && f.guardRefusal() == null
            && f.refusedVolumes().isEmpty()
            && pending == 0
            && notReady.isEmpty();
    c.add(
        Condition.of(
            ConditionType.READY,
            ready,
            ready ? "Synced" : "NotSynced",
            ready
                ? "cluster matches commit " + f.commits().lastAppliedCommit()
                : notReady.isEmpty() ? "" : "volume(s) not ready: " + notReady));
    return new StatusSnapshot.ReconcilerStatus(f.commits(), c, f.validationErrors(), f.lastError());
  }

  private static String camel(String enumName) {
    StringBuilder b = new StringBuilder();
    for (String part : enumName.split("_")) {
      b.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
    }
    return b.toString();
  }
}
