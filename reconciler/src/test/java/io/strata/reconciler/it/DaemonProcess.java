package io.strata.reconciler.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code strata daemon} JVM ({@code java -cp <this JVM's classpath> …Main daemon --config
 * …}), its combined output in {@code <log>.out} and its Logback log in {@code <log>}.
 */
final class DaemonProcess implements AutoCloseable {
  final Process process;
  final Path out;

  private DaemonProcess(Process process, Path out) {
    this.process = process;
    this.out = out;
  }

  /** Starts a daemon on {@code config}, with extra {@code -D} system properties. */
  static DaemonProcess start(Path config, Path workDir, Path log, String... systemProperties) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> argv =
        new ArrayList<>(
            List.of(
                java,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx256m",
                "-Dstrata.test.log=" + log));
    for (String p : systemProperties) {
      argv.add("-D" + p);
    }
    argv.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "io.strata.reconciler.cli.Main",
            "daemon",
            "--config",
            config.toString()));
    Path out = log.resolveSibling(log.getFileName() + ".out");
    try {
      Process p =
          new ProcessBuilder(argv)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
              .start();
      return new DaemonProcess(p, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the daemon's "watching" line (it then runs its first cycle at once). */
  DaemonProcess awaitListening(String context) {
    SimRepo.await(
        () -> !process.isAlive() || tail().contains("strata daemon: watching"),
        Duration.ofSeconds(60),
        () -> context + ": daemon to start\n" + tail());
    assertTrue(process.isAlive(), context + ": daemon exited at start\n" + tail());
    return this;
  }

  /** The last 4000 characters of the daemon's output. */
  String tail() {
    return tail(out);
  }

  static String tail(Path file) {
    try {
      if (!Files.exists(file)) {
        return "";
      }
      String s = Files.readString(file);
      return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** SIGTERM (graceful stop), then SIGKILL if it does not stop in time. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
