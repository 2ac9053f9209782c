package io.strata.reconciler.blackbox;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs {@code java -jar strata.jar ARGS} in a working directory and waits for it to exit, with a
 * deadline (a hung CLI fails the test instead of hanging the build). stdout and stderr go to files
 * so that neither pipe can fill up and block the process.
 */
record StrataJar(Path jar, Path workDir) {
  private static final long DEADLINE_SECONDS = 180;

  /** What one run printed and returned. */
  record Run(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** The jar failsafe names in {@code -Dstrata.jar}, or the module's target/strata.jar. */
  static StrataJar in(Path workDir) {
    Path jar = Path.of(System.getProperty("strata.jar", "target/strata.jar")).toAbsolutePath();
    assertTrue(Files.isRegularFile(jar), jar + " is missing: build it with mvn package first");
    return new StrataJar(jar, workDir);
  }

  Run run(String... args) throws IOException, InterruptedException {
    return run(Map.of(), args);
  }

  /** One run with {@code env} added to the environment (an {@code env:} secret). */
  Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> argv =
        new ArrayList<>(
            List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-jar"));
    argv.add(jar.toString());
    argv.addAll(List.of(args));
    Path out = Files.createTempFile(workDir, "stdout", ".txt");
    Path err = Files.createTempFile(workDir, "stderr", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(argv)
            .directory(workDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().remove("STRATA_DEBUG");
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      fail("strata " + String.join(" ", args) + " did not exit within " + DEADLINE_SECONDS + "s");
    }
    Run r =
        new Run(
            p.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return r;
  }

  /** Makes {@code dir} a Git repository with one commit of everything in it (the git CLI). */
  static void commitAll(Path dir) throws IOException, InterruptedException {
    for (List<String> git :
        List.of(
            List.of("git", "init", "-q", "-b", "main"),
            List.of("git", "add", "-A"),
            List.of(
                "git",
                "-c",
                "user.email=it@strata.invalid",
                "-c",
                "user.name=it",
                "commit",
                "-qm",
                "manifests"))) {
      Process p = new ProcessBuilder(git).directory(dir.toFile()).inheritIO().start();
      if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        fail(String.join(" ", git) + " failed in " + dir);
      }
    }
  }

  /**
   * Copies the shipped small example (examples/small: three nodes, five volumes) into {@code dir}.
   */
  static Path smallExample(Path dir) throws IOException {
    Path example = Path.of("../examples/small");
    try (Stream<Path> files = Files.walk(example)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path d = dir.resolve(example.relativize(f).toString());
        Files.createDirectories(d.getParent());
        Files.copy(f, d);
      }
    }
    return dir.resolve("strata.yaml");
  }

  /** Copies the contract's sample (two simulated nodes, one mirrored volume) into {@code dir}. */
  static Path sample(Path dir) throws IOException {
    Path sample = Path.of("src/test/resources/sample");
    try (Stream<Path> files = Files.walk(sample)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path d = dir.resolve(sample.relativize(f).toString());
        Files.createDirectories(d.getParent());
        Files.copy(f, d);
      }
    }
    return dir.resolve("strata.yaml");
  }
}
