package io.strata.executors.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.HostUnreachableException;
import io.strata.executors.layer.ApplyOutcome;
import io.strata.executors.layer.Command;
import io.strata.executors.layer.FakeHost;
import io.strata.executors.layer.NodeInventory;
import io.strata.executors.luks.Pbkdf;
import io.strata.executors.secret.ClusterKey;
import io.strata.executors.secret.EnvFileSecretResolver;
import io.strata.planner.observed.DrbdConfig;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.schema.model.Layer;
import io.strata.schema.model.SecretRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LayerExecutorsTest {
  static final ObjectSpec.Lv LV =
      new ObjectSpec.Lv("vg0", null, "pg_00000", 1 << 20, List.of("/dev/sdb"), false);
  static final ObjectSpec.Zvol ZV =
      new ObjectSpec.Zvol("tank", "pg_00000", 1 << 20, false, 0, false);
  static final ObjectSpec.Luks LUKS =
      new ObjectSpec.Luks("strata-pg", "/dev/vg0/pg_00000", null, 0, SecretRef.parse("env:K"), 1);
  static final DrbdConfig CFG =
      DrbdConfig.of(
          "pg",
          7000,
          1000,
          "C",
          Map.of(),
          List.of(
              new DrbdConfig.Host("alpha", 0, "10.0.0.1", "/dev/vg0/pg_00000"),
              new DrbdConfig.Host("bravo", 1, "10.0.0.2", "/dev/vg0/pg_00000")),
          7);
  static final ObjectSpec.Drbd DRBD =
      new ObjectSpec.Drbd(CFG, "alpha", true, ObjectSpec.Drbd.InitialSync.CLEAR_BITMAP);
  static final ObjectSpec.NvmeExport EXPORT =
      new ObjectSpec.NvmeExport(
          "nqn.2014-08.io.strata:pg", 1, "/dev/drbd1000", 1, "tcp", "10.0.0.1", 4420, List.of());
  static final ObjectSpec.NvmeAttach ATTACH =
      new ObjectSpec.NvmeAttach("nqn.2014-08.io.strata:pg", "tcp", "10.0.0.1", 4420);

  final LayerExecutors ex =
      new LayerExecutors(
          new EnvFileSecretResolver(Map.of("K", "s3cr3t")),
          ClusterKey.of(new byte[32]),
          Pbkdf.FAST_FOR_TESTS);

  static Change change(Action a, ObjectSpec s) {
    return new Change(
        "pg/alpha/x", a, Layer.STORAGE, "alpha", "pg", "obj", null, List.of(), "t", s);
  }

  @Test
  void everyKindPreviewsItsCommands() {
    var snap = new ObjectSpec.StorageSnapshot(LV, "s1", false);
    for (Change c :
        List.of(
            change(Action.CREATE, LV),
            change(Action.RESIZE, ZV),
            change(Action.CREATE, LUKS),
            change(Action.CREATE, DRBD),
            change(Action.UPDATE, DRBD),
            change(Action.CREATE, EXPORT),
            change(Action.CONNECT, ATTACH),
            change(Action.CREATE, ATTACH),
            change(Action.DELETE, ATTACH),
            change(Action.SNAPSHOT, snap),
            change(Action.DELETE, snap))) {
      List<Command> cmds = ex.commands(c);
      assertFalse(cmds.isEmpty(), c.action() + " " + c.spec());
      assertTrue(cmds.stream().noneMatch(cmd -> String.join(" ", cmd.argv()).contains("s3cr3t")));
    }
    assertEquals("lvcreate", ex.commands(change(Action.SNAPSHOT, snap)).get(1).argv().get(0));
    assertEquals(
        List.of("nvme", "connect"),
        ex.commands(change(Action.CREATE, ATTACH)).get(3).argv().subList(0, 2));
    var preview = new ExecutorCommandPreview().commands(change(Action.CREATE, DRBD));
    assertEquals(
        List.of("drbdadm", "new-current-uuid", "--clear-bitmap", "pg/0"),
        preview.get(preview.size() - 1));
  }

  @Test
  void aMissingCapabilityIsATerminalFailure() {
    FakeHost h = new FakeHost("alpha");
    ApplyOutcome o = ex.apply(h, change(Action.SNAPSHOT, LUKS));
    assertInstanceOf(ApplyOutcome.Terminal.class, o);
    assertEquals("the LUKS layer cannot snapshot (change pg/alpha/x)", o.describe());
    assertInstanceOf(ApplyOutcome.Terminal.class, ex.apply(h, change(Action.RESIZE, ATTACH)));
    assertTrue(ex.commands(change(Action.SNAPSHOT, LUKS)).isEmpty());
    assertTrue(h.log.isEmpty());
  }

  @Test
  void unreachableIsTransientMissingSecretTerminal() {
    FakeHost down = new FakeHost("alpha");
    down.on(
        List.of(),
        argv -> {
          throw new HostUnreachableException("alpha", "connection refused");
        });
    assertInstanceOf(ApplyOutcome.Transient.class, ex.apply(down, change(Action.CREATE, LV)));
    ApplyOutcome o =
        LayerExecutors.previewOnly().apply(new FakeHost("alpha"), change(Action.CREATE, LUKS));
    assertInstanceOf(ApplyOutcome.Terminal.class, o);
    ApplyOutcome bad =
        ex.apply(
            new FakeHost("alpha"),
            change(Action.CREATE, new ObjectSpec.Lv("vg0", null, "x", 1, List.of(), false)));
    assertInstanceOf(ApplyOutcome.Terminal.class, bad);
    assertTrue(bad.describe().startsWith("bad argument"), bad.describe());
  }

  @Test
  void observeAsksOnlyWhatTheInventoryDeclares() {
    FakeHost h = new FakeHost("alpha");
    h.ok(List.of("lvm", "fullreport"), "{\"report\":[]}");
    h.fail(List.of("nvme"), 1, "Failed to scan topology: No such file or directory");
    var s = ex.observe(h, NodeInventory.storage(List.of("vg0"), List.of(), List.of()));
    assertEquals("alpha", s.node());
    // NVMe connections always (an initiator of a volume that left Git is still disconnected)
    assertEquals(List.of("lvm", "nvme"), h.commands().stream().map(c -> c.split(" ")[0]).toList());

    h.log.clear();
    h.ok(List.of("dmsetup"), "No devices found\n");
    h.ok(List.of("drbdsetup"), "[\n]\n");
    h.fail(List.of("nvme"), 1, "Failed to scan topology: No such file or directory");
    s = ex.observe(h, NodeInventory.all(List.of(), List.of(), List.of()));
    assertEquals(
        List.of("dmsetup", "drbdsetup", "nvme"),
        h.commands().stream().map(c -> c.split(" ")[0]).toList());
    assertTrue(s.drbdResources().isEmpty() && s.nvmeConnections().isEmpty());
    assertEquals(List.of(), h.list(Path.of("/etc/drbd.d")));
  }
}
