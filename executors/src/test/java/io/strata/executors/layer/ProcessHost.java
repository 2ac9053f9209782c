package io.strata.executors.layer;

import io.strata.executors.host.Host;
import io.strata.executors.host.LocalHost;
import io.strata.executors.host.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The Host of the *RealToolTest classes: this machine through the production {@link LocalHost} (so
 * those tests also check that LocalHost gives the tools what the executors expect), plus a
 * skip-with-reason guard when a binary is missing or the user is not root.
 */
public final class ProcessHost implements Host {
  private final LocalHost local = new LocalHost("localhost");

  @Override
  public String name() {
    return "localhost";
  }

  /** Skips the calling test unless every binary is on PATH and we are root. */
  public static void assumeTools(String... binaries) {
    for (String b : binaries) {
      boolean found =
          Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
              .anyMatch(d -> Files.isExecutable(Path.of(d, b)));
      Assumptions.assumeTrue(found, "SKIPPED: " + b + " is not installed on this machine");
    }
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "SKIPPED: real-tool tests need root");
  }

  @Override
  public Result run(List<String> argv, byte[] stdin, Duration timeout) {
    return local.run(argv, stdin, timeout);
  }

  public Result run(String... argv) {
    return run(List.of(argv), new byte[0], Duration.ofMinutes(1));
  }

  @Override
  public void writeFile(Path path, byte[] content, int mode) {
    local.writeFile(path, content, mode);
  }

  @Override
  public Optional<byte[]> readFile(Path path) {
    return local.readFile(path);
  }

  @Override
  public List<String> list(Path dir) {
    return local.list(dir);
  }

  @Override
  public void deleteFile(Path path) {
    local.deleteFile(path);
  }
}
