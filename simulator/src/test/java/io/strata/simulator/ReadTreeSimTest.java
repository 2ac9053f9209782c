package io.strata.simulator;

import static io.strata.simulator.Sim.ok;
import static io.strata.simulator.Sim.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.FileTree;
import io.strata.executors.host.Host;
import io.strata.simulator.state.SimSeed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated node's readTree agrees with its list and readFile, and counts as one read. */
class ReadTreeSimTest {
  private final SimulatedCluster cluster =
      SimulatedCluster.inMemory(SimSeed.standardFor("alpha", "gamma"));
  private final Host alpha = cluster.host("alpha");
  private static final Path ROOT = Path.of("/sys/kernel/config/nvmet");
  private static final String NQN = "nqn.2014-08.io.strata:pg";
  private static final String S = ROOT + "/subsystems/" + NQN;
  private static final String P = ROOT + "/ports/1";
  private static final List<String> ALL = List.of("*");

  private void export() {
    ok(alpha, "lvcreate", "-L", "80m", "-n", "pg_00000", "vg0");
    write(alpha, S + "/attr_allow_any_host", "0");
    write(alpha, S + "/namespaces/1/device_path", "/dev/vg0/pg_00000");
    write(alpha, S + "/namespaces/1/enable", "1");
    write(alpha, S + "/allowed_hosts/nqn.2014-08.org.nvmexpress:uuid:gamma", "");
    write(alpha, P + "/addr_trtype", "tcp");
    write(alpha, P + "/addr_adrfam", "ipv4");
    write(alpha, P + "/addr_traddr", "10.0.0.1");
    write(alpha, P + "/addr_trsvcid", "4420");
    ok(alpha, "ln", "-s", S, P + "/subsystems/" + NQN);
  }

  /** Every directory of the tree lists as list() does, every file reads as readFile() does. */
  private void agrees(FileTree t) {
    assertEquals(alpha.list(t.root()), t.list(alpha, t.root()));
    for (Map.Entry<String, FileTree.Entry> e : t.entries().entrySet()) {
      Path p = t.root().resolve(e.getKey());
      if (e.getValue() instanceof FileTree.File f) {
        assertArrayEquals(alpha.readFile(p).orElseThrow(), f.content(), e.getKey());
      } else if (e.getValue() instanceof FileTree.Directory
          && t.root().relativize(p).getNameCount() < t.maxDepth()) {
        assertEquals(alpha.list(p), t.list(alpha, p), e.getKey());
      }
    }
  }

  /** Names sharing a prefix, before and after '/' in sort order, list once each. */
  @Test
  void aDirectoryListsEachChildOnceWhateverItsSubtree() {
    write(alpha, "/etc/strata/x/a/b/c", "1");
    write(alpha, "/etc/strata/x/a/d", "2");
    write(alpha, "/etc/strata/x/a-b", "3");
    write(alpha, "/etc/strata/x/a.d/e", "4");
    write(alpha, "/etc/strata/x/a0", "5");
    write(alpha, "/etc/strata/y", "6");
    assertEquals(List.of("a", "a-b", "a.d", "a0"), alpha.list(Path.of("/etc/strata/x")));
    assertEquals(List.of("b", "d"), alpha.list(Path.of("/etc/strata/x/a")));
    assertEquals(List.of("x", "y"), alpha.list(Path.of("/etc/strata")));
  }

  @Test
  void theNvmetTreeAgreesWithListAndReadFile() {
    export();
    FileTree t = alpha.readTree(ROOT, 5, ALL);
    agrees(t);
    String ns = "subsystems/" + NQN + "/namespaces/1";
    assertEquals(
        "/dev/vg0/pg_00000\n",
        new String(
            assertInstanceOf(FileTree.File.class, t.entry(ns + "/device_path").get()).content(),
            StandardCharsets.UTF_8));
    // configfs' own attributes (never written) are files too
    assertInstanceOf(FileTree.File.class, t.entry("subsystems/" + NQN + "/attr_model").get());
    assertInstanceOf(FileTree.Symlink.class, t.entry("ports/1/subsystems/" + NQN).get());
    assertInstanceOf(
        FileTree.Symlink.class,
        t.entry("subsystems/" + NQN + "/allowed_hosts/nqn.2014-08.org.nvmexpress:uuid:gamma")
            .get());
    assertInstanceOf(FileTree.Directory.class, t.entry("subsystems/" + NQN + "/passthru").get());
    FileTree some = alpha.readTree(ROOT, 5, List.of("enable"));
    assertInstanceOf(FileTree.Skipped.class, some.entry(ns + "/device_path").get());
    assertInstanceOf(FileTree.File.class, some.entry(ns + "/enable").get());
  }

  @Test
  void filesOutsideConfigfsAndAMissingRoot() {
    alpha.writeFile(Path.of("/etc/drbd.d/strata-a.res"), "resource a {}\n".getBytes(), 0600);
    alpha.writeFile(Path.of("/etc/drbd.d/global_common.conf"), "global {}\n".getBytes(), 0644);
    FileTree t = alpha.readTree(Path.of("/etc/drbd.d"), 1, List.of("strata-*.res"));
    agrees(t);
    assertEquals(List.of("global_common.conf", "strata-a.res"), List.copyOf(t.entries().keySet()));
    assertInstanceOf(FileTree.Skipped.class, t.entry("global_common.conf").get());
    FileTree none = alpha.readTree(Path.of("/etc/nothing"), 2, ALL);
    assertFalse(none.exists());
    assertEquals(List.of(), none.list(alpha, Path.of("/etc/nothing")));
  }

  @Test
  void aTreeIsOneReadAndNoCommand() {
    export();
    int commands = cluster.commandLog().size();
    long reads = cluster.fileReads("alpha");
    alpha.readTree(ROOT, 5, ALL);
    assertEquals(reads + 1, cluster.fileReads("alpha"));
    alpha.list(ROOT);
    alpha.readFile(Path.of(P + "/addr_trtype"));
    assertEquals(reads + 3, cluster.fileReads("alpha"));
    assertEquals(0, cluster.fileReads("gamma"));
    assertEquals(commands, cluster.commandLog().size(), "reads are not commands");
  }

  @Test
  void aClusterInAFolderLogsReadsApartFromCommands(@TempDir Path dir) throws Exception {
    SimulatedCluster persistent = SimulatedCluster.persistent(dir, SimSeed.standardFor("alpha"));
    Host h = persistent.host("alpha");
    h.writeFile(Path.of("/etc/drbd.d/strata-a.res"), "resource a {}\n".getBytes(), 0600);
    h.readTree(Path.of("/etc/drbd.d"), 1, List.of("strata-*.res"));
    h.list(Path.of("/etc/drbd.d"));
    List<String> reads = Files.readAllLines(dir.resolve(ReadLogFile.NAME));
    assertEquals(2, reads.size());
    assertTrue(
        reads.get(0).startsWith("{\"node\":\"alpha\",\"op\":\"readTree\",\"path\":\"/etc/drbd.d\""),
        reads.get(0));
    assertTrue(reads.get(1).contains("\"op\":\"list\""), reads.get(1));
    String commands = Files.readString(dir.resolve(CommandLogFile.NAME));
    assertFalse(commands.contains("readTree") || commands.contains("\"op\""), commands);
    assertEquals(1, persistent.commandLog().size(), "the write only");
    persistent.reset(null);
    assertFalse(Files.exists(dir.resolve(ReadLogFile.NAME)), "reset forgets the reads too");
  }
}
