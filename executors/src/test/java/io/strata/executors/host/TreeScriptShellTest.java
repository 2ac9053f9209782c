package io.strata.executors.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link TreeScript} run by real shells (the {@code sh} of this machine, dash, bash and busybox's
 * ash when installed) on a temporary tree shaped like nvmet's configfs, against {@link LocalFiles}'
 * native walk of the same tree.
 */
class TreeScriptShellTest {
  private static final List<String> ATTRS =
      List.of("addr_trtype", "addr_traddr", "device_path", "enable", "revalidate_size", "*.res");

  @TempDir Path tmp;
  private Path root;

  /** A shell by its argv prefix, when this machine has it. */
  static Stream<List<String>> shells() {
    List<List<String>> out = new ArrayList<>();
    out.add(List.of("sh"));
    // bash in a UTF-8 locale counts ${#name} in characters unless the script says LC_ALL=C
    for (List<String> s :
        List.of(
            List.of("dash"),
            List.of("bash"),
            List.of("env", "LC_ALL=C.UTF-8", "bash"),
            List.of("busybox", "sh"))) {
      if (Stream.of(System.getenv("PATH").split(":"))
          .anyMatch(d -> Files.isExecutable(Path.of(d, program(s))))) {
        out.add(s);
      }
    }
    return out.stream();
  }

  private static String program(List<String> shell) {
    return shell.get(0).equals("env") ? shell.get(shell.size() - 1) : shell.get(0);
  }

  /** LocalHost running the script under {@code shell} instead of {@code sh}. */
  record ShellHost(Host delegate, List<String> shell) implements ForwardingHost {
    @Override
    public Result run(List<String> argv, byte[] stdin, Duration timeout) {
      List<String> a = new ArrayList<>(argv);
      if (a.get(0).equals("sh")) {
        a.remove(0);
        a.addAll(0, shell);
      }
      return delegate.run(a, stdin, timeout);
    }
  }

  private static FileTree viaScript(List<String> shell, Path root, int depth, List<String> read) {
    return new SshFiles(new ShellHost(new LocalHost("n1"), shell)).readTree(root, depth, read);
  }

  private static void write(Path p, String content) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  @BeforeEach
  void nvmetLikeTree() throws Exception {
    root = tmp.resolve("config dir's/nvmet");
    Path port = root.resolve("ports/1");
    write(port.resolve("addr_trtype"), "tcp\n");
    write(port.resolve("addr_traddr"), "192.0.2.1"); // no trailing newline
    write(port.resolve("addr_treq"), "not specified\n"); // not asked for
    Path ns = root.resolve("subsystems/nqn.2014-08.org.strata:v1/namespaces/1");
    write(ns.resolve("device_path"), "/dev/vg0/v1\n");
    write(ns.resolve("enable"), ""); // empty
    write(ns.resolve("revalidate_size"), "");
    Files.setPosixFilePermissions(
        ns.resolve("revalidate_size"), PosixFilePermissions.fromString("-w-------"));
    Files.createDirectories(root.resolve("subsystems/nqn.2014-08.org.strata:v1/allowed_hosts"));
    Files.createDirectories(port.resolve("subsystems"));
    Files.createSymbolicLink(
        port.resolve("subsystems/nqn.2014-08.org.strata:v1"),
        Path.of("../../../subsystems/nqn.2014-08.org.strata:v1"));
    Files.createDirectories(root.resolve("hosts"));
    // a directory named like an attribute, a fifo named like one (reading it would block)
    Files.createDirectories(root.resolve("ports/2/addr_trtype"));
    new ProcessBuilder("mkfifo", root.resolve("ports/2/enable").toString()).start().waitFor();
    // hidden names, a name with a newline and spaces, a file over the limit
    write(root.resolve(".hidden/..x.res"), "h");
    write(root.resolve("odd\nname dir/a b.res"), "line1\nline2");
    write(root.resolve("ünïcödé/é.res"), "u"); // length in bytes differs from characters
    write(root.resolve("big.res"), "x".repeat(FileTree.MAX_FILE_BYTES + 1));
    // deeper than the depth read: listed as a directory, not walked
    write(ns.resolve("deeper/enable"), "1\n");
  }

