package io.strata.reconciler.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code strata daemon} JVM ({@code java -cp <this JVM's classpath> …Main daemon --config
 * …}), its combined output in {@code <log>.out} and its Logback log in {@code <log>}.
 */
final class DaemonProcess implements AutoCloseable {
  private static final Pattern HTTP_PORT =
      Pattern.compile("http://127\\.0\\.0\\.1:(\\d+) \\(/healthz");

  /**
   * Daemons not closed yet. A test that fails between start and close (a wait that timed out, an
   * assertion) would otherwise leave its daemon running after the test JVM exits, where it loads
   * the machine and holds its ports for every later test.
   */
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
  }

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
      RUNNING.add(p);
      return new DaemonProcess(p, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the daemon's "watching" line (it then runs its first cycle at once). */
  DaemonProcess awaitListening(String context) {
    return closedOnFailure(
        () -> {
          SimRepo.await(
              () -> !process.isAlive() || tail().contains("strata daemon: watching"),
              Duration.ofSeconds(60),
              () -> context + ": daemon to start\n" + tail());
          assertTrue(process.isAlive(), context + ": daemon exited at start\n" + tail());
        });
  }

  /**
   * Waits until a daemon with {@code ha:} joined the HA cluster and printed its HTTP port (joining
   * is logged before the listener prints the port on stdout).
   */
  DaemonProcess awaitJoined(String name) {
    return closedOnFailure(
        () -> {
          SimRepo.await(
              () -> !process.isAlive() || log().contains("joined the HA cluster"),
              Duration.ofSeconds(60),
              () -> name + " to join the cluster\n" + diagnosis());
          SimRepo.await(
              () -> !process.isAlive() || printedHttpPort(),
              Duration.ofSeconds(60),
              () -> name + " to print its HTTP port\n" + diagnosis());
          assertTrue(process.isAlive(), name + " exited\n" + tail());
        });
  }

  /**
   * Runs a start-up wait; when it fails the caller never gets this object to close, so the daemon
   * is stopped here (an HA daemon left running would take part in the next test's election).
   */
  private DaemonProcess closedOnFailure(Runnable startupWait) {
    try {
      startupWait.run();
      return this;
    } catch (RuntimeException | AssertionError e) {
      close();
      throw e;
    }
  }

  /** Waits until this HA daemon leads its repository. */
  void awaitActive(String name) {
    SimRepo.await(
        () -> log().contains("is active for"),
        Duration.ofSeconds(60),
        () -> name + " to become active\n" + diagnosis());
  }

  /** Whether the daemon printed the "watching" line that names its HTTP port. */
  boolean printedHttpPort() {
    return HTTP_PORT.matcher(tail()).find();
  }

  /** The port of the daemon's HTTP listener, from its "watching" line. */
  int httpPort() {
    Matcher m = HTTP_PORT.matcher(tail());
    assertTrue(m.find(), "no http port in\n" + tail());
    return Integer.parseInt(m.group(1));
  }

  /** The daemon's whole Logback log (the file named at start). */
  String log() {
    Path log = out.resolveSibling(out.getFileName().toString().replaceFirst("\\.out$", ""));
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

  /**
   * What tells a slow daemon from a stuck one when a wait times out: its output, the end of its
   * log, and a thread dump (jstack).
   */
  String diagnosis() {
    String log = log();
    return tail()
        + "\n--- log (end)\n"
        + (log.length() > 6000 ? log.substring(log.length() - 6000) : log)
        + "\n--- threads\n"
        + threads();
  }

  private String threads() {
    if (!process.isAlive()) {
      return "(exited)";
    }
    try {
      Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
      Process p =
          new ProcessBuilder(jstack.toString(), Long.toString(process.pid()))
              .redirectErrorStream(true)
              .start();
      String dump = new String(p.getInputStream().readAllBytes());
      p.waitFor(30, TimeUnit.SECONDS);
      return dump;
    } catch (IOException e) {
      return "no thread dump: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "no thread dump: interrupted";
    }
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
      RUNNING.remove(process);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
