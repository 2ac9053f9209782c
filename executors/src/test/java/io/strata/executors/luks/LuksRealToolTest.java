package io.strata.executors.luks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Result;
import io.strata.executors.layer.ApplyOutcome;
import io.strata.executors.layer.Blkid;
import io.strata.executors.layer.ProcessHost;
import io.strata.executors.secret.EnvFileSecretResolver;
import io.strata.planner.plan.Action;
import io.strata.planner.plan.Change;
import io.strata.planner.plan.ObjectSpec;
import io.strata.schema.model.Layer;
import io.strata.schema.model.SecretRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The real cryptsetup formats a plain file with LuksExecutor's argv (key on stdin, fast pbkdf),
 * blkid then shows Strata's label and subsystem, the exact key bytes open it, and a second create
 * does not re-format. Opening needs device-mapper, absent here, so create ends in a failure after
 * the format; that is asserted too.
 */
class LuksRealToolTest {
  final ProcessHost host = new ProcessHost();

  @Test
  void formatOnAFileThenRefuseOrReuse() throws Exception {
    ProcessHost.assumeTools("cryptsetup", "blkid", "truncate");
    Path img = Files.createTempFile("strata-luks", ".img");
    try {
      assertEquals(0, host.run("truncate", "-s", "32M", img.toString()).exitCode());
      var spec =
          new ObjectSpec.Luks("strata-rt", img.toString(), null, 0, SecretRef.parse("env:K"), 1);
      var change =
          new Change(
              "rt/local/luks",
              Action.CREATE,
              Layer.LUKS,
              "local",
              "rt",
              "strata-rt",
              null,
              List.of(),
              "t",
              spec);
      LuksExecutor luks =
          new LuksExecutor(new EnvFileSecretResolver(Map.of("K", "s3cr3t")), Pbkdf.FAST_FOR_TESTS);

      ApplyOutcome first = luks.create(host, change);
      // formatted, then open fails without device-mapper (or succeeds where dm exists)
      Blkid.Content c = Blkid.parse(host.run("blkid", "-p", "-o", "export", img.toString()));
      assertEquals("crypto_LUKS", c.type(), c.describe());
      assertEquals("strata-rt", c.tags().get("LABEL"));
      assertEquals("strata", c.tags().get("SUBSYSTEM"));
      String uuid = c.tags().get("UUID");
      LuksParser.Header header =
          LuksParser.luksDump(host.run("cryptsetup", "luksDump", img.toString()).out());
      assertEquals(new LuksParser.Header(2, uuid, "strata-rt", "strata", 16L << 20), header);

      Result test =
          host.run(
              List.of("cryptsetup", "open", "--test-passphrase", "--key-file", "-", img.toString()),
              "s3cr3t".getBytes(),
              Duration.ofMinutes(1));
      assertEquals(0, test.exitCode(), test.err());
      Result wrong =
          host.run(
              List.of("cryptsetup", "open", "--test-passphrase", "--key-file", "-", img.toString()),
              "s3cr3t\n".getBytes(),
              Duration.ofMinutes(1));
      assertEquals(2, wrong.exitCode(), "a trailing newline is a different key");

      ApplyOutcome second = luks.create(host, change);
      assertEquals(
          uuid,
          Blkid.parse(host.run("blkid", "-p", "-o", "export", img.toString())).tags().get("UUID"),
          "the second create must not re-format");
      if (!first.success()) {
        assertFalse(second.success());
        assertTrue(second.describe().contains("opening"), second.describe());
      }

      // someone else's LUKS header is refused
      var other =
          new ObjectSpec.Luks("strata-other", img.toString(), null, 0, SecretRef.parse("env:K"), 1);
      ApplyOutcome refused =
          luks.create(
              host,
              new Change(
                  "o",
                  Action.CREATE,
                  Layer.LUKS,
                  "local",
                  "other",
                  "strata-other",
                  null,
                  List.of(),
                  "t",
                  other));
      assertInstanceOf(ApplyOutcome.Terminal.class, refused);
      assertTrue(refused.describe().startsWith("would format a device holding data"));
    } finally {
      Files.deleteIfExists(img);
    }
  }
}
