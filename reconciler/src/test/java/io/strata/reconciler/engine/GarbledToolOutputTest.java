package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.planner.fingerprint.Fingerprint;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Plan;
import io.strata.simulator.Faults;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: when a tool on a node answers with something its parser does not understand —
 * truncated, garbled, or the shape of another version — that node is unknown, with the tool named
 * in the reason, and nothing is planned from it: no change on it and no deletion anywhere. Once the
 * tool answers normally again the cluster is in sync, untouched. The parsers' own refusals are
 * fuzzed in the executors module ({@code ToolOutputFuzzProperties}).
 */
class GarbledToolOutputTest {
  @TempDir Path tmp;

  /** A probe (argv prefix), the damaged answer, and the tool name the reason must carry. */
  record Garble(List<String> prefix, String stdout, String tool) {}

  static final List<String> FULLREPORT = List.of("lvm", "fullreport");

  static final List<Garble> GARBLES =
      List.of(
          new Garble(FULLREPORT, "{\"report\": [{\"lv\": [{\"lv_name\":\"rep_0", "lvm fullreport"),
          new Garble(FULLREPORT, "{\"report\": 5}", "lvm fullreport"),
          new Garble(FULLREPORT, "{\"report\":[{\"vg\":[{\"vg_name\":[]}]}]}", "lvm fullreport"),
          new Garble(
              FULLREPORT,
              "{\"report\":[{\"vg\":[{\"vg_name\":\"vg0\",\"vg_size\":\"100.00g\"}]}]}",
              "lvm fullreport"),
          new Garble(
              FULLREPORT, "{\"report\":[{\"pv\":[{\"vg_name\":\"vg0\"}]}]}", "lvm fullreport"),
          new Garble(List.of("zfs", "list"), "tank/zv_00000\t21474836480\n", "zfs"),
          new Garble(List.of("zpool", "list"), "tank\tbig\t100\n", "zpool"),
          new Garble(List.of("drbdsetup", "status"), "[{\"name\": \"rep\", \"devi", "drbdsetup"),
          new Garble(List.of("drbdsetup", "status"), "[{\"role\": \"Secondary\"}]", "drbdsetup"),
          new Garble(List.of("nvme", "list-subsys"), "[{\"Subsystems\":[{\"NQN\": {}}]}]", "nvme"),
          // cryptsetup status runs only for a mapping new to the observer (decision 025), so not
          // here after the first plan: LuksExecutorTest garbles it
          new Garble(
              List.of("dmsetup", "table"),
              "strata-rep_00000: 0 lots crypt aes-xts-plain64 :64:logon:k 0 253:1024 32768\n",
              "dmsetup"));

  @Test
  void aNodeWhoseToolAnswersGarbageIsUnknownAndNothingIsPlannedFromIt() {
    Cluster cluster =
        new Cluster(tmp)
            .write("cluster.yaml", Cluster.NODES_AND_POOLS)
            .write(
                "rep.yaml",
                Cluster.templateAndVolume("rep", "drbd, luks, storage", "thick", 3, "4 GiB", ""))
            .write(
                "zv.yaml",
                Cluster.templateAndVolume("zv", "nvme, storage", "zfs", 1, "2 GiB", "alpha")
                    .replace("pools: [zfs]", "pools: [zfs], nodes: [beta]"));
    try (Engine e = cluster.engine()) {
      Engine.Desired d = e.desired(null, null);
      e.apply(e.planFor(d, false, false).plan(), d);
      assertTrue(e.planFor(d, false, false).plan().isEmpty(), "converged before the faults");
      Faults faults = e.simulation().cluster().faults();
      for (Garble g : GARBLES) {
        faults.clear();
        faults.answerAlways("beta", g.prefix(), g.stdout());
        Engine.Planned planned = e.planFor(d, false, false);
        String reason = planned.observation().state().unreachable().get("beta");
        assertTrue(reason != null, g + ": beta is unknown");
        assertTrue(reason.contains(g.tool()), g + ": the reason names the tool: " + reason);
        Plan p = planned.plan();
        assertTrue(
            p.changes().stream().noneMatch(c -> c.node().equals("beta")),
            g + ": nothing planned on beta: " + p.changes());
        assertTrue(
            p.changes().stream().noneMatch(c -> c.action() == Action.DELETE),
            g + ": nothing deleted anywhere: " + p.changes());
      }
      faults.clear();
      assertTrue(e.planFor(d, false, false).plan().isEmpty(), "in sync again, nothing touched");
      assertEquals(List.of(), e.simulation().dataLoss());
    }
  }

  /**
   * LVM writes its whole report and then exits non-zero (a VG it could only partly read). The
   * report is read before the exit (decision 045), but the plan and the drift report are made from
   * what stood: the node is unknown with LVM's exit and message, exactly as when the failure came
   * first.
   */
  @Test
  void aReportWhoseToolFailedAfterItMakesTheNodeUnknown() {
    Cluster cluster =
        new Cluster(tmp)
            .write("cluster.yaml", Cluster.NODES_AND_POOLS)
            .write(
                "rep.yaml",
                Cluster.templateAndVolume("rep", "drbd, luks, storage", "thick", 3, "4 GiB", ""));
    try (Engine e = cluster.engine()) {
      Engine.Desired d = e.desired(null, null);
      e.apply(e.planFor(d, false, false).plan(), d);
      Faults faults = e.simulation().cluster().faults();
      faults.failAfterAnswer("beta", FULLREPORT, 5, "  Couldn't find device with uuid x.\n");
      Engine.Planned planned = e.planFor(d, false, false);
      String reason = planned.observation().state().unreachable().get("beta");
      assertTrue(reason != null && reason.contains("lvm fullreport"), "beta unknown: " + reason);
      assertTrue(reason.contains("exited 5: Couldn't find device with uuid x."), reason);
      assertTrue(
          planned.plan().changes().stream().noneMatch(c -> c.node().equals("beta")),
          "nothing planned on beta: " + planned.plan().changes());
      assertEquals(
          Fingerprint.of(planned.observation().state()),
          planned.observation().fingerprint(),
          "the plan's fingerprint is the state that stood");
      assertTrue(
          e.drift(d).items().stream()
              .anyMatch(i -> "beta".equals(i.node()) && i.detail().contains("exited 5")),
          "drift tells of the unknown node: " + e.drift(d).items());
      faults.clear();
      assertTrue(e.planFor(d, false, false).plan().isEmpty(), "in sync again, nothing touched");
      assertEquals(List.of(), e.simulation().dataLoss());
    }
  }
}
