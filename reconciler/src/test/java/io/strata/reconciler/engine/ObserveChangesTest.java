package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.strata.planner.index.ObservedIndex;
import io.strata.planner.observed.ObservedState;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.Plan;
import io.strata.reconciler.daemon.CycleObservation;
import io.strata.reconciler.daemon.PlanOutcome;
import io.strata.reconciler.daemon.PlanRequest;
import io.strata.reconciler.daemon.Validation;
import io.strata.schema.model.DesiredState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decision 040: a new commit's cycle probes what the commit touches and answers the other nodes
 * from the last observation; what it probed reads as a full observation would, and every change of
 * the plan runs on a node probed in that cycle.
 */
class ObserveChangesTest {
  @TempDir Path tmp;

  private Cluster c;
  private Engine e;
  private EngineCycleSteps steps;

  @AfterEach
  void close() {
    if (e != null) {
      e.close();
    }
  }

  private DesiredState commit(String id) {
    return ((Validation.Valid<DesiredState>) steps.validate(id, c.files())).desired();
  }

  /** Three nodes, volume a (one thick LV) and m (DRBD, two replicas), converged. */
  private CycleObservation<ObservedState> converged() {
    c =
        new Cluster(tmp)
            .write("cluster.yaml", Cluster.NODES_AND_POOLS)
            .write("a.yaml", Cluster.templateAndVolume("a", "storage", "thick", 1, "1 GiB", ""))
            .write(
                "m.yaml", Cluster.templateAndVolume("m", "drbd, storage", "thin", 2, "1 GiB", ""));
    e = c.engine();
    steps = new EngineCycleSteps(e);
    commit("c1");
    CycleObservation<ObservedState> first = steps.observe();
    steps.apply(outcome(first));
    CycleObservation<ObservedState> done = steps.reobserve(first);
    assertEquals(List.of(), outcome(done).plan().changes());
    return done;
  }

  @Test
  void growingAVolumeProbesTheNodesHoldingItOnly() {
    CycleObservation<ObservedState> last = converged();
    String aNode = ObservedIndex.of(last.state()).nodes("a").first();

    CycleObservation<ObservedState> seen =
        observeChange(
            "a.yaml",
            Cluster.templateAndVolume("a", "storage", "thick", 1, "2 GiB", ""),
            Set.of(aNode));
    assertEquals(full().nodes().get(aNode), seen.state().nodes().get(aNode));
    PlanOutcome grow = outcome(seen);
    assertEquals(Set.of(aNode), nodes(grow.plan()));
    assertNull(steps.widen(seen, grow), "the plan acts on probed nodes only");
  }

  @Test
  void aNewVolumeIsPlacedOnNodesProbedInThisCycle() {
    converged();
    // a volume of a template already there (nodes, pools and templates are unchanged); nothing
    // held b and it names no node: the commit's look probes nothing
    CycleObservation<ObservedState> seen =
        observeChange(
            "b.yaml",
            "apiVersion: strata.io/v1\nkind: Volume\nmetadata: {name: b}\n"
                + "spec: {size: 1 GiB, template: a-t}\n",
            Set.of());
    List<CycleObservation<ObservedState>> got = new ArrayList<>();
    // the plan placed it; widen probes the node it placed it on, and only that
    PlanOutcome first = outcome(seen);
    Set<String> placed = nodes(first.plan());
    assertEquals(1, placed.size(), placed.toString());
    assertEquals(placed, probedBy(() -> got.add(steps.widen(seen, first))));
    CycleObservation<ObservedState> wider = got.get(0);
    ObservedState full = full();
    placed.forEach(n -> assertEquals(full.nodes().get(n), wider.state().nodes().get(n), n));
    // the plan of the wider observation needs nothing more
    assertEquals(placed, nodes(outcome(wider).plan()));
    assertNull(steps.widen(wider, outcome(wider)));
  }

  @Test
  void aChangedTemplateObservesEveryNode() {
    CycleObservation<ObservedState> last = converged();
    CycleObservation<ObservedState> seen =
        observeChange(
            "a.yaml",
            Cluster.templateAndVolume("a", "storage", "thin", 1, "1 GiB", ""),
            last.state().nodes().keySet());
    assertNull(steps.widen(seen, outcome(seen)), "everything was observed");
  }

  /**
   * The cycle plans again after widening, at the same instant: the snapshot due the first time is
   * due the second time too, not reported missed as if the first plan had failed to take it.
   */
  @Test
  void aPlanMadeAgainInTheSameCycleKeepsItsSnapshotDecision() {
    converged();
    c.write(
        "a.yaml",
        Cluster.templateAndVolume("a", "storage", "thick", 1, "1 GiB", "")
            .replace(
                "access: []}", "access: [], snapshots: {schedule: \"0 0 * * * ?\", keep: 2}}"));
    DesiredState desired = commit("c2");
    CycleObservation<ObservedState> seen = steps.observe();
    Instant now = Instant.parse("2026-12-07T10:00:30Z");
    Instant since = Instant.parse("2026-12-07T09:59:00Z"); // running since before the 10:00 fire
    PlanRequest<DesiredState, ObservedState> request =
        new PlanRequest<>("c2", desired, seen, true, Set.of(), now, since);
    PlanOutcome first = steps.plan(request);
    PlanOutcome again = steps.plan(request);
    assertEquals(1, nodes(first.plan()).size(), first.plan().changes().toString());
    assertEquals(first.plan(), again.plan());
    assertEquals(Map.of(), again.missed());
  }

  /**
   * Commits {@code file} with {@code yaml} on top of the converged commit, has the steps observe
   * the change, asserts it probed exactly {@code probed} and answers the observation.
   */
  private CycleObservation<ObservedState> observeChange(
      String file, String yaml, Set<String> probed) {
    DesiredState before = commit("c1");
    c.write(file, yaml);
    DesiredState after = commit("c2");
    List<CycleObservation<ObservedState>> got = new ArrayList<>();
    assertEquals(probed, probedBy(() -> got.add(steps.observeChanges(before, after))));
    return got.get(0);
  }

  /** Runs {@code look} and answers the nodes it sent a command to, from the command log. */
  private Set<String> probedBy(Runnable look) {
    e.simulation().cluster().clearCommandLog();
    look.run();
    Set<String> out = new TreeSet<>();
    for (String node : List.of("alpha", "beta", "gamma")) {
      if (!e.simulation().cluster().commandLog(node).isEmpty()) {
        out.add(node);
      }
    }
    return out;
  }

  private ObservedState full() {
    return e.observe(e.desired(null, null).state()).state();
  }

  private static Set<String> nodes(Plan plan) {
    Set<String> out = new TreeSet<>();
    plan.changes().stream().map(Change::node).forEach(out::add);
    return out;
  }

  private PlanOutcome outcome(CycleObservation<ObservedState> observed) {
    Engine.Desired d = e.desired(null, null);
    Plan p = e.plan(d, new Engine.Observation(observed.state(), ""), false);
    return new PlanOutcome(p, "", Set.of(), null);
  }
}
