package io.strata.reconciler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker itself: it accepts a faithful log and names each kind of difference. */
class PlanVersusLogTest {
  private static final String PLAN =
      """
      {"changes": [
        {"id": "v/a/storage", "node": "a", "dependsOn": [],
         "commands": [["lvs", "vg0"], ["lvcreate", "-n", "v", "vg0"]]},
        {"id": "v/a/drbd", "node": "a", "dependsOn": ["v/a/storage"],
         "commands": [["write", "/etc/drbd.d/v.res", "…"], ["drbdadm", "adjust", "v"]]},
        {"id": "v/b/nvme", "node": "b", "dependsOn": [],
         "commands": [["read", "/etc/nvme/hostnqn"], ["nvme", "connect", "--hostnqn", "<hostnqn>"]]}
      ]}
      """;

  private static String cmd(int seq, String node, String... argv) {
    return "{\"seq\":%d,\"node\":\"%s\",\"argv\":[%s],\"exit\":0}"
        .formatted(
            seq, node, String.join(",", List.of(argv).stream().map(a -> "\"" + a + "\"").toList()));
  }

  private static String write(int seq, String node, String path) {
    return "{\"seq\":%d,\"node\":\"%s\",\"write\":\"%s\"}".formatted(seq, node, path);
  }

  @Test
  void aFaithfulLogWithProbesAndInterleavedNodesPasses() {
    List<String> log =
        List.of(
            cmd(1, "a", "lvs", "vg0"),
            cmd(2, "b", "nvme", "connect", "--hostnqn", "nqn.x"),
            cmd(3, "a", "lvcreate", "-n", "v", "vg0"),
            cmd(4, "a", "drbdsetup", "status", "v"),
            write(5, "a", "/etc/drbd.d/v.res"),
            cmd(6, "a", "drbdadm", "adjust", "v"));
    assertEquals(4, PlanVersusLog.check(PLAN, log));
  }

  @Test
  void aDependantBeforeItsDependencyFails() {
    List<String> log =
        List.of(
            write(1, "a", "/etc/drbd.d/v.res"),
            cmd(2, "a", "lvcreate", "-n", "v", "vg0"),
            cmd(3, "a", "drbdadm", "adjust", "v"),
            cmd(4, "b", "nvme", "connect", "--hostnqn", "nqn.x"));
    AssertionError e = assertThrows(AssertionError.class, () -> PlanVersusLog.check(PLAN, log));
    assertTrue(e.getMessage().contains("before a change it depends on"), e.getMessage());
  }

  @Test
  void anExtraOrAMissingCommandFails() {
    List<String> extra =
        List.of(
            cmd(1, "a", "lvcreate", "-n", "v", "vg0"),
            cmd(2, "a", "lvremove", "-y", "vg0/v"),
            write(3, "a", "/etc/drbd.d/v.res"),
            cmd(4, "a", "drbdadm", "adjust", "v"),
            cmd(5, "b", "nvme", "connect", "--hostnqn", "nqn.x"));
    assertThrows(AssertionError.class, () -> PlanVersusLog.check(PLAN, extra));
    List<String> missing =
        List.of(cmd(1, "a", "lvcreate", "-n", "v", "vg0"), write(2, "a", "/etc/drbd.d/v.res"));
    AssertionError e = assertThrows(AssertionError.class, () -> PlanVersusLog.check(PLAN, missing));
    assertTrue(e.getMessage().contains("never ran"), e.getMessage());
    assertTrue(e.getMessage().contains("nvme"), e.getMessage());
  }

  @Test
  void theSameCommandOnAnotherNodeIsNotTheCommand() {
    List<String> log =
        List.of(
            cmd(1, "b", "lvcreate", "-n", "v", "vg0"),
            write(2, "a", "/etc/drbd.d/v.res"),
            cmd(3, "a", "drbdadm", "adjust", "v"),
            cmd(4, "b", "nvme", "connect", "--hostnqn", "nqn.x"));
    assertThrows(AssertionError.class, () -> PlanVersusLog.check(PLAN, log));
  }
}
