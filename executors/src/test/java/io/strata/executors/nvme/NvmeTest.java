package io.strata.executors.nvme;

import static io.strata.executors.layer.FakeHost.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Result;
import io.strata.executors.layer.ApplyOutcome;
import io.strata.executors.layer.FakeHost;
import io.strata.executors.layer.NodeInventory;
import io.strata.executors.layer.NodeStateBuilder;
import io.strata.planner.observed.NvmeConnection;
import io.strata.planner.observed.NvmeSubsystem;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.schema.model.Layer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NvmeTest {
  static final String NQN = "nqn.2014-08.io.strata:pg";
  static final ObjectSpec.NvmeExport EXPORT =
      new ObjectSpec.NvmeExport(
          NQN,
          1,
          "/dev/drbd1000",
          1,
          "tcp",
          "10.0.0.1",
          4420,
          List.of("nqn.2014-08.org.nvmexpress:uuid:gamma"));

  static Change change(Action a, ObjectSpec s) {
    return new Change("pg/alpha/nvme", a, Layer.NVME, "alpha", "pg", NQN, null, List.of(), "t", s);
  }

  /** A configfs-like fake: mkdir -p, ln -s, rm and rmdir change the tree. */
  static FakeHost configfs() {
    FakeHost h = new FakeHost("alpha");
    h.dirs.add(Nvmet.subsystems());
    h.dirs.add(Nvmet.ports());
    h.on(
        List.of("mkdir", "-p"),
        argv -> {
          for (Path p = Path.of(argv.get(2));
              p != null && p.startsWith(Nvmet.ROOT);
              p = p.getParent()) {
            h.dirs.add(p);
          }
          return Result.ok(argv, "");
        });
    h.on(
        List.of("ln", "-s"),
        argv -> {
          h.dirs.add(Path.of(argv.get(3)));
          return Result.ok(argv, "");
        });
    h.on(
        List.of("rm"),
        argv -> {
          h.dirs.remove(Path.of(argv.get(1)));
          return Result.ok(argv, "");
        });
    h.on(
        List.of("rmdir"),
        argv -> {
          Path d = Path.of(argv.get(1));
          h.dirs.removeIf(p -> p.startsWith(d));
          h.files.keySet().removeIf(p -> p.startsWith(d));
          return Result.ok(argv, "");
        });
    return h;
  }

  @Test
  void exportInKernelOrderThenObserveThenRemove() {
    FakeHost h = configfs();
    NvmeTargetExecutor t = new NvmeTargetExecutor();
    ApplyOutcome o = t.create(h, change(Action.CREATE, EXPORT));
    assertTrue(o.success(), o.describe());
    String s = "/sys/kernel/config/nvmet/subsystems/" + NQN;
    String p = "/sys/kernel/config/nvmet/ports/1";
    assertEquals(
        List.of(
            "mkdir -p " + s,
            "write " + s + "/attr_allow_any_host",
            "mkdir -p /sys/kernel/config/nvmet/hosts/nqn.2014-08.org.nvmexpress:uuid:gamma",
            "ln -s /sys/kernel/config/nvmet/hosts/nqn.2014-08.org.nvmexpress:uuid:gamma "
                + s
                + "/allowed_hosts/nqn.2014-08.org.nvmexpress:uuid:gamma",
            "mkdir -p " + s + "/namespaces/1",
            "write " + s + "/namespaces/1/device_uuid",
            "write " + s + "/namespaces/1/device_path",
            "write " + s + "/namespaces/1/enable",
            "mkdir -p " + p,
            "write " + p + "/addr_trtype",
            "write " + p + "/addr_adrfam",
            "write " + p + "/addr_traddr",
            "write " + p + "/addr_trsvcid",
            "ln -s " + s + " " + p + "/subsystems/" + NQN),
        h.log);
    assertEquals("0", h.file(s + "/attr_allow_any_host"));
    // the identity depends on the export alone: a re-created namespace keeps it (decision 032)
    assertEquals(Nvmet.namespaceUuid(NQN, 1), h.file(s + "/namespaces/1/device_uuid"));
    // pinned: a derivation that changed between versions would give every re-export after an
    // upgrade a new identity, and every initiator would drop its device (lab/scenario.sh
    // nvme_uuid computes the same value independently)
    assertEquals("b9bd0820-2518-3ca4-8d6d-2b1170d8701a", Nvmet.namespaceUuid(NQN, 1));
    assertNotEquals(Nvmet.namespaceUuid(NQN, 1), Nvmet.namespaceUuid(NQN + "x", 1));
    assertNotEquals(Nvmet.namespaceUuid(NQN, 1), Nvmet.namespaceUuid(NQN, 2));
    assertEquals("ipv4", h.file(p + "/addr_adrfam"));
    // the preview names the same operations, in the same order
    assertEquals(
        h.log.stream()
            .map(
                l ->
                    l.split(" ")[0]
                        + " "
                        + l.split(" ")[l.startsWith("ln") || l.startsWith("mkdir") ? 2 : 1])
            .toList(),
        t.createCommands(change(Action.CREATE, EXPORT)).stream()
            .map(
                c ->
                    c.argv().get(0)
                        + " "
                        + c.argv()
                            .get(
                                c.argv().get(0).equals("ln") || c.argv().get(0).equals("mkdir")
                                    ? 2
                                    : 1))
            .toList());

    h.log.clear();
    assertTrue(t.create(h, change(Action.CREATE, EXPORT)).success());
    assertEquals(List.of(), h.log, "a second pass changes nothing");

    NodeStateBuilder b = new NodeStateBuilder("alpha");
    t.observe(h, NodeInventory.all(List.of(), List.of(), List.of()), b);
    assertEquals(
        List.of(
            new NvmeSubsystem(
                NQN,
                List.of(new NvmeSubsystem.Namespace(1, "/dev/drbd1000", true, 0)),
                List.of(new NvmeSubsystem.Port(1, "tcp", "10.0.0.1", 4420)),
                List.of("nqn.2014-08.org.nvmexpress:uuid:gamma"),
                false)),
        b.build().nvmeSubsystems());

    assertTrue(t.delete(h, change(Action.DELETE, EXPORT)).success());
    assertEquals(List.of(), h.list(Nvmet.subsystems()));
    assertEquals(List.of(), h.list(Nvmet.ports()));
    assertTrue(t.delete(h, change(Action.DELETE, EXPORT)).success());
  }

  @Test
  void aPortInUseElsewhereIsNotReconfiguredAndForeignNqnsAreRefused() {
    FakeHost h = configfs();
    h.dirs.add(Nvmet.port(1));
    h.dirs.add(Nvmet.portSubsystems(1).resolve("nqn.other:x"));
    h.file(Nvmet.port(1).resolve("addr_traddr").toString(), "10.9.9.9\n");
    h.file(Nvmet.port(1).resolve("addr_trtype").toString(), "tcp\n");
    ApplyOutcome o = new NvmeTargetExecutor().create(h, change(Action.CREATE, EXPORT));
    assertInstanceOf(ApplyOutcome.Terminal.class, o);
    assertTrue(
        o.describe().contains("addr_adrfam") || o.describe().contains("addr_traddr"), o.describe());

    var foreign =
        new ObjectSpec.NvmeExport(
            "nqn.other:x", 1, "/dev/x", 1, "tcp", "10.0.0.1", 4420, List.of());
    assertInstanceOf(
        ApplyOutcome.Terminal.class,
        new NvmeTargetExecutor().delete(h, change(Action.DELETE, foreign)));
  }

  @Test
  void listSubsysFromTheVmAndNoTopology() {
    assertEquals(
        List.of(
            new NvmeConnection(
                "nqn.2024-01.io.example:kernlab",
                "tcp",
                "127.0.0.1",
                4420,
                "live",
                "/dev/nvme0n1")),
        NvmeParser.connections(fixture("real-tools/vm-nvme-list-subsys-json.out")));
    Result none =
        Result.failed(List.of("nvme"), 1, fixture("real-tools/nvme-list-subsys-json.err"));
    assertTrue(NvmeParser.noTopology(none));
  }

  @Test
  void connectUsesTheNodesIdentityAndIsIdempotent() {
    FakeHost h = new FakeHost("gamma");
    NvmeInitiatorExecutor i = new NvmeInitiatorExecutor();
    var attach = new ObjectSpec.NvmeAttach(NQN, "tcp", "10.0.0.1", 4420);
    Change c =
        new Change(
            "pg/gamma/nvme",
            Action.CONNECT,
            Layer.NVME,
            "gamma",
            "pg",
            NQN,
            null,
            List.of(),
            "t",
            attach);
    assertInstanceOf(ApplyOutcome.Terminal.class, i.connect(h, c)); // no /etc/nvme/hostnqn yet

    h.file("/etc/nvme/hostnqn", "nqn.2014-08.org.nvmexpress:uuid:gamma\n");
    h.file("/etc/nvme/hostid", "e5c67189-56ba-4e7c-ada8-3ceadf1a09f3\n");
    h.fail(List.of("nvme", "list-subsys"), 1, "Failed to scan topology: No such file or directory");
    h.ok(List.of("nvme", "connect"), "");
    assertTrue(i.connect(h, c).success());
    assertEquals(
        "nvme connect -t tcp -a 10.0.0.1 -s 4420 -n "
            + NQN
            + " --hostnqn nqn.2014-08.org.nvmexpress:uuid:gamma --hostid e5c67189-56ba-4e7c-ada8-3ceadf1a09f3",
        h.commands().get(h.commands().size() - 1));

    h.ok(
        List.of("nvme", "list-subsys"),
        fixture("real-tools/vm-nvme-list-subsys-json.out")
            .replace("nqn.2024-01.io.example:kernlab", NQN)
            .replace("127.0.0.1", "10.0.0.1"));
    h.log.clear();
    assertTrue(i.connect(h, c).success());
    assertEquals(List.of("nvme list-subsys -o json"), h.commands());

    h.ok(List.of("nvme", "disconnect"), "");
    assertTrue(i.disconnect(h, c).success());
    assertEquals("nvme disconnect -n " + NQN, h.commands().get(h.commands().size() - 1));
  }
}
