package io.strata.reconciler.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strata.reconciler.drift.DriftClass;
import io.strata.reconciler.drift.DriftItem;
import io.strata.reconciler.schedule.Backoff;
import io.strata.reconciler.status.Condition;
import io.strata.reconciler.status.ConditionType;
import io.strata.reconciler.status.ReplicationState;
import io.strata.reconciler.status.StatusModel;
import io.strata.reconciler.status.StatusSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StatusComposerTest {
  static final StatusSnapshot.Commits C = new StatusSnapshot.Commits("c2", "c1", "c2");

  static StatusModel.VolumeFacts vol(String name, boolean ready, ReplicationState s, Double pct) {
    return new StatusModel.VolumeFacts(
        name,
        ready,
        ready ? "" : "replica missing",
        1L << 30,
        1L << 30,
        List.of(new StatusModel.ReplicaFacts("alpha", true, "vg0", "/dev/drbd1000", s, pct)));
  }

  static CycleFacts facts(
      List<StatusModel.VolumeFacts> vols,
      Map<String, Integer> pending,
      Map<String, String> failed,
      Map<String, Backoff.Entry> backoff,
      List<String> invalid,
      DriftReport drift) {
    return new CycleFacts(
        C,
        new StatusModel(vols, List.of()),
        pending,
        "mode: plan-only",
        failed,
        backoff,
        Map.of(),
        invalid,
        null,
        null,
        drift,
        "{}",
        "",
        Set.of(),
        Map.of());
  }

  static Map<ConditionType, Condition> conditions(StatusSnapshot.VolumeStatus v) {
    return v.conditions().stream().collect(Collectors.toMap(Condition::type, c -> c));
  }

  @Test
  void eachVolumeGetsTheFourConditions() {
    DriftReport drift =
        new DriftReport(
            List.of(
                new DriftItem(
                    "d", "alpha", "drbd", DriftClass.DEGRADED, "d", "peer beta disconnected")));
    StatusSnapshot s =
        StatusComposer.compose(
            facts(
                List.of(
                    vol("a", true, ReplicationState.UP_TO_DATE, null),
                    vol("b", true, ReplicationState.SYNC_TARGET, 42.0),
                    vol("c", true, ReplicationState.UP_TO_DATE, null),
                    vol("d", true, ReplicationState.UP_TO_DATE, null),
                    vol("e", true, ReplicationState.UP_TO_DATE, null),
                    vol("f", false, ReplicationState.UNKNOWN, null)),
                Map.of("c", 2),
                Map.of("e", "e/alpha/storage: lvcreate failed"),
                Map.of(),
                List.of(),
                drift));
    var a = conditions(s.volumes().get(0));
    assertEquals(Condition.Status.TRUE, a.get(ConditionType.READY).status());
    assertEquals(Condition.Status.FALSE, a.get(ConditionType.STALLED).status());
    var b = conditions(s.volumes().get(1));
    assertEquals("Resyncing", b.get(ConditionType.RECONCILING).reason());
    assertEquals("alpha: SyncTarget 42.0%", b.get(ConditionType.RECONCILING).message());
    assertEquals(Condition.Status.FALSE, b.get(ConditionType.READY).status());
    var c = conditions(s.volumes().get(2));
    assertEquals("ChangesPending", c.get(ConditionType.RECONCILING).reason());
    var d = conditions(s.volumes().get(3));
    assertEquals(Condition.Status.TRUE, d.get(ConditionType.DRIFTED).status());
    assertEquals("Degraded", d.get(ConditionType.DRIFTED).reason());
    var e = conditions(s.volumes().get(4));
    assertEquals("ApplyFailed", e.get(ConditionType.STALLED).reason());
    assertEquals("e/alpha/storage: lvcreate failed", s.volumes().get(4).lastError());
    assertEquals("Stalled", e.get(ConditionType.READY).reason());
    var f = conditions(s.volumes().get(5));
    assertEquals("NotReady", f.get(ConditionType.READY).reason());
    assertEquals("replica missing", f.get(ConditionType.READY).message());
  }

  @Test
  void backingOffAndInvalidCommitsAreStalled() {
    Backoff.Entry entry = new Backoff.Entry(3, Instant.parse("2026-11-24T07:00:00Z"), "boom");
    StatusSnapshot s =
        StatusComposer.compose(
            facts(
                List.of(vol("a", true, ReplicationState.UP_TO_DATE, null)),
                Map.of(),
                Map.of(),
                Map.of("a", entry),
                List.of("volumes/a.yaml:3:7: size must be a number"),
                DriftReport.none()));
    Condition stalled = conditions(s.volumes().get(0)).get(ConditionType.STALLED);
    assertEquals("BackingOff", stalled.reason());
    assertEquals(
        "backing off after 3 failure(s) until 2026-11-24T07:00:00Z: boom", stalled.message());
    Condition rec =
        s.reconciler().conditions().stream()
            .filter(c -> c.type() == ConditionType.STALLED)
            .findFirst()
            .orElseThrow();
    assertEquals("InvalidCommit", rec.reason());
    assertEquals(
        "commit c2 not applied; last good commit c1 stays in force:"
            + " volumes/a.yaml:3:7: size must be a number",
        rec.message());
    assertEquals(
        List.of("volumes/a.yaml:3:7: size must be a number"), s.reconciler().validationErrors());
  }

  @Test
  void aRefusedVolumeKeepsTheRepositoryFromBeingReady() {
    CycleFacts f =
        new CycleFacts(
            C,
            new StatusModel(
                List.of(vol("pg", false, ReplicationState.NOT_REPLICATED, null)), List.of()),
            Map.of(),
            "",
            Map.of(),
            Map.of(),
            Map.of("pg", "would create DRBD metadata on vg0/pg_00000, which may hold data"),
            List.of(),
            null,
            null,
            new DriftReport(List.of()),
            "{}",
            "",
            Set.of(),
            Map.of());
    StatusSnapshot s = StatusComposer.compose(f);
    Map<ConditionType, Condition> rec =
        s.reconciler().conditions().stream().collect(Collectors.toMap(Condition::type, c -> c));
    assertEquals(Condition.Status.FALSE, rec.get(ConditionType.READY).status());
    assertEquals(Condition.Status.TRUE, rec.get(ConditionType.STALLED).status());
    assertEquals("Refused", rec.get(ConditionType.STALLED).reason());
  }
}
