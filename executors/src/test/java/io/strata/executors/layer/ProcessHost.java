package io.strata.executors.layer;

import io.strata.executors.host.Host;
import io.strata.executors.host.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Test-only Host running real processes on this machine, with the environment every Host must give
 * commands ({@code LC_ALL=C}, {@code LVM_SUPPRESS_FD_WARNINGS=1}). Used by the *RealToolTest
 * classes, which skip (visibly) when a binary is missing or the user is not root.
 */
public final class ProcessHost implements Host {
  @Override
  public String name() {
    return "localhost";
  }

  /** Skips the calling test unless every binary is on PATH and we are root. */
  public static void assumeTools(String... binaries) {
    for (String b : binaries) {
      boolean found =
          java.util.stream.Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
              .anyMatch(d -> Files.isExecutable(Path.of(d, b)));
      Assumptions.assumeTrue(found, "SKIPPED: " + b + " is not installed on this machine");
    }
    Assumptions.assumeTrue(
        "root".equals(System.getProperty("user.name")), "SKIPPED: real-tool tests need root");
  }

  @Override
  public Result run(List<String> argv, byte[] stdin, Duration timeout) {
    try {
      ProcessBuilder pb = new ProcessBuilder(argv);
      pb.environment().put("LC_ALL", "C");
      pb.environment().put("LVM_SUPPRESS_FD_WARNINGS", "1");
      Path out = Files.createTempFile("strata-out", ".txt");
      Path err = Files.createTempFile("strata-err", ".txt");
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      p.getOutputStream().write(stdin);
      p.getOutputStream().close();
      boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        p.destroyForcibly();
      }
      Result r =
          new Result(
              argv,
              done ? p.exitValue() : -1,
              Files.readAllBytes(out),
              Files.readAllBytes(err),
              !done);
      Files.delete(out);
      Files.delete(err);
      return r;
    } catch (IOException e) {
      return Result.failed(argv, 127, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Result run(String... argv) {
    return run(List.of(argv), new byte[0], Duration.ofMinutes(1));
  }

  @Override
  public void writeFile(Path path, byte[] content, int mode) {
    try {
      Files.write(path, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Optional<byte[]> readFile(Path path) {
    try {
      return Files.exists(path) ? Optional.of(Files.readAllBytes(path)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<String> list(Path dir) {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  @Override
  public void deleteFile(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
