package io.strata.executors.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** issue 9 item 1: one hung probe costs a node at most reconcile.probeTimeout. */
class ProbeHostTest {
  @Test
  void capsLongerTimeoutsAndKeepsShorterOnes() {
    List<Duration> seen = new ArrayList<>();
    Host inner =
        new Host() {
          @Override
          public String name() {
            return "beta";
          }

          @Override
          public Result run(List<String> argv, byte[] stdin, Duration timeout) {
            seen.add(timeout);
            return Result.ok(argv, "");
          }

          @Override
          public void writeFile(Path path, byte[] content, int mode) {}

          @Override
          public Optional<byte[]> readFile(Path path) {
            return Optional.empty();
          }

          @Override
          public List<String> list(Path dir) {
            return List.of();
          }

          @Override
          public void deleteFile(Path path) {}
        };
    ProbeHost p = new ProbeHost(inner, Duration.ofSeconds(30));
    p.run(List.of("pvs"), new byte[0], Duration.ofMinutes(2));
    p.run(List.of("pvs"), new byte[0], Duration.ofSeconds(5));
    assertEquals(List.of(Duration.ofSeconds(30), Duration.ofSeconds(5)), seen);
    assertThrows(IllegalArgumentException.class, () -> new ProbeHost(inner, Duration.ZERO));
  }
}
