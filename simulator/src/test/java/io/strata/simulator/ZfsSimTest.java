package io.strata.simulator;

import static io.strata.simulator.Sim.fixture;
import static io.strata.simulator.Sim.ok;
import static io.strata.simulator.Sim.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.simulator.state.SimSeed;
import org.junit.jupiter.api.Test;

class ZfsSimTest {
  private final SimulatedCluster cluster = SimulatedCluster.inMemory(SimSeed.standardFor("alpha"));
  private final Host alpha = cluster.host("alpha");

  @Test
  void listIsTabSeparatedWithDashForUnset() {
    ok(alpha, "zfs", "create", "-V", "10485760KB", "-o", "strata:owner=pg", "tank/pg_00000");
    ok(alpha, "zfs", "create", "-s", "-V", "1G", "tank/sparse");
    ok(alpha, "zfs", "snapshot", "tank/pg_00000@s1");
    String out =
        ok(
                alpha,
                "zfs",
                "list",
                "-Hp",
                "-t",
                "volume,snapshot",
                "-o",
                "name,volsize,used,refreservation,strata:owner")
            .out();
    String[] lines = out.split("\n");
    assertEquals(3, lines.length, out);
    String[] pg = lines[0].split("\t", -1);
    assertEquals(5, pg.length);
    assertEquals("tank/pg_00000", pg[0]);
    assertEquals(Long.toString(10L << 30), pg[1]);
    assertTrue(Long.parseLong(pg[3]) > 10L << 30);
    assertEquals("pg", pg[4]);
    assertEquals("tank/pg_00000@s1", lines[1].split("\t")[0]);
    assertEquals("-", lines[1].split("\t")[3]);
    assertEquals("-", lines[2].split("\t")[4]);
    assertEquals("0", lines[2].split("\t")[3]);
    // same column count and number formats as the real zfs list -Hp
    String real = fixture("vm-zfs-list-Hp.out").lines().toList().get(1);
    assertEquals(6, real.split("\t").length);
    String ours =
        ok(
                alpha,
                "zfs",
                "list",
                "-H",
                "-p",
                "-t",
                "all",
                "-o",
                "name,type,used,avail,refer,volsize")
            .out();
    for (String line : ours.split("\n")) {
      assertEquals(6, line.split("\t").length, line);
      assertTrue(line.split("\t")[2].matches("\\d+"), line);
    }
    String pool = ok(alpha, "zpool", "list", "-Hp", "-o", "name,size,alloc,free,health").out();
    assertEquals(fixture("vm-zpool-list-Hp.out").split("\t").length, pool.split("\t").length);
    assertTrue(pool.startsWith("tank\t" + (200L << 30) + "\t"));
  }