  @ParameterizedTest
  @MethodSource("shells")
  void theScriptSeesWhatTheNativeWalkSees(List<String> shell) {
    FileTree script = viaScript(shell, root, 5, ATTRS);
    FileTree local = new LocalHost("n1").readTree(root, 5, ATTRS);
    assertEquals(local.entries(), script.entries(), shell.toString());
    Map<String, FileTree.Entry> e = script.entries();
    String ns = "subsystems/nqn.2014-08.org.strata:v1/namespaces/1";
    assertEquals(new FileTree.File("tcp\n".getBytes()), e.get("ports/1/addr_trtype"));
    assertEquals(new FileTree.File("192.0.2.1".getBytes()), e.get("ports/1/addr_traddr"));
    assertEquals(new FileTree.Skipped(), e.get("ports/1/addr_treq"));
    assertEquals(new FileTree.File(new byte[0]), e.get(ns + "/enable"));
    assertEquals(new FileTree.Symlink(), e.get("ports/1/subsystems/nqn.2014-08.org.strata:v1"));
    assertEquals(new FileTree.Directory(), e.get("ports/2/addr_trtype"));
    assertEquals(new FileTree.Skipped(), e.get("ports/2/enable"));
    assertEquals(new FileTree.File("h".getBytes()), e.get(".hidden/..x.res"));
    assertEquals(
        new FileTree.File("line1\nline2".getBytes(StandardCharsets.UTF_8)),
        e.get("odd\nname dir/a b.res"));
    assertInstanceOf(FileTree.Unreadable.class, e.get("big.res"));
    assertEquals(new FileTree.File("u".getBytes()), e.get("ünïcödé/é.res"));
    assertEquals(new FileTree.Directory(), e.get(ns + "/deeper"));
    assertFalse(e.containsKey(ns + "/deeper/enable"));
    assertEquals(new FileTree.Directory(), e.get("hosts"));
    // root reads a 0200 file; anyone else cannot
    if ("root".equals(System.getProperty("user.name"))) {
      assertEquals(new FileTree.File(new byte[0]), e.get(ns + "/revalidate_size"));
    } else {
      assertInstanceOf(FileTree.Unreadable.class, e.get(ns + "/revalidate_size"));
    }
  }

  @ParameterizedTest
  @MethodSource("shells")
  void aFailingReadMarksOnlyThatFile(List<String> shell) {
    // reading a process's memory at offset 0 fails with EIO, for root too: a real read error
    FileTree t = viaScript(shell, Path.of("/proc/self"), 1, List.of("mem", "comm"));
    assertInstanceOf(FileTree.Unreadable.class, t.entry("mem").orElseThrow());
    assertInstanceOf(FileTree.File.class, t.entry("comm").orElseThrow());
    assertInstanceOf(FileTree.Skipped.class, t.entry("status").orElseThrow());
    FileTree local = new LocalHost("n1").readTree(Path.of("/proc/self"), 1, List.of("mem"));
    assertInstanceOf(FileTree.Unreadable.class, local.entry("mem").orElseThrow());
  }

  @ParameterizedTest
  @MethodSource("shells")
  void aMissingRootOrAFileAsRootIsAnEmptyTree(List<String> shell) {
    assertFalse(viaScript(shell, tmp.resolve("missing"), 3, ATTRS).exists());
    FileTree onFile = viaScript(shell, root.resolve("big.res"), 3, ATTRS);
    assertFalse(onFile.exists());
    assertTrue(onFile.entries().isEmpty());
    FileTree empty = viaScript(shell, root.resolve("hosts"), 3, ATTRS);
    assertTrue(empty.exists());
    assertTrue(empty.entries().isEmpty());
  }

  @ParameterizedTest
  @MethodSource("shells")
  void theDepthBoundsTheWalk(List<String> shell) {
    FileTree t = viaScript(shell, root, 1, ATTRS);
    assertEquals(
        List.of(".hidden", "big.res", "hosts", "odd\nname dir", "ports", "subsystems", "ünïcödé"),
        List.copyOf(t.entries().keySet()));
  }
}
