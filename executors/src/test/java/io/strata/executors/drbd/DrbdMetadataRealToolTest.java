package io.strata.executors.drbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import io.strata.executors.layer.ApplyOutcome;
import io.strata.executors.layer.Blkid;
import io.strata.executors.layer.ProcessHost;
import io.strata.executors.secret.ClusterKey;
import io.strata.planner.naming.Names;
import io.strata.planner.observed.DrbdConfig;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.planner.plan.ObjectSpec.Drbd.InitialSync;
import io.strata.schema.model.Layer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * DrbdExecutor.create against the real drbd-utils on a loop device: the file is validated and
 * installed in /etc/drbd.d, drbdmeta finds no metadata (rc 1), blkid finds nothing, create-md runs,
 * and afterwards the probes see metadata (rc 0, TYPE=drbd) so a retry never runs create-md again.
 * There is no DRBD kernel module here, so the final adjust fails; that is asserted. Every command
 * runs in a UTS namespace whose hostname is "alpha" (cookbook §4.1).
 */
class DrbdMetadataRealToolTest {
  /** Runs each command as host "alpha". */
  static final class AlphaHost implements Host {
    final ProcessHost real = new ProcessHost();
    final List<String> log = new ArrayList<>();

    @Override
    public String name() {
      return "alpha";
    }

    @Override
    public Result run(List<String> argv, byte[] stdin, Duration timeout) {
      log.add(String.join(" ", argv));
      List<String> a =
          new ArrayList<>(
              List.of("unshare", "-u", "sh", "-c", "hostname alpha && exec \"$@\"", "--"));
      a.addAll(argv);
      return real.run(a, stdin, timeout);
    }

    @Override
    public void writeFile(Path path, byte[] content, int mode) {
      real.writeFile(path, content, mode);
    }

    @Override
    public Optional<byte[]> readFile(Path path) {
      return real.readFile(path);
    }

    @Override
    public List<String> list(Path dir) {
      return real.list(dir);
    }

    @Override
    public void deleteFile(Path path) {
      real.deleteFile(path);
    }
  }

  @Test
  void createMdOnlyOnceOnAnEmptyLoopDevice() throws Exception {
    ProcessHost.assumeTools("drbdadm", "drbdmeta", "unshare", "losetup", "blkid");
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/etc/drbd.d")), "SKIPPED: no /etc/drbd.d");
    AlphaHost host = new AlphaHost();
    String res = "strata-rt-" + ProcessHandle.current().pid();
    Path img = Files.createTempFile("strata-md", ".img");
    String loop = null;
    try {
      host.real.run("truncate", "-s", "64M", img.toString());
      Result l = host.real.run("losetup", "-f", "--show", img.toString());
      Assumptions.assumeTrue(l.success(), "SKIPPED: no free loop device: " + l.err());
      loop = l.out().strip();
      DrbdConfig cfg =
          DrbdConfig.of(
              res,
              7999,
              64999,
              "C",
              Map.of("quorum", "majority"),
              List.of(
                  new DrbdConfig.Host("alpha", 0, "127.0.0.1", loop),
                  new DrbdConfig.Host("bravo", 1, "127.0.0.2", loop)),
              7);
      Change c =
          new Change(
              res + "/alpha/drbd",
              Action.CREATE,
              Layer.DRBD,
              "alpha",
              res,
              res,
              null,
              List.of(),
              "t",
              new ObjectSpec.Drbd(cfg, "alpha", true, InitialSync.NONE));
      DrbdExecutor drbd = new DrbdExecutor(ClusterKey.of(new byte[32]));

      ApplyOutcome first = drbd.create(host, c);
      assertTrue(host.log.stream().anyMatch(x -> x.contains("create-md")), host.log.toString());
      Path file = Path.of(Names.drbdResFile(res));
      assertTrue(Files.exists(file));
      assertFalse(Files.exists(Path.of(file + ".tmp")));
      assertEquals("drbd", Blkid.parse(host.real.run("blkid", "-p", "-o", "export", loop)).type());
      Result gi =
          host.run(DrbdCommands.getGi(64999, loop).argv(), new byte[0], Duration.ofMinutes(1));
      assertEquals(0, gi.exitCode(), gi.err());
      if (!first.success()) { // no kernel module: adjust cannot bring it up
        assertTrue(first.describe().contains("bringing up"), first.describe());
      }

      host.log.clear();
      drbd.create(host, c);
      assertTrue(host.log.stream().noneMatch(x -> x.contains("create-md")), host.log.toString());

      // without metadata, a device the plan did not create is never given any
      host.real.run("wipefs", "-a", loop);
      ApplyOutcome stale =
          drbd.create(
              host,
              new Change(
                  res + "/alpha/drbd",
                  Action.CREATE,
                  Layer.DRBD,
                  "alpha",
                  res,
                  res,
                  null,
                  List.of(),
                  "t",
                  new ObjectSpec.Drbd(cfg, "alpha", false, InitialSync.NONE)));
      assertInstanceOf(ApplyOutcome.Terminal.class, stale);
      assertTrue(stale.describe().contains("was not created by this plan"), stale.describe());
    } finally {
      Files.deleteIfExists(Path.of(Names.drbdResFile(res)));
      Files.deleteIfExists(Path.of(Names.drbdResFile(res) + ".tmp"));
      if (loop != null) {
        host.real.run("losetup", "-d", loop);
      }
      Files.deleteIfExists(img);
    }
  }
}