  /**
   * Filesystem datasets hold zvols below a pool ({@code tank/strata}): seeded from a zpools key
   * with a slash, made by {@code zfs create} without {@code -V}, listed as type filesystem with the
   * pool's room; a zvol needs its parent to exist and be a filesystem, as libzfs' check_parents.
   */
  @Test
  void zvolsLiveInFilesystemDatasets() {
    SimulatedCluster c =
        SimulatedCluster.inMemory(
            java.util.Map.of(
                "alpha",
                new SimSeed(
                    java.util.Map.of(),
                    java.util.Map.of(),
                    java.util.Map.of("tank/strata", 1L << 30))));
    Host a = c.host("alpha");
    ok(a, "zfs", "create", "-V", "16M", "tank/strata/pg_00000");
    Result noParent = run(a, "zfs", "create", "-V", "16M", "tank/other/pg_00000");
    assertEquals(1, noParent.exitCode());
    assertEquals("cannot create 'tank/other/pg_00000': parent does not exist\n", noParent.err());
    Result notFs = run(a, "zfs", "create", "-V", "16M", "tank/strata/pg_00000/x");
    assertEquals(
        "cannot create 'tank/strata/pg_00000/x': parent is not a filesystem\n", notFs.err());
    ok(a, "zfs", "create", "-p", "tank/other/deeper");
    ok(a, "zfs", "create", "-V", "16M", "tank/other/deeper/v");
    String out =
        ok(
                a,
                "zfs",
                "list",
                "-Hp",
                "-r",
                "-t",
                "filesystem,volume",
                "-o",
                "name,type,avail",
                "tank")
            .out();
    assertEquals(
        java.util.List.of(
            "tank\tfilesystem",
            "tank/other\tfilesystem",
            "tank/other/deeper\tfilesystem",
            "tank/other/deeper/v\tvolume",
            "tank/strata\tfilesystem",
            "tank/strata/pg_00000\tvolume"),
        out.lines().map(l -> l.substring(0, l.lastIndexOf('\t'))).toList());
    // no quotas simulated: a dataset has the room of its pool's root filesystem
    assertEquals(
        out.lines().filter(l -> l.startsWith("tank\t")).findFirst().orElseThrow().split("\t")[2],
        out.lines()
            .filter(l -> l.startsWith("tank/strata\t"))
            .findFirst()
            .orElseThrow()
            .split("\t")[2]);
    Result busy = run(a, "zfs", "destroy", "tank/other");
    assertEquals(1, busy.exitCode());
    assertTrue(
        busy.err().startsWith("cannot destroy 'tank/other': filesystem has children"), busy.err());
    ok(a, "zfs", "destroy", "-r", "tank/other");
    assertEquals(1, run(a, "zfs", "list", "tank/other/deeper/v").exitCode());
  }

  @Test
  void errorsAreRc1WithLibzfsTexts() {
    ok(alpha, "zfs", "create", "-V", "1G", "tank/a");
    Result dup = run(alpha, "zfs", "create", "-V", "1G", "tank/a");
    assertEquals(1, dup.exitCode());
    assertEquals("cannot create 'tank/a': dataset already exists\n", dup.err());
    Result missing = run(alpha, "zfs", "list", "-Hp", "tank/nope");
    assertEquals(1, missing.exitCode());
    assertEquals("cannot open 'tank/nope': dataset does not exist\n", missing.err());
    Result odd = run(alpha, "zfs", "set", "volsize=1000", "tank/a");
    assertEquals(1, odd.exitCode());
    assertTrue(odd.err().contains("'volsize' must be a multiple of volume block size (8K)"));
    assertEquals(1, run(alpha, "zfs", "create", "-V", "500G", "tank/huge").exitCode());
    ok(alpha, "zfs", "set", "volsize=2G", "tank/a");
    assertEquals(
        "tank/a\tvolsize\t" + (2L << 30) + "\tlocal\n",
        ok(alpha, "zfs", "get", "-Hp", "volsize", "tank/a").out());
    assertEquals(
        "tank/a\tstrata:owner\t-\t-\n",
        ok(alpha, "zfs", "get", "-Hp", "strata:owner", "tank/a").out());
    ok(alpha, "zfs", "snapshot", "tank/a@s");
    assertEquals(1, run(alpha, "zfs", "destroy", "tank/a").exitCode());
    ok(alpha, "zfs", "destroy", "-r", "tank/a");
    assertEquals(2, run(alpha, "zfs", "frob").exitCode());
  }

  @Test
  void zvolIsABlockDeviceForOtherLayers() {
    ok(alpha, "zfs", "create", "-V", "64M", "tank/v");
    assertEquals(
        Long.toString(64L << 20) + "\n",
        ok(alpha, "blockdev", "--getsize64", "/dev/zvol/tank/v").out());
    Sim.runIn(alpha, "k", "cryptsetup", "luksFormat", "-q", "--key-file", "-", "/dev/zvol/tank/v");
    Sim.runIn(alpha, "k", "cryptsetup", "open", "--key-file", "-", "/dev/zvol/tank/v", "z");
    Result busy = run(alpha, "zfs", "destroy", "tank/v");
    assertEquals("cannot destroy 'tank/v': dataset is busy\n", busy.err());
  }
}
