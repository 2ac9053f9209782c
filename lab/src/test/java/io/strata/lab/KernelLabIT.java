package io.strata.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The kernel lab (lab/README.md): boots Debian's kernel under qemu as SSH storage nodes and drives
 * them only through the strata jar ({@code lab/lab.sh}). Where the machine cannot run it (not root,
 * no qemu, no kernel image) it is skipped, saying why; it never pretends to have run.
 */
class KernelLabIT {
  /** The whole lab is measured at about 5 minutes on 2 busy cores; this only stops a hang. */
  private static final long DEADLINE_MINUTES = 25;

  @Test
  void realKernelsConvergeThroughTheStrataCli() throws Exception {
    Path labDir = Path.of(System.getProperty("lab.dir", "lab")).toAbsolutePath();
    Path out = Path.of(System.getProperty("lab.out", "target/kernel-lab")).toAbsolutePath();
    Path jar = Path.of(System.getProperty("strata.jar", "../reconciler/target/strata.jar"));
    skipUnless(reasonNotToRun());
    skipUnless(
        Files.isRegularFile(jar)
            ? Optional.empty()
            : Optional.of("the strata jar " + jar + " is not built"));

    Files.createDirectories(out);
    Path log = out.resolve("lab.log");
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(
                    "bash", labDir.resolve("lab.sh").toString(), out.toString(), jar.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    System.out.println("[kernel-lab] running lab/lab.sh; log: " + log);
    Process p = pb.start();
    boolean ended = p.waitFor(DEADLINE_MINUTES, TimeUnit.MINUTES);
    if (!ended) {
      p.descendants().forEach(ProcessHandle::destroy); // lab.sh's trap stops the VMs
      p.destroy();
      p.waitFor(60, TimeUnit.SECONDS);
    }
    String tail = tail(log, 80);
    System.out.println(
        "[kernel-lab] " + (ended ? "exit " + p.exitValue() : "timed out") + "\n" + tail);
    assertEquals(
        true, ended, "the lab did not finish in " + DEADLINE_MINUTES + " minutes:\n" + tail);
    assertEquals(0, p.exitValue(), "the kernel lab failed (full log " + log + "):\n" + tail);
  }

  /** Why the lab cannot run here, or empty when it can. */
  static Optional<String> reasonNotToRun() throws IOException, InterruptedException {
    if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
      return Optional.of("not Linux");
    }
    Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
    String uid = new String(id.getInputStream().readAllBytes()).strip();
    id.waitFor();
    if (!"0".equals(uid)) {
      return Optional.of("not root (uid " + uid + "): the lab needs loop devices and qemu");
    }
    if (onPath("qemu-system-x86_64").isEmpty()) {
      return Optional.of("qemu-system-x86_64 is not installed (run lab/install.sh as root)");
    }
    try (var boot = Files.list(Path.of("/boot"))) {
      if (boot.noneMatch(f -> f.getFileName().toString().startsWith("vmlinuz-"))) {
        return Optional.of("no /boot/vmlinuz-* kernel image (run lab/install.sh as root)");
      }
    } catch (IOException e) {
      return Optional.of("no /boot folder");
    }
    for (String tool :
        List.of("busybox", "dropbear", "dropbearkey", "cpio", "ssh", "jq", "lvm", "thin_check")) {
      if (onPath(tool).isEmpty()) {
        return Optional.of(tool + " is not installed (run lab/install.sh as root)");
      }
    }
    return Optional.empty();
  }

  private static Optional<Path> onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
    for (String dir : path.split(":")) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static void skipUnless(Optional<String> reason) {
    reason.ifPresent(r -> System.out.println("[kernel-lab] SKIPPED: " + r));
    assumeTrue(reason.isEmpty(), () -> "kernel lab skipped: " + reason.orElse(""));
  }

  private static String tail(Path log, int lines) throws IOException {
    if (!Files.exists(log)) {
      return "(no log)";
    }
    List<String> all = Files.readAllLines(log);
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
