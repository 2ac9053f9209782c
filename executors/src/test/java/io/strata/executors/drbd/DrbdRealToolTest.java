package io.strata.executors.drbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Result;
import io.strata.executors.layer.ProcessHost;
import io.strata.planner.observed.DrbdConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * drbdadm 9 accepts every .res shape ResFile generates: {@code dump} and {@code -d adjust} as each
 * host (hostname faked in a UTS namespace, cookbook §4.1), and the exact validation argv of
 * DrbdCommands. Needs drbd-utils, unshare and root; no kernel module.
 */
class DrbdRealToolTest {
  final ProcessHost host = new ProcessHost();

  @Test
  void everyGeneratedShapeParsesForEveryHost() throws Exception {
    ProcessHost.assumeTools("drbdadm", "unshare", "hostname");
    Path dir = Files.createTempDirectory("strata-drbd");
    try {
      for (DrbdConfig c : List.of(DrbdFixtures.twoDiskful(), DrbdFixtures.fiveNodes())) {
        Path file = dir.resolve("strata-" + c.resource() + ".res");
        Files.writeString(file, ResFile.render(c, DrbdFixtures.SECRET));
        for (DrbdConfig.Host h : c.hosts()) {
          String script =
              "hostname "
                  + h.node()
                  + " && drbdadm -c "
                  + file
                  + " dump "
                  + c.resource()
                  + " && drbdadm -c "
                  + file
                  + " -d adjust "
                  + c.resource();
          Result r = host.run("unshare", "-u", "sh", "-c", script);
          assertEquals(0, r.exitCode(), c.resource() + " as " + h.node() + ":\n" + r.err());
          String out = r.out();
          assertTrue(out.contains("new-minor " + c.resource() + " " + c.minor()), out);
          if (h.diskless()) {
            assertTrue(out.contains("--diskless"), out);
          } else {
            assertTrue(out.contains("attach " + c.minor() + " " + h.disk()), out);
          }
          // dump re-reads what we wrote: the secret and every peer are there
          assertTrue(out.contains(DrbdFixtures.SECRET), out);
        }
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.copy(file, tmp);
        var v = DrbdCommands.validate(tmp.toString(), file.toString());
        Result vr = host.run(v.argv(), v.stdin(), Duration.ofMinutes(1));
        assertEquals(0, vr.exitCode(), vr.err());
        Files.writeString(tmp, ResFile.render(c, "x").replace("protocol C;", "protocol Q;"));
        assertEquals(10, host.run(v.argv(), v.stdin(), Duration.ofMinutes(1)).exitCode());
      }
    } finally {
      try (var s = Files.list(dir)) {
        for (Path p : s.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }
}
