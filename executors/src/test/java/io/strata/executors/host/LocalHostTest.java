package io.strata.executors.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalHostTest {
  private static final Duration T = Duration.ofSeconds(20);
  @TempDir Path tmp;

  private LocalHost host() {
    return new LocalHost("local", tmp, LocalHost.DEFAULT_OUTPUT_CAP);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void runsArgvWithoutAShell() {
    Result r = host().run(List.of("echo", "a b", "$HOME;", "'q'", "*"));
    assertTrue(r.success());
    assertEquals("a b $HOME; 'q' *\n", r.out());
  }

  @Test
  void setsTheLocaleAndLvmEnvironment() {
    Result r = host().run(List.of("sh", "-c", "echo \"$LC_ALL $LVM_SUPPRESS_FD_WARNINGS\""));
    assertEquals("C 1\n", r.out());
  }

  @Test
  void stdinIsDevNullWhenEmpty() {
    Result r = host().run(List.of("readlink", "/proc/self/fd/0"));
    assertEquals("/dev/null\n", r.out());
  }

  @Test
  void stdinRoundTripsLargeInputWhileOutputFlows() {
    byte[] in = new byte[8 * 1024 * 1024];
    new Random(1).nextBytes(in);
    Result r = host().run(List.of("cat"), in, T);
    assertTrue(r.success(), r.err());
    assertArrayEquals(in, r.stdout());
  }

  @Test
  void capturesLargeStdoutAndStderrTogetherWithoutDeadlock() {
    Result r =
        host()
            .run(
                List.of(
                    "sh",
                    "-c",
                    "head -c 3000000 /dev/zero >&2; head -c 5000000 /dev/zero;"
                        + " head -c 3000000 /dev/zero >&2"),
                new byte[0],
                T);
    assertTrue(r.success());
    assertEquals(5_000_000, r.stdout().length);
    assertEquals(6_000_000, r.stderr().length);
  }

  @Test
  void reportsExitCodesAndStderr() {
    Result r = host().run(List.of("sh", "-c", "echo oops >&2; exit 3"));
    assertEquals(3, r.exitCode());
    assertEquals("oops\n", r.err());
    assertFalse(r.success());
  }

  @Test
  void commandThatIgnoresItsStdinStillReportsItsExitCode() {
    Result r = host().run(List.of("sh", "-c", "exit 3"), new byte[4 * 1024 * 1024], T);
    assertEquals(3, r.exitCode());
  }

  @Test
  void missingProgramIsAFailedResult() {
    Result r = host().run(List.of("/nonexistent/strata-tool"));
    assertEquals(LocalHost.EXIT_CANNOT_START, r.exitCode());
    assertTrue(r.err().contains("cannot start /nonexistent/strata-tool"), r.err());
  }

  @Test
  void timeoutKillsTheWholeProcessTree() throws Exception {
    Path pidFile = tmp.resolve("child.pid");
    long t0 = System.nanoTime();
    Result r =
        host()
            .run(
                List.of("sh", "-c", "sleep 60 & echo $! > " + pidFile + "; wait"),
                new byte[0],
                Duration.ofMillis(500));
    long took = Duration.ofNanos(System.nanoTime() - t0).toMillis();
    assertTrue(r.timedOut());
    assertFalse(r.success());
    assertTrue(r.err().contains("timed out"), r.err());
    assertTrue(took < 15_000, "took " + took + "ms");
    long child = Long.parseLong(Files.readString(pidFile).trim());
    Optional<ProcessHandle> h = ProcessHandle.of(child);
    for (int i = 0; i < 50 && h.isPresent() && h.get().isAlive(); i++) {
      Thread.sleep(100);
    }
    assertFalse(h.isPresent() && h.get().isAlive(), "child sleep " + child + " survived");
  }

  @Test
  void outputCapKillsTheCommandWithAClearError() {
    LocalHost small = new LocalHost("local", tmp, 1000);
    Result r = small.run(List.of("sh", "-c", "yes"), new byte[0], T);
    assertEquals(LocalHost.EXIT_OUTPUT_CAP, r.exitCode());
    assertEquals(1000, r.stdout().length);
    assertTrue(r.err().contains("stdout exceeded the output cap of 1000 bytes"), r.err());
  }

  @Test
  void writeFileIsAtomicWithTheGivenMode() throws Exception {
    LocalHost h = host();
    Path p = Path.of("/etc/drbd.d/pg.res");
    Files.createDirectories(tmp.resolve("etc/drbd.d"));
    h.writeFile(p, utf8("secret-1"), 0600);
    Path real = tmp.resolve("etc/drbd.d/pg.res");
    assertEquals("rw-------", perms(real));
    assertEquals("secret-1", new String(h.readFile(p).orElseThrow(), StandardCharsets.UTF_8));

    h.writeFile(p, utf8("second"), 0644);
    assertEquals("rw-r--r--", perms(real));
    assertEquals("second", Files.readString(real));
    assertEquals(List.of("pg.res"), h.list(Path.of("/etc/drbd.d")), "a temp file was left");
  }

  @Test
  void writeFileWithReadOnlyModeStillWritesContent() throws Exception {
    host().writeFile(Path.of("/ro"), utf8("x"), 0400);
    assertEquals("r--------", perms(tmp.resolve("ro")));
    assertEquals("x", Files.readString(tmp.resolve("ro")));
  }

  @Test
  void writeFileIntoAMissingDirectoryFailsClearly() {
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class,
            () -> host().writeFile(Path.of("/no/such/dir/f"), utf8("x"), 0600));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void invalidModeIsRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> host().writeFile(Path.of("/f"), utf8("x"), 04755));
  }

  @Test
  void readListDelete() throws Exception {
    LocalHost h = host();
    assertEquals(Optional.empty(), h.readFile(Path.of("/missing")));
    assertEquals(List.of(), h.list(Path.of("/missing-dir")));
    Files.createDirectories(tmp.resolve("d"));
    h.writeFile(Path.of("/d/b"), utf8("2"), 0644);
    h.writeFile(Path.of("/d/a"), utf8("1"), 0644);
    h.writeFile(Path.of("/d/.hidden"), utf8("3"), 0644);
    assertEquals(List.of(".hidden", "a", "b"), h.list(Path.of("/d")));
    h.deleteFile(Path.of("/d/a"));
    h.deleteFile(Path.of("/d/a"));
    assertEquals(List.of(".hidden", "b"), h.list(Path.of("/d")));
  }

  @Test
  void posixModesRoundTrip() {
    for (int m = 0; m <= 0777; m++) {
      assertEquals(m, PosixModes.toMode(PosixModes.toPermissions(m)));
    }
    assertEquals("0600", PosixModes.toOctal(0600));
  }

  private static String perms(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void stderrIsSeenWhileTheCommandStillRuns() throws Exception {
    Path fifo = tmp.resolve("go");
    assertTrue(host().run(List.of("mkfifo", fifo.toString())).success());
    CountDownLatch seen = new CountDownLatch(1);
    StringBuffer live = new StringBuffer();
    OutputListener listener =
        (b, off, len) -> {
          live.append(new String(b, off, len, StandardCharsets.UTF_8));
          if (live.indexOf("42 bytes copied\r") >= 0) {
            seen.countDown();
          }
        };
    // prints, then blocks until the test writes to the FIFO: only a live listener sees the line
    List<String> argv =
        List.of(
            "sh",
            "-c",
            "printf '%s\\r' \"$1\" >&2; read x < \"$2\"",
            "sh",
            "42 bytes copied",
            fifo.toString());
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Result> run = pool.submit(() -> host().run(argv, new byte[0], T, listener));
      assertTrue(seen.await(20, TimeUnit.SECONDS), "the listener saw: " + live);
      assertFalse(run.isDone(), "the command is still blocked on the FIFO");
      Files.writeString(fifo, "go\n");
      Result r = run.get(20, TimeUnit.SECONDS);
      assertTrue(r.success(), r.err());
      assertEquals("42 bytes copied\r", r.err(), "the result still holds all of stderr");
      assertEquals(r.err(), live.toString());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aListenerThatThrowsDoesNotFailTheCommand() {
    Result r =
        host()
            .run(
                List.of("sh", "-c", "echo oops >&2; echo fine"),
                new byte[0],
                T,
                (b, off, len) -> {
                  throw new IllegalStateException("listener bug");
                });
    assertTrue(r.success());
    assertEquals("fine\n", r.out());
    assertEquals("oops\n", r.err());
  }

  @Test
  void aDocumentIsHandedOverWhileItsCommandIsStillExiting() throws Exception {
    Path fifo = tmp.resolve("exit");
    assertTrue(host().run(List.of("mkfifo", fifo.toString())).success());
    // writes a whole report, then blocks (as LVM tears down its I/O) until the test lets it exit 0
    List<String> argv =
        List.of(
            "sh",
            "-c",
            "printf '  {\\n \"report\": [{\"vg\": \"}\\\\\"\"}]\\n  }\\n'; read x < \"$1\"",
            "sh",
            fifo.toString());
    EarlyAnswer a = host().runForDocument(argv, T);
    assertEquals(
        "  {\n \"report\": [{\"vg\": \"}\\\"\"}]\n  }",
        new String(a.document(), StandardCharsets.UTF_8));
    assertFalse(a.result().isDone(), "the command has not exited yet");
    Files.writeString(fifo, "go\n");
    Result r = a.result().get(20, TimeUnit.SECONDS);
    assertEquals(0, r.exitCode());
    assertTrue(EarlyAnswer.stood(a.document(), r), "exit 0 and only a newline after the document");
  }

  @Test
  void aCommandThatFailsAfterItsDocumentSaysSoInItsResult() throws Exception {
    EarlyAnswer a =
        host()
            .runForDocument(
                List.of(
                    "sh", "-c", "echo '{\"report\": []}'; echo 'VG vg0 has errors' >&2; exit 5"),
                T);
    assertEquals("{\"report\": []}", new String(a.document(), StandardCharsets.UTF_8));
    Result r = a.result().get(20, TimeUnit.SECONDS);
    assertEquals(5, r.exitCode());
    assertEquals("VG vg0 has errors\n", r.err());
    assertFalse(EarlyAnswer.stood(a.document(), r));
  }

  @Test
  void withoutACompleteDocumentTheAnswerIsTheOrdinaryResult() throws Exception {
    EarlyAnswer none =
        host().runForDocument(List.of("sh", "-c", "echo 'not found' >&2; exit 5"), T);
    assertEquals(null, none.document());
    assertEquals(5, none.result().get().exitCode());
    EarlyAnswer cut = host().runForDocument(List.of("printf", "{\"report\": ["), T);
    assertEquals(null, cut.document(), "a document cut short is never handed over");
    assertEquals("{\"report\": [", cut.result().get().out());
    EarlyAnswer missing = host().runForDocument(List.of("/nonexistent/tool"), T);
    assertEquals(LocalHost.EXIT_CANNOT_START, missing.result().get().exitCode());
    EarlyAnswer slow =
        host().runForDocument(List.of("sh", "-c", "sleep 30; echo '{}'"), Duration.ofMillis(300));
    assertEquals(null, slow.document());
    assertTrue(slow.result().get().timedOut());
  }

  @Test
  void moreOutputAfterTheDocumentDoesNotStand() throws Exception {
    EarlyAnswer a = host().runForDocument(List.of("sh", "-c", "echo '{}'; echo '{}'"), T);
    assertEquals("{}", new String(a.document(), StandardCharsets.UTF_8));
    Result r = a.result().get(20, TimeUnit.SECONDS);
    assertTrue(r.success());
    assertFalse(EarlyAnswer.stood(a.document(), r), "a second document was not in the answer");
  }
}
