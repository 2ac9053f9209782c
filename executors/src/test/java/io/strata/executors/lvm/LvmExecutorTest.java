package io.strata.executors.lvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Result;
import io.strata.executors.layer.ApplyOutcome;
import io.strata.executors.layer.FakeHost;
import io.strata.executors.layer.NodeInventory;
import io.strata.executors.layer.NodeStateBuilder;
import io.strata.planner.observed.LogicalVolume;
import io.strata.planner.observed.NodeState;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.schema.model.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LvmExecutorTest {
  static final List<String> PVS = List.of("/dev/sdb");
  static final ObjectSpec.Lv LV =
      new ObjectSpec.Lv("vg0", null, "pg_00000", 100L << 20, PVS, false);

  /** A tiny stateful LVM: LVs by name (size, tags), answered as lvs JSON. */
  final Map<String, String[]> lvs = new TreeMap<>();

  FakeHost host;
  final LvmExecutor lvm = new LvmExecutor();

  @BeforeEach
  void setUp() {
    host = new FakeHost("alpha");
    host.ok(
        List.of("pvs"),
        "{\"report\":[{\"pv\":[{\"pv_name\":\"/dev/sdb\",\"vg_name\":\"vg0\"},"
            + "{\"pv_name\":\"/dev/sdz\",\"vg_name\":\"other\"}]}]}");
    host.ok(
        List.of("vgs"),
        "{\"report\":[{\"vg\":[{\"vg_name\":\"vg0\",\"vg_size\":\"1073741824\",\"vg_free\":"
            + "\"1000000000\",\"vg_extent_size\":\"4194304\"}]}]}");
    host.on(List.of("lvs"), argv -> Result.ok(argv, lvsJson()));
    host.on(List.of("lvm", "fullreport"), argv -> Result.ok(argv, fullReport()));
    host.on(
        List.of("lvcreate"),
        argv -> {
          String name = argv.get(argv.indexOf("--name") + 1);
          long kib = Long.parseLong(argv.get(argv.indexOf("--size") + 1).replace("k", ""));
          lvs.put(name, new String[] {String.valueOf(kib * 1024), "strata"});
          return Result.ok(argv, "");
        });
    host.on(
        List.of("lvremove"),
        argv -> {
          lvs.remove(argv.get(argv.size() - 1).split("/")[1]);
          return Result.ok(argv, "");
        });
    host.on(
        List.of("lvextend"),
        argv -> {
          String name = argv.get(argv.size() - 1).split("/")[1];
          long kib = Long.parseLong(argv.get(argv.indexOf("--size") + 1).replace("k", ""));
          lvs.get(name)[0] = String.valueOf(kib * 1024);
          return Result.ok(argv, "");
        });
  }

  String lvsJson() {
    List<String> rows = new ArrayList<>();
    lvs.forEach(
        (n, v) ->
            rows.add(
                "{\"lv_name\":\""
                    + n
                    + "\",\"vg_name\":\"vg0\",\"lv_size\":\""
                    + v[0]
                    + "\",\"lv_tags\":\""
                    + v[1]
                    + "\",\"pool_lv\":\"\",\"origin\":\"\","
                    + "\"lv_attr\":\"-wi-a-----\",\"data_percent\":\"\"}"));
    return "{\"report\":[{\"lv\":[" + String.join(",", rows) + "]}]}";
  }

  /** lvm fullreport: a section per VG (vg0 with the LVs, "other" with an LV of its own). */
  String fullReport() {
    String lvRows = lvsJson().replace("{\"report\":[{\"lv\":[", "").replace("]}]}", "");
    return "{\"report\":[{\"vg\":[{\"vg_name\":\"vg0\",\"vg_size\":\"1073741824\","
        + "\"vg_free\":\"1000000000\",\"vg_extent_size\":\"4194304\"}],"
        + "\"pv\":[{\"pv_name\":\"/dev/sdb\",\"vg_name\":\"vg0\"}],\"lv\":["
        + lvRows
        + "]},{\"vg\":[{\"vg_name\":\"other\",\"vg_size\":\"8388608\",\"vg_free\":\"0\","
        + "\"vg_extent_size\":\"4194304\"}],\"pv\":[{\"pv_name\":\"/dev/sdz\",\"vg_name\":"
        + "\"other\"}],\"lv\":[{\"lv_name\":\"theirs\",\"vg_name\":\"other\",\"lv_size\":"
        + "\"8388608\",\"lv_tags\":\"\",\"pool_lv\":\"\",\"origin\":\"\",\"lv_attr\":"
        + "\"-wi-a-----\",\"data_percent\":\"\"}]}]}";
  }

  static Change change(Action a, ObjectSpec spec) {
    return new Change(
        "pg/alpha/storage",
        a,
        Layer.STORAGE,
        "alpha",
        "pg",
        "vg0/pg_00000",
        null,
        List.of(),
        "test",
        spec);
  }

  @Test
  void createThenCreateAgainIsANoOp() {
    assertTrue(lvm.create(host, change(Action.CREATE, LV)).success());
    assertEquals(1, host.commands().stream().filter(c -> c.startsWith("lvcreate")).count());
    ApplyOutcome again = lvm.create(host, change(Action.CREATE, LV));
    assertTrue(again.success(), again.describe());
    assertEquals(1, host.commands().stream().filter(c -> c.startsWith("lvcreate")).count());
    assertEquals("104857600", lvs.get("pg_00000")[0]);
  }

  /**
   * The lab's race: an earlier attempt's lvcreate, whose SSH channel was lost, was still running
   * when the retry probed; it commits while the retry's own lvcreate runs, which then exits 5
   * "already exists". The LV is Strata's and of the size wanted: the create succeeded.
   */
  @Test
  void anLvMadeMeanwhileByAnEarlierAttemptIsCreated() {
    host.on(
        List.of("lvcreate"),
        argv -> {
          lvs.put("pg_00000", new String[] {String.valueOf(100L << 20), "strata"});
          return Result.failed(
              argv, 5, "  Logical Volume \"pg_00000\" already exists in volume group \"vg0\"");
        });
    ApplyOutcome c = lvm.create(host, change(Action.CREATE, LV));
    assertTrue(c.success(), c.describe());
    assertTrue(c.describe().contains("made by an earlier attempt"), c.describe());
  }

  @Test
  void anLvThatExistsButIsNotOursStaysAFailedCreate() {
    host.on(
        List.of("lvcreate"),
        argv -> {
          lvs.put("pg_00000", new String[] {String.valueOf(100L << 20), "someone_else"});
          return Result.failed(
              argv, 5, "  Logical Volume \"pg_00000\" already exists in volume group \"vg0\"");
        });
    ApplyOutcome c = lvm.create(host, change(Action.CREATE, LV));
    assertTrue(!c.success() && c.describe().contains("already exists"), c.describe());
  }

  @Test
  void anUnownedLvIsNeverTouched() {
    lvs.put("pg_00000", new String[] {"1048576", "someone_else"});
    ApplyOutcome c = lvm.create(host, change(Action.CREATE, LV));
    assertInstanceOf(ApplyOutcome.Terminal.class, c);
    assertTrue(c.describe().contains("does not carry the tag 'strata'"), c.describe());
    assertInstanceOf(ApplyOutcome.Terminal.class, lvm.resize(host, change(Action.RESIZE, LV)));
    assertInstanceOf(ApplyOutcome.Terminal.class, lvm.delete(host, change(Action.DELETE, LV)));
    assertTrue(host.commands().stream().allMatch(c2 -> c2.startsWith("lvs")), host.log.toString());
  }

  @Test
  void resizeGrowsOnlyWhenSmaller() {
    lvs.put("pg_00000", new String[] {String.valueOf(200L << 20), "strata"});
    assertTrue(lvm.resize(host, change(Action.RESIZE, LV)).success());
    assertTrue(host.commands().stream().noneMatch(c -> c.startsWith("lvextend")));
    lvs.get("pg_00000")[0] = String.valueOf(50L << 20);
    assertTrue(lvm.resize(host, change(Action.RESIZE, LV)).success());
    assertEquals(String.valueOf(100L << 20), lvs.get("pg_00000")[0]);
  }

  @Test
  void deleteRemovesOwnedAndToleratesAbsent() {
    lvs.put("pg_00000", new String[] {"1048576", "strata"});
    assertTrue(lvm.delete(host, change(Action.DELETE, LV)).success());
    assertTrue(lvs.isEmpty());
    assertTrue(lvm.delete(host, change(Action.DELETE, LV)).success());
    assertEquals(1, host.commands().stream().filter(c -> c.startsWith("lvremove")).count());
  }

  @Test
  void lockTimeoutIsTransientBadArgumentTerminal() {
    host.fail(List.of("lvcreate"), 5, "  Giving up waiting for lock.");
    assertInstanceOf(ApplyOutcome.Transient.class, lvm.create(host, change(Action.CREATE, LV)));
    host.fail(List.of("lvcreate"), 3, "  Invalid argument for --addtag");
    assertInstanceOf(ApplyOutcome.Terminal.class, lvm.create(host, change(Action.CREATE, LV)));
  }

  @Test
  void observeReportsOnlyTheDeclaredVgsFromOneFullReport() {
    lvs.put("pg_00000", new String[] {"1048576", "strata"});
    NodeStateBuilder b = new NodeStateBuilder("alpha");
    lvm.observe(host, NodeInventory.storage(List.of("vg0", "missing"), List.of(), List.of()), b);
    NodeState s = b.build();
    assertEquals(List.of("vg0"), s.volumeGroups().stream().map(v -> v.name()).toList());
    assertEquals(List.of("/dev/sdb"), s.volumeGroups().get(0).physicalVolumes());
    assertEquals(
        List.of(
            new LogicalVolume(
                "vg0",
                "pg_00000",
                1048576,
                new TreeSet<>(List.of("strata")),
                null,
                null,
                "-wi-a-----")),
        s.logicalVolumes());
    // one command, with the discovery filter (Strata's stacked devices rejected)
    assertEquals(1, host.commands().size(), host.commands().toString());
    assertEquals(
        LvmCommands.fullReport(ImportedNamespaces.NONE).toString(), host.commands().get(0));
  }

  @Test
  void previewListsProbeThenCreate() {
    var cmds = lvm.createCommands(change(Action.CREATE, LV));
    assertEquals("lvs", cmds.get(0).argv().get(0));
    assertEquals(
        LvmCommands.createThick(PVS, "vg0", "pg_00000", 100L << 20, false, false), cmds.get(1));
  }
}
