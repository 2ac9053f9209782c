package io.strata.simulator;

import static io.strata.simulator.Sim.fixture;
import static io.strata.simulator.Sim.json;
import static io.strata.simulator.Sim.keys;
import static io.strata.simulator.Sim.ok;
import static io.strata.simulator.Sim.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.executors.lvm.ImportedNamespaces;
import io.strata.executors.lvm.LvmCommands;
import io.strata.executors.lvm.LvmParser;
import io.strata.simulator.state.SimSeed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LvmSimTest {
  private final SimulatedCluster cluster = SimulatedCluster.inMemory(SimSeed.standardFor("alpha"));
  private final Host alpha = cluster.host("alpha");

  private static final String LV_FIELDS =
      "lv_name,vg_name,lv_attr,lv_size,pool_lv,origin,data_percent,metadata_percent,lv_tags,lv_path,lv_dm_path,lv_active,lv_uuid,devices";

  @Test
  void lvsJsonHasTheShapeOfRealLvm() {
    ok(
        alpha,
        "lvcreate",
        "--size",
        "102400k",
        "--name",
        "pg_00000",
        "--addtag",
        "strata",
        "-y",
        "vg0");
    ok(alpha, "lvcreate", "-V", "1g", "-T", "vg0/thin", "-n", "t_00000");
    Result r =
        ok(
            alpha,
            "lvs",
            "-a",
            "--reportformat",
            "json",
            "--units",
            "b",
            "--nosuffix",
            "-o",
            LV_FIELDS);
    JsonNode real = json(fixture("vm-lvs-json.out")).get("report").get(0).get("lv").get(0);
    JsonNode ours = json(r.out()).get("report").get(0).get("lv");
    assertEquals(3, ours.size());
    for (JsonNode row : ours) {
      assertEquals(keys(real), keys(row));
      row.properties().forEach(e -> assertTrue(e.getValue().isString(), e.getKey()));
    }
    JsonNode lv = ours.get(0);
    assertEquals("pg_00000", lv.get("lv_name").asString());
    assertEquals("104857600", lv.get("lv_size").asString());
    assertEquals("-wi-a-----", lv.get("lv_attr").asString());
    assertEquals("strata", lv.get("lv_tags").asString());
    assertEquals("/dev/mapper/vg0-pg_00000", lv.get("lv_dm_path").asString());
    JsonNode thin = ours.get(1); // sorted by name like lvm2's default -O vg_name,lv_name
    assertEquals("Vwi-a-tz--", thin.get("lv_attr").asString());
    assertEquals("thin", thin.get("pool_lv").asString());
    assertEquals("twi-aotz--", ours.get(2).get("lv_attr").asString());
    // whole-layout check: the same indentation and separators as lvm2
    assertTrue(
        r.out()
            .startsWith(
                "  {\n      \"report\": [\n          {\n              \"lv\": [\n                  {\"lv_name\":\"pg_00000\", \"vg_name\":\"vg0\""));
  }

  @Test
  void vgsAndPvsJsonMatchRealKeysAndSizes() {
    String fields =
        "vg_name,vg_size,vg_free,vg_extent_size,vg_extent_count,vg_free_count,pv_count,lv_count,vg_uuid";
    JsonNode vg =
        json(ok(alpha, "vgs", "--reportformat", "json", "--units", "b", "--nosuffix", "-o", fields)
                .out())
            .get("report")
            .get(0)
            .get("vg")
            .get(0);
    assertEquals(
        keys(json(fixture("vm-vgs-json.out")).get("report").get(0).get("vg").get(0)), keys(vg));
    assertEquals(Long.toString(100L << 30), vg.get("vg_size").asString());
    assertEquals(Long.toString(20L << 30), vg.get("vg_free").asString());
    assertEquals("4194304", vg.get("vg_extent_size").asString());
    JsonNode pv =
        json(ok(
                    alpha,
                    "pvs",
                    "--reportformat",
                    "json",
                    "--units",
                    "b",
                    "-o",
                    "+pv_uuid,dev_size,pv_used")
                .out())
            .get("report")
            .get(0)
            .get("pv")
            .get(0);
    assertEquals(
        keys(json(fixture("vm-pvs-json.out")).get("report").get(0).get("pv").get(0)), keys(pv));
    assertEquals("/dev/sim/vg0-pv0", pv.get("pv_name").asString());
    assertTrue(pv.get("pv_size").asString().endsWith("B"));
  }

  @Test
  void refusesWhatLvmRefuses() {
    Result big = run(alpha, "lvcreate", "--size", "30g", "-n", "big", "-y", "vg0");
    assertEquals(5, big.exitCode());
    assertEquals(
        "  Volume group \"vg0\" has insufficient free space (5120 extents): 7680 required.\n",
        big.err());
    ok(alpha, "lvcreate", "--size", "100001k", "-n", "lv1", "vg0");
    Result dup = run(alpha, "lvcreate", "--size", "4m", "-n", "lv1", "vg0");
    assertEquals(5, dup.exitCode());
    assertEquals("  Logical Volume \"lv1\" already exists in volume group \"vg0\"\n", dup.err());
    Result same = run(alpha, "lvextend", "--size", "102400k", "vg0/lv1");
    assertEquals(5, same.exitCode());
    assertTrue(
        same.err().contains("New size (25 extents) matches existing size (25 extents)."),
        same.err());
    Result smaller = run(alpha, "lvextend", "-L", "52m", "vg0/lv1");
    assertEquals(5, smaller.exitCode());
    assertTrue(
        smaller
            .err()
            .contains("New size given (13 extents) not larger than existing size (25 extents)"));
    Result grow = ok(alpha, "lvextend", "--size", "200m", "vg0/lv1");
    assertEquals(
        "  Size of logical volume vg0/lv1 changed from 100.00 MiB (25 extents) to 200.00 MiB (50 extents).\n"
            + "  Logical volume vg0/lv1 successfully resized.\n",
        grow.out());
    assertEquals(
        3, run(alpha, "lvcreate", "--size", "4m", "-n", "x", "--addtag", "a,b", "vg0").exitCode());
    assertEquals(5, run(alpha, "lvremove", "-y", "vg0/nope").exitCode());
    assertEquals(3, run(alpha, "lvcreate", "--bogus", "vg0").exitCode());
  }

  @Test
  void messagesHaveTheRealToolsWording() {
    // the captured texts with names and numbers abstracted: same words, same punctuation
    String tooBig =
        fixture("lvcreate-too-big.err")
            .lines()
            .filter(l -> l.contains("insufficient"))
            .findFirst()
            .orElseThrow();
    String ours = run(alpha, "lvcreate", "-L", "30g", "-n", "big", "vg0").err().strip();
    assertEquals(abstracted(tooBig.strip()), abstracted(ours));
    String exists =
        fixture("lvcreate-exists.err")
            .lines()
            .filter(l -> l.contains("already"))
            .findFirst()
            .orElseThrow();
    ok(alpha, "lvcreate", "-L", "4m", "-n", "lv1", "vg0");
    assertEquals(
        abstracted(exists.strip()),
        abstracted(run(alpha, "lvcreate", "-L", "4m", "-n", "lv1", "vg0").err().strip()));
    String grew = ok(alpha, "lvextend", "-L", "8m", "vg0/lv1").out();
    assertEquals(abstracted(fixture("lvextend-nodm.out")), abstracted(grew));
    String vgs =
        ok(alpha, "vgs", "--reportformat", "json", "--units", "b", "-o", "vg_name,vg_size").out();
    assertTrue(fixture("vgs-json-units-b.out").contains("\"vg_size\":\"411041792B\""));
    assertTrue(vgs.contains("\"vg_size\":\"" + (100L << 30) + "B\""), vgs);
  }

  private static String abstracted(String s) {
    return s.replaceAll("\"[^\"]*\"", "Q").replaceAll("[\\d.]+", "N").replaceAll("\\w+/\\w+", "V");
  }

  @Test
  void deviceFilterHidesTheVgWhenItDoesNotAdmitThePv() {
    String admit = "devices { filter=['a|^/dev/sim/vg0-pv0$|','r|.*|'] }";
    String reject = "devices { filter=['a|^/dev/sdb$|','r|.*|'] }";
    ok(alpha, "vgs", "--config", admit, "vg0");
    Result hidden = run(alpha, "vgs", "--config", reject, "vg0");
    assertEquals(5, hidden.exitCode());
    assertTrue(hidden.err().contains("Volume group \"vg0\" not found"));
    assertEquals(3, run(alpha, "vgs", "--config", "devices { filter=[a|x|] }").exitCode());
    // brackets inside a quoted pattern are regex, not the end of the list (lvm's config parser)
    ok(
        alpha,
        "vgs",
        "--config",
        "devices { filter=['r|^/dev/sd[a-c]$|','a|^/dev/sim/vg0-pv[0-9]$|','r|.*|'] }",
        "vg0");
    Result create = run(alpha, "lvcreate", "--config", reject, "-L", "4m", "-n", "a", "vg0");
    assertEquals(5, create.exitCode());
  }

  @Test
  void tagsAreIdempotentAndRemovalWorks() {
    ok(alpha, "lvcreate", "-L", "8m", "-n", "t1", "vg0");
    ok(alpha, "lvchange", "--addtag", "strata", "vg0/t1");
    ok(alpha, "lvchange", "--addtag", "strata", "vg0/t1");
    ok(alpha, "lvchange", "--deltag", "absent", "vg0/t1");
    JsonNode lv =
        json(ok(alpha, "lvs", "--reportformat", "json", "-o", "lv_name,lv_tags", "vg0/t1").out())
            .get("report")
            .get(0)
            .get("lv")
            .get(0);
    assertEquals("strata", lv.get("lv_tags").asString());
    assertEquals(
        "  Logical volume \"t1\" successfully removed.\n",
        ok(alpha, "lvremove", "-y", "vg0/t1").out());
    assertEquals(127, run(alpha, "frobnicate").exitCode());
  }

  @Test
  void selectionByTagAndPvdisplayColumns() {
    ok(alpha, "lvcreate", "-L", "8m", "-n", "mine", "--addtag", "strata_owner", "vg0");
    ok(alpha, "lvcreate", "-L", "8m", "-n", "theirs", "vg0");
    assertEquals(
        "mine", ok(alpha, "lvs", "--noheadings", "-o", "lv_name", "@strata_owner").out().trim());
    assertEquals(
        "mine",
        ok(alpha, "lvs", "--noheadings", "-o", "lv_name", "-S", "lv_tags=strata_owner")
            .out()
            .trim());
    String pv =
        ok(
                alpha,
                "pvdisplay",
                "--config",
                "devices { filter=[\"r|^/dev/drbd.*|\"] }",
                "--columns",
                "-o",
                "pv_name",
                "-S",
                "vg_name=vg0",
                "--noheadings",
                "--nosuffix")
            .out();
    assertEquals("/dev/sim/vg0-pv0", pv.trim());
    assertEquals(
        "", ok(alpha, "pvs", "--noheadings", "-o", "pv_name", "-S", "vg_name=other").out().trim());
    ok(alpha, "env", "LVM_SUPPRESS_FD_WARNINGS=1", "lvs", "vg0/mine");
  }

  @Test
  void thinSnapshotsSkipActivationUnlessAsked() {
    ok(alpha, "lvcreate", "--virtualsize", "102400k", "--thinpool", "thin", "--name", "t1", "vg0");
    ok(alpha, "lvcreate", "--snapshot", "--name", "s1", "vg0/t1");
    ok(
        alpha,
        "lvcreate",
        "--snapshot",
        "--setactivationskip",
        "y",
        "--ignoreactivationskip",
        "--activate",
        "y",
        "--name",
        "s2",
        "vg0/t1");
    JsonNode lvs =
        json(ok(alpha, "lvs", "--reportformat", "json", "-o", "lv_name,lv_attr,origin,pool_lv")
                .out())
            .get("report")
            .get(0)
            .get("lv");
    assertEquals("Vwi---tz-k", lvs.get(0).get("lv_attr").asString());
    assertEquals("t1", lvs.get(0).get("origin").asString());
    assertEquals("Vwi-a-tz-k", lvs.get(1).get("lv_attr").asString());
    assertEquals(
        1,
        run(alpha, "blockdev", "--getsize64", "/dev/vg0/s1").exitCode(),
        "inactive: no device node");
    ok(alpha, "lvchange", "-ay", "-K", "vg0/s1");
    ok(alpha, "blockdev", "--getsize64", "/dev/vg0/s1");
  }

  @Test
  void versionsAreTheCapturedOnes() {
    assertEquals(
        Sim.fixture("lvm-version.out").lines().findFirst().orElseThrow(),
        ok(alpha, "lvm", "version").out().lines().findFirst().orElseThrow());
    String drbd = ok(alpha, "drbdadm", "--version").out();
    assertTrue(
        drbd.contains("DRBDADM_VERSION=9.22.0\n")
            && drbd.startsWith("DRBDADM_BUILDTAG=GIT-hash:\\ 409097fe"),
        drbd);
    assertEquals(Sim.fixture("cryptsetup-version.out"), ok(alpha, "cryptsetup", "--version").out());
    assertEquals(Sim.fixture("nvme-version.out"), ok(alpha, "nvme", "version").out());
  }

  @Test
  void unknownNodesGetTheStandardSeed() {
    Host other = SimulatedCluster.inMemory(Map.of()).host("zeta");
    assertEquals(
        List.of("vg0"), List.of(ok(other, "vgs", "--noheadings", "-o", "vg_name").out().trim()));
  }

  @Test
  void fullReportSaysWhatPvsVgsAndLvsSayInOneCommand() {
    ok(
        alpha,
        "lvcreate",
        "--size",
        "102400k",
        "--name",
        "pg_00000",
        "--addtag",
        "strata",
        "-y",
        "vg0");
    ok(alpha, "lvcreate", "-V", "1g", "-T", "vg0/thin", "-n", "t_00000");
    String full =
        ok(alpha, LvmCommands.fullReport(ImportedNamespaces.NONE).argv().toArray(String[]::new))
            .out();
    // lvm2's layout (executors' fixture captured/lvm-fullreport-json.out): a section per VG
    assertTrue(
        full.startsWith("  {\n      \"report\": [\n          {\n              \"vg\": [\n"), full);
    assertTrue(
        full.contains("\n              ]\n              ,\n              \"pv\": [\n"), full);
    Map<String, List<String>> pvs =
        LvmParser.physicalVolumes(ok(alpha, LvmCommands.pvs().argv().toArray(String[]::new)).out());
    List<String> vgNames = List.copyOf(pvs.keySet());
    List<String> devices = pvs.values().stream().flatMap(List::stream).toList();
    assertEquals(pvs, LvmParser.physicalVolumes(full));
    assertEquals(
        LvmParser.volumeGroups(
            ok(alpha, LvmCommands.vgs(devices, vgNames).argv().toArray(String[]::new)).out(), pvs),
        LvmParser.volumeGroups(full, pvs));
    assertEquals(
        LvmParser.logicalVolumes(
            ok(alpha, LvmCommands.lvs(devices, vgNames).argv().toArray(String[]::new)).out()),
        LvmParser.logicalVolumes(full));
    assertEquals(2, LvmParser.logicalVolumes(full).volumes().size());
    assertEquals(1, LvmParser.logicalVolumes(full).thinPools().size());
    // every report needs its fields, as Strata always gives them
    assertEquals(
        3,
        run(alpha, "lvm", "fullreport", "--reportformat", "json", "--configreport", "vg")
            .exitCode());
  }
}
