package io.strata.simulator;

import static io.strata.simulator.Sim.fixture;
import static io.strata.simulator.Sim.json;
import static io.strata.simulator.Sim.keys;
import static io.strata.simulator.Sim.ok;
import static io.strata.simulator.Sim.run;
import static io.strata.simulator.Sim.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.simulator.state.SimSeed;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class NvmeSimTest {
  private final SimulatedCluster cluster =
      SimulatedCluster.inMemory(SimSeed.standardFor("alpha", "gamma"));
  private final Host alpha = cluster.host("alpha");
  private final Host gamma = cluster.host("gamma");
  private static final String NQN = "nqn.2014-08.io.strata:pg";
  private static final String S = "/sys/kernel/config/nvmet/subsystems/" + NQN;
  private static final String P = "/sys/kernel/config/nvmet/ports/1";

  private String gammaNqn() {
    return new String(
            gamma.readFile(Path.of("/etc/nvme/hostnqn")).orElseThrow(), StandardCharsets.UTF_8)
        .strip();
  }

  private void export(boolean viaLn) {
    ok(alpha, "lvcreate", "-L", "80m", "-n", "pg_00000", "vg0");
    write(alpha, S + "/attr_allow_any_host", "0");
    write(alpha, S + "/namespaces/1/device_path", "/dev/vg0/pg_00000");
    write(alpha, S + "/namespaces/1/enable", "1");
    write(alpha, S + "/allowed_hosts/" + gammaNqn(), "");
    write(alpha, P + "/addr_trtype", "tcp");
    write(alpha, P + "/addr_adrfam", "ipv4");
    write(alpha, P + "/addr_traddr", "10.0.0.1");
    write(alpha, P + "/addr_trsvcid", "4420");
    if (viaLn) {
      ok(alpha, "ln", "-s", S, P + "/subsystems/" + NQN);
    } else {
      write(alpha, P + "/subsystems/" + NQN, "");
    }
  }

  private Result connect(Host h) {
    String hostid =
        new String(h.readFile(Path.of("/etc/nvme/hostid")).orElseThrow(), StandardCharsets.UTF_8)
            .strip();
    return run(
        h,
        "nvme",
        "connect",
        "-t",
        "tcp",
        "-a",
        "10.0.0.1",
        "-s",
        "4420",
        "-n",
        NQN,
        "--hostnqn",
        gammaNqn(),
        "--hostid",
        hostid);
  }

  @Test
  void exportConnectListDisconnect() {
    export(true);
    assertEquals(List.of(NQN), alpha.list(Path.of("/sys/kernel/config/nvmet/subsystems")));
    assertTrue(
        alpha
            .list(Path.of(S))
            .containsAll(List.of("allowed_hosts", "attr_allow_any_host", "namespaces")));
    assertEquals(
        "1\n", new String(alpha.readFile(Path.of(S + "/namespaces/1/enable")).orElseThrow()));
    assertEquals(List.of(NQN), alpha.list(Path.of(P + "/subsystems")));
    ok(gamma, "nvme", "connect", "-t", "tcp", "-a", "10.0.0.1", "-s", "4420", "-n", NQN);
    assertEquals(114, connect(gamma).exitCode());
    JsonNode subsys = json(ok(gamma, "nvme", "list-subsys", "-o", "json").out());
    JsonNode real = json(fixture("vm-nvme-list-subsys-json.out"));
    assertEquals(keys(real.get(0)), keys(subsys.get(0)));
    assertEquals(
        keys(real.get(0).get("Subsystems").get(0)), keys(subsys.get(0).get("Subsystems").get(0)));
    JsonNode path = subsys.get(0).get("Subsystems").get(0).get("Paths").get(0);
    assertEquals(keys(real.get(0).get("Subsystems").get(0).get("Paths").get(0)), keys(path));
    assertEquals("traddr=10.0.0.1,trsvcid=4420", path.get("Address").asString());
    assertEquals("live", path.get("State").asString());
    assertEquals(
        Long.toString(80L << 20) + "\n",
        ok(gamma, "blockdev", "--getsize64", "/dev/nvme0n1").out());
    JsonNode list = json(ok(gamma, "nvme", "list", "-o", "json").out()).get("Devices").get(0);
    assertEquals(keys(json(fixture("vm-nvme-list-json.out")).get("Devices").get(0)), keys(list));
    String ctl = "/sys/devices/virtual/nvme-fabrics/ctl";
    assertEquals(List.of("nvme0"), gamma.list(Path.of(ctl)));
    assertEquals(
        NQN + "\n", new String(gamma.readFile(Path.of(ctl + "/nvme0/subsysnqn")).orElseThrow()));
    assertTrue(gamma.list(Path.of(ctl + "/nvme0")).contains("nvme0n1"));
    assertEquals(
        "1\n", new String(gamma.readFile(Path.of(ctl + "/nvme0/nvme0n1/nsid")).orElseThrow()));
    assertEquals(List.of("nvme-subsys0"), gamma.list(Path.of("/sys/class/nvme-subsystem")));
    assertTrue(gamma.list(Path.of("/sys/class/nvme-subsystem/nvme-subsys0")).contains("nvme0n1"));
    assertEquals(5, run(alpha, "lvremove", "-y", "vg0/pg_00000").exitCode());
    assertEquals(
        "NQN:" + NQN + " disconnected 1 controller(s)\n",
        ok(gamma, "nvme", "disconnect", "-n", NQN).out());
  }

  @Test
  void connectNeedsAnExportThatAllowsTheHost() {
    Result refused = connect(gamma);
    assertEquals(1, refused.exitCode());
    assertTrue(refused.err().contains("Connection refused"));
    export(false);
    Result denied =
        run(
            alpha,
            "nvme",
            "connect",
            "-t",
            "tcp",
            "-a",
            "10.0.0.1",
            "-s",
            "4420",
            "-n",
            NQN,
            "--hostnqn",
            "nqn.2014-08.org.nvmexpress:uuid:someone-else");
    assertEquals(1, denied.exitCode());
    assertTrue(denied.err().contains("Input/output error"));
    assertEquals(0, connect(gamma).exitCode());
  }

  @Test
  void configfsRulesOfTheKernel() {
    export(true);
    assertThrows(
        UncheckedIOException.class,
        () -> write(alpha, S + "/namespaces/1/device_path", "/dev/other"));
    assertThrows(UncheckedIOException.class, () -> write(alpha, P + "/addr_trsvcid", "4421"));
    assertThrows(UncheckedIOException.class, () -> write(alpha, S + "/attr_allow_any_host", "1"));
    Result linked = run(alpha, "rmdir", S);
    assertEquals(1, linked.exitCode());
    assertTrue(linked.err().contains("Device or resource busy"), linked.err());
    assertEquals(1, run(alpha, "ln", "-s", S, P + "/subsystems/" + NQN).exitCode());
    ok(alpha, "rm", P + "/subsystems/" + NQN);
    ok(alpha, "rmdir", P);
    Result notEmpty = run(alpha, "rmdir", S);
    assertTrue(notEmpty.err().contains("Directory not empty"), notEmpty.err());
    ok(alpha, "rm", S + "/allowed_hosts/" + gammaNqn());
    write(alpha, S + "/namespaces/1/enable", "0");
    ok(alpha, "rmdir", S + "/namespaces/1");
    ok(alpha, "rmdir", S);
    assertEquals(List.of(), alpha.list(Path.of("/sys/kernel/config/nvmet/subsystems")));
    ok(alpha, "lvremove", "-y", "vg0/pg_00000");
  }

  private String read(Host h, String path) {
    return new String(h.readFile(Path.of(path)).orElseThrow(), StandardCharsets.UTF_8).strip();
  }

  private List<String> disks() {
    return gamma.list(Path.of("/sys/devices/virtual/nvme-subsystem/nvme-subsys0")).stream()
        .filter(e -> e.matches("nvme[0-9]+n[0-9]+"))
        .toList();
  }

  /** Re-creates namespace 1 while the port is unlinked, with {@code uuid} if not null. */
  private void reexport(String uuid) {
    ok(alpha, "rm", P + "/subsystems/" + NQN);
    write(alpha, S + "/namespaces/1/enable", "0");
    ok(alpha, "rmdir", S + "/namespaces/1");
    ok(alpha, "mkdir", "-p", S + "/namespaces/1");
    if (uuid != null) {
      write(alpha, S + "/namespaces/1/device_uuid", uuid);
    }
    write(alpha, S + "/namespaces/1/device_path", "/dev/vg0/pg_00000");
    write(alpha, S + "/namespaces/1/enable", "1");
    ok(alpha, "ln", "-s", S, P + "/subsystems/" + NQN);
  }

  /**
   * What the lab's kernels showed (decision 032): a new namespace has a random device_uuid, which
   * can only be written while disabled; a re-export under another one is dropped by the connected
   * initiator although its path is live, until a rescan; under the same one the device stays.
   */
  @Test
  void aReexportedNamespaceKeepsItsDeviceOnlyWithTheSameIdentity() {
    export(true);
    String first = read(alpha, S + "/namespaces/1/device_uuid");
    assertTrue(
        first.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), first);
    assertTrue(
        assertThrows(
                UncheckedIOException.class,
                () -> write(alpha, S + "/namespaces/1/device_uuid", first))
            .getMessage()
            .contains("busy"));
    ok(gamma, "nvme", "connect", "-t", "tcp", "-a", "10.0.0.1", "-s", "4420", "-n", NQN);
    assertEquals(List.of("nvme0n1"), disks());

    reexport(first.toUpperCase(java.util.Locale.ROOT)); // the kernel reads either case
    assertEquals(first, read(alpha, S + "/namespaces/1/device_uuid"));
    assertEquals(List.of("nvme0n1"), disks(), "the same identity: the device stays");
    ok(gamma, "blockdev", "--getsize64", "/dev/nvme0n1");

    reexport(null);
    String second = read(alpha, S + "/namespaces/1/device_uuid");
    assertTrue(!second.equals(first), "mkdir gives a new random identity");
    assertEquals(List.of(), disks(), "identifiers changed: the namespace is dropped");
    assertEquals("live", read(gamma, "/sys/class/nvme/nvme0/state"), "while its path stays live");
    assertTrue(!run(gamma, "blockdev", "--getsize64", "/dev/nvme0n1").success());

    ok(gamma, "nvme", "ns-rescan", "/dev/nvme0");
    assertEquals(List.of("nvme0n1"), disks(), "a rescan adds it back");
    ok(gamma, "blockdev", "--getsize64", "/dev/nvme0n1");

    write(alpha, S + "/namespaces/1/enable", "0");
    assertTrue(
        assertThrows(
                UncheckedIOException.class,
                () -> write(alpha, S + "/namespaces/1/device_uuid", "xyz"))
            .getMessage()
            .contains("Invalid argument"));
  }
}
