package io.strata.executors.lvm;

import static io.strata.executors.layer.FakeHost.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.layer.FakeHost;
import io.strata.executors.layer.NodeInventory;
import io.strata.executors.layer.NodeStateBuilder;
import io.strata.schema.model.Layer;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * issue 9 item 1: LVM discovery must not read namespaces Strata's initiator imported (a dead target
 * blocks the read for ctrl_loss_tmo). Parsed from real nvme-cli 2.3 output of the lab VM.
 */
class ImportedNamespacesTest {
  /** The lab VM's list-subsys, its subsystem renamed into Strata's NQN space (same shape). */
  static String strataListSubsys() {
    return fixture("real-tools/vm-nvme-list-subsys-json.out")
        .replace("nqn.2024-01.io.example:kernlab", "nqn.2014-08.io.strata:pg-data");
  }

  static boolean rejected(List<String> patterns, String device) {
    return patterns.stream().anyMatch(p -> Pattern.compile(p).matcher(device).find());
  }

  @Test
  void anotherSubsystemIsTheHostsAndStaysVisible() {
    ImportedNamespaces i =
        ImportedNamespaces.fromListSubsys(
            fixture("real-tools/vm-nvme-list-subsys-json.out"), Boolean.TRUE);
    assertEquals(List.of(), i.rejectPatterns());
  }

  @Test
  void strataNamespacesAndTheirPartitionsAreRejectedByTheKernelsNaming() {
    ImportedNamespaces multipath =
        ImportedNamespaces.fromListSubsys(strataListSubsys(), Boolean.TRUE);
    assertEquals(List.of(0), multipath.subsystems());
    assertEquals(List.of(0), multipath.controllers());
    // the device nvme list printed in the same VM
    assertTrue(fixture("real-tools/vm-nvme-list-json.out").contains("\"/dev/nvme0n1\""));
    for (String dev :
        List.of("/dev/nvme0n1", "/dev/nvme0n1p1", "/dev/nvme0c0n1", "/dev/nvme0n12")) {
      assertTrue(rejected(multipath.rejectPatterns(), dev), dev);
    }
    for (String dev : List.of("/dev/nvme1n1", "/dev/nvme10n1", "/dev/nvme0", "/dev/sda")) {
      assertFalse(rejected(multipath.rejectPatterns(), dev), dev);
    }
    ImportedNamespaces perController =
        new ImportedNamespaces(List.of(3), List.of(1), Boolean.FALSE);
    assertTrue(rejected(perController.rejectPatterns(), "/dev/nvme1n1"));
    assertFalse(rejected(perController.rejectPatterns(), "/dev/nvme3n1"), "a local SSD");
    ImportedNamespaces unknown = new ImportedNamespaces(List.of(3), List.of(1), null);
    assertTrue(rejected(unknown.rejectPatterns(), "/dev/nvme1n1"));
    assertTrue(rejected(unknown.rejectPatterns(), "/dev/nvme3n1"));
  }

  @Test
  void discoveryConfigKeepsItsRejectsAndAddsTheImports() {
    String c =
        LvmCommands.discoveryConfig(new ImportedNamespaces(List.of(2), List.of(), Boolean.TRUE));
    assertTrue(c.startsWith(LvmCommands.DISCOVERY_CONFIG.replace(" ] }", "")), c);
    assertTrue(c.endsWith(", 'r|^/dev/nvme2n|', 'r|^/dev/nvme2c|' ] }"), c);
  }

  @Test
  void observeAsksNvmeFirstAndPvsRejectsTheImports() {
    FakeHost host = new FakeHost("beta");
    host.ok(List.of("nvme", "list-subsys"), strataListSubsys());
    host.file("/sys/module/nvme_core/parameters/multipath", "Y\n");
    host.ok(
        List.of("lvm", "fullreport"),
        "{\"report\":[{\"vg\":[{\"vg_name\":\"vg0\",\"vg_size\":\"1073741824\",\"vg_free\":"
            + "\"1000000000\",\"vg_extent_size\":\"4194304\"}],\"pv\":[{\"pv_name\":"
            + "\"/dev/sdb\",\"vg_name\":\"vg0\"}],\"lv\":[]}]}");
    new LvmExecutor()
        .observe(
            host,
            new NodeInventory(List.of("vg0"), List.of(), List.of(), Set.of(Layer.NVME)),
            new NodeStateBuilder("beta"));
    assertTrue(host.log.get(0).startsWith("nvme list-subsys"), host.log.toString());
    String pvs = host.log.get(1);
    assertTrue(pvs.startsWith("lvm fullreport --config"), pvs);
    assertTrue(pvs.contains("'r|^/dev/nvme0n|'"), pvs);

    // no template uses NVMe: nothing imported, nvme-cli may be absent and is not run
    FakeHost plain = new FakeHost("gamma");
    plain.ok(List.of("lvm", "fullreport"), "{\"report\":[]}");
    new LvmExecutor()
        .observe(
            plain,
            NodeInventory.storage(List.of("vg0"), List.of(), List.of()),
            new NodeStateBuilder("gamma"));
    assertEquals(1, plain.log.size(), plain.log.toString());
  }
}
