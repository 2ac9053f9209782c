package io.strata.executors.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.schema.model.Metadata;
import io.strata.schema.model.Node;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshHostTest {
  private static final Duration T = Duration.ofSeconds(20);
  private static final String ED25519_LINE =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJvTERYHJSh715pVzUrfaTRw3k5huDDozugTMa35Srao root@vm";

  private static KeyPair hostKey;
  private static KeyPair otherHostKey;
  private static KeyPair rsaHostKey;
  private static KeyPair clientKey;
  private static SshTransport transport;

  @TempDir Path tmp;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @BeforeAll
  static void keys() throws Exception {
    hostKey = KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256);
    otherHostKey = KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256);
    rsaHostKey = KeyUtils.generateKeyPair("ssh-rsa", 2048);
    clientKey = KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256);
    transport = SshTransport.start();
  }

  @AfterAll
  static void stop() {
    transport.close();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  private TestSshServer server(KeyPair... hostKeys) throws Exception {
    TestSshServer s = new TestSshServer(List.of(hostKeys), clientKey.getPublic());
    closeables.add(s);
    return s;
  }

  private Path clientKeyFile() throws Exception {
    Path f = tmp.resolve("id_ecdsa");
    if (Files.exists(f)) {
      return f;
    }
    Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixModes.toPermissions(0600)));
    try (OutputStream os = Files.newOutputStream(f)) {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(clientKey, "strata", null, os);
    }
    return f;
  }

  private SshHost host(TestSshServer server, String pinnedLine) throws Exception {
    SshHostConfig cfg =
        new SshHostConfig(
            "alpha",
            "127.0.0.1",
            server.port(),
            System.getProperty("user.name"),
            pinnedLine,
            clientKeyFile(),
            false,
            Duration.ofSeconds(5),
            Duration.ofSeconds(5));
    SshHost h = new SshHost(cfg, transport);
    closeables.add(0, h);
    return h;
  }

  private SshHost host(TestSshServer server) throws Exception {
    return host(server, TestSshServer.publicKeyLine(hostKey));
  }

  /** A test server that introduces itself as dropbear (decision 043). */
  private TestSshServer dropbear() throws Exception {
    TestSshServer s =
        new TestSshServer(List.of(hostKey), clientKey.getPublic(), "dropbear_2022.83");
    closeables.add(s);
    return s;
  }

  /**
   * {@code commands} commands on threads of their own; each marks itself in a fresh folder and ends
   * (printing its number) once {@code gate} marks are there, or fails after 30 s.
   */
  private void meet(SshHost h, int commands, int gate) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("meet-" + commands + "-" + gate));
    String script =
        "touch \"$0/$1\"; i=0; while [ \"$(ls \"$0\" | wc -l)\" -lt $2 ] && [ $i -lt 3000 ]; do"
            + " sleep 0.01; i=$((i+1)); done; [ $i -lt 3000 ] && echo \"$1\"";
    ExecutorService pool = Executors.newFixedThreadPool(commands);
    try {
      List<Future<Result>> fs = new ArrayList<>();
      for (int i = 0; i < commands; i++) {
        String n = Integer.toString(i);
        fs.add(
            pool.submit(
                () ->
                    h.run(List.of("sh", "-c", script, dir.toString(), n, Integer.toString(gate)))));
      }
      for (int i = 0; i < commands; i++) {
        assertEquals(i + "\n", fs.get(i).get().out());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void connectsToConnectionHostAndPortNotTheDataAddress() throws Exception {
    TestSshServer server = server(hostKey);
    // 192.0.2.1 (TEST-NET-1) is the data address; SSH must never try it
    Node node =
        new Node(
            new Metadata("vm1", Map.of(), null),
            "192.0.2.1",
            new Node.Connection(
                Node.Connection.Type.SSH,
                "127.0.0.1",
                System.getProperty("user.name"),
                server.port(),
                TestSshServer.publicKeyLine(hostKey),
                false),
            false);
    SshHostConfig cfg = SshHostConfig.of(node, clientKeyFile());
    assertEquals("127.0.0.1", cfg.address());
    SshHost h = new SshHost(cfg, transport);
    closeables.add(0, h);
    assertEquals("hello\n", h.run(List.of("echo", "hello")).out());
  }

  @Test
  void runsEchoWithTheEnvironment() throws Exception {
    SshHost h = host(server(hostKey));
    Result r = h.run(List.of("echo", "hello"));
    assertEquals(0, r.exitCode());
    assertEquals("hello\n", r.out());
    Result env = h.run(List.of("sh", "-c", "echo \"$LC_ALL $LVM_SUPPRESS_FD_WARNINGS\""));
    assertEquals("C 1\n", env.out());
  }

  @Test
  void argumentsArriveExactlyDespiteShellCharacters() throws Exception {
    SshHost h = host(server(hostKey));
    List<String> args =
        List.of("a b", "it's", "\"dq\"", "$HOME", "x;y && z", "l1\nl2", "", "`id`", "\\", "*");
    List<String> argv = new ArrayList<>(List.of("printf", "<%s>\\n"));
    argv.addAll(args);
    Result r = h.run(argv);
    StringBuilder expected = new StringBuilder();
    args.forEach(a -> expected.append('<').append(a).append(">\n"));
    assertEquals(expected.toString(), r.out());
  }

  @Test
  void stdinRoundTripsAndEndsWithEof() throws Exception {
    SshHost h = host(server(hostKey));
    byte[] in = new byte[1024 * 1024];
    new Random(3).nextBytes(in);
    Result r = h.run(List.of("cat"), in, T);
    assertTrue(r.success(), r.err());
    assertArrayEquals(in, r.stdout());
    Result empty = h.run(List.of("cat"), new byte[0], T);
    assertEquals(0, empty.stdout().length);
  }

  @Test
  void stderrIsSeenWhileTheCommandStillRuns() throws Exception {
    SshHost h = host(server(hostKey));
    Path fifo = tmp.resolve("go");
    assertTrue(h.run(List.of("mkfifo", fifo.toString())).success());
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
      Future<Result> run = pool.submit(() -> h.run(argv, new byte[0], T, listener));
      assertTrue(seen.await(20, TimeUnit.SECONDS), "the listener saw: " + live);
      assertFalse(run.isDone(), "the command is still blocked on the FIFO");
      Files.writeString(fifo, "go\n");
      Result r = run.get(20, TimeUnit.SECONDS);
      assertTrue(r.success(), r.err());
      assertEquals("42 bytes copied\r", r.err());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void exitCodesAndStderr() throws Exception {
    SshHost h = host(server(hostKey));
    Result r = h.run(List.of("sh", "-c", "echo bad >&2; exit 7"));
    assertEquals(7, r.exitCode());
    assertEquals("bad\n", r.err());
    assertFalse(r.success());
  }

  @Test
  void filesRoundTrip() throws Exception {
    SshHost h = host(server(hostKey));
    Path dir = tmp.resolve("etc dir's");
    Files.createDirectories(dir);
    Path f = dir.resolve("pg $x.res");
    h.writeFile(f, "secret\n".getBytes(StandardCharsets.UTF_8), 0600);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    assertEquals("secret\n", new String(h.readFile(f).orElseThrow(), StandardCharsets.UTF_8));
    h.writeFile(f, "v2".getBytes(StandardCharsets.UTF_8), 0644);
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    assertEquals("v2", Files.readString(f));
    h.writeFile(dir.resolve("a"), new byte[0], 0644);
    assertEquals(List.of("a", "pg $x.res"), h.list(dir), "temp file left behind?");
    h.deleteFile(f);
    h.deleteFile(f);
    assertEquals(List.of("a"), h.list(dir));
    assertEquals(Optional.empty(), h.readFile(f));
    assertEquals(List.of(), h.list(tmp.resolve("missing")));
  }

  @Test
  void readTreeIsOneRoundTrip() throws Exception {
    TestSshServer server = server(hostKey);
    SshHost h = host(server);
    Path dir = tmp.resolve("drbd.d");
    Files.createDirectories(dir);
    for (int i = 0; i < 5; i++) {
      Files.writeString(dir.resolve("strata-v" + i + ".res"), "resource v" + i + " {}\n");
    }
    Files.writeString(dir.resolve("global_common.conf"), "global {}\n");
    h.run(List.of("true")); // connect first: the count below is the tree's alone
    int before = server.commandsStarted.get();
    FileTree t = h.readTree(dir, 1, List.of("strata-*.res"));
    assertEquals(before + 1, server.commandsStarted.get());
    assertEquals(6, t.entries().size());
    assertEquals(new FileTree.Skipped(), t.entry("global_common.conf").orElseThrow());
    assertEquals(
        "resource v3 {}\n",
        new String(t.read(h, dir.resolve("strata-v3.res")).orElseThrow(), StandardCharsets.UTF_8));
    assertEquals(before + 1, server.commandsStarted.get(), "answered from the snapshot");
    assertEquals(
        new LocalHost("n1").readTree(dir, 1, List.of("strata-*.res")).entries(), t.entries());
    assertFalse(h.readTree(tmp.resolve("missing"), 1, List.of("*")).exists());
  }

  @Test
  void timeoutReturnsTimedOutAndTheSessionStaysUsable() throws Exception {
    TestSshServer server = server(hostKey);
    SshHost h = host(server);
    Result r = h.run(List.of("sleep", "30"), new byte[0], Duration.ofMillis(500));
    assertTrue(r.timedOut());
    assertFalse(r.success());
    assertEquals("ok\n", h.run(List.of("echo", "ok")).out());
    assertEquals(1, server.sessionsCreated.get());
  }

  @Test
  void oneSessionIsReusedAlsoConcurrentlyAndReopenedWhenClosed() throws Exception {
    TestSshServer server = server(hostKey);
    SshHost h = host(server);
    meet(h, 4, 4); // four commands that can only end once all four run at the same time
    assertEquals(1, server.sessionsCreated.get(), "one session for every command");
    assertEquals(4, server.mostAtOnceOnOneSession.get(), "as concurrent channels");
    h.session().close(true);
    assertEquals("again\n", h.run(List.of("echo", "again")).out());
    assertEquals(2, server.sessionsCreated.get());
  }

  @Test
  void onDropbearEveryCommandHasASessionToItselfAndSessionsAreReused() throws Exception {
    TestSshServer server = dropbear();
    SshHost h = host(server);
    meet(h, 4, 4); // four commands that can only end once all four run at the same time
    assertEquals(4, server.sessionsCreated.get(), "one session per command running at once");
    assertEquals(1, server.mostAtOnceOnOneSession.get());
    for (int i = 0; i < 6; i++) {
      assertEquals("again\n", h.run(List.of("echo", "again")).out());
    }
    assertEquals(4, server.sessionsCreated.get(), "idle sessions are reused");
  }

  @Test
  void onDropbearAtMostEightSessionsAndTheRestWait() throws Exception {
    TestSshServer server = dropbear();
    SshHost h = host(server);
    // ten commands that block until eight run: without the cap all ten would hold a session
    meet(h, 10, SshConnectionPool.MAX_EXCLUSIVE);
    assertEquals(SshConnectionPool.MAX_EXCLUSIVE, server.sessionsCreated.get());
    assertEquals(1, server.mostAtOnceOnOneSession.get());
  }

  @Test
  void onlyDropbearGetsASessionPerCommand() {
    assertTrue(SshConnectionPool.needsOneChannelPerConnection("SSH-2.0-dropbear_2022.83"));
    assertTrue(SshConnectionPool.needsOneChannelPerConnection("SSH-2.0-Dropbear_2019.78"));
    assertFalse(
        SshConnectionPool.needsOneChannelPerConnection("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3"));
    assertFalse(SshConnectionPool.needsOneChannelPerConnection("SSH-2.0-APACHE-SSHD-2.20.1"));
    assertFalse(SshConnectionPool.needsOneChannelPerConnection(null));
  }

  @Test
  void changedHostKeyIsRefusedNamingBothFingerprints() throws Exception {
    SshHost h = host(server(otherHostKey), TestSshServer.publicKeyLine(hostKey));
    HostUnreachableException e =
        assertThrows(HostUnreachableException.class, () -> h.run(List.of("echo", "x")));
    String expected = HostKeyPin.parse("alpha", TestSshServer.publicKeyLine(hostKey)).fingerprint();
    String presented =
        HostKeyPin.parse("alpha", TestSshServer.publicKeyLine(otherHostKey)).fingerprint();
    assertTrue(e.getMessage().startsWith("alpha: unreachable: host key CHANGED"), e.getMessage());
    assertTrue(e.getMessage().contains("expected " + expected), e.getMessage());
    assertTrue(e.getMessage().contains("presented " + presented), e.getMessage());
    assertEquals(KeyUtils.getFingerPrint(otherHostKey.getPublic()), presented);
  }

  @Test
  void unknownHostIsRefused() throws Exception {
    SshHost h = host(server(hostKey), null);
    HostUnreachableException e =
        assertThrows(HostUnreachableException.class, () -> h.run(List.of("echo", "x")));
    assertTrue(e.getMessage().contains("unknown host key"), e.getMessage());
    assertTrue(e.getMessage().contains(KeyUtils.getFingerPrint(hostKey.getPublic())));
  }

  @Test
  void thePinnedKeyTypeIsNegotiatedWhenTheServerHasSeveral() throws Exception {
    TestSshServer server = server(hostKey, rsaHostKey);
    assertEquals(
        "rsa\n",
        host(server, TestSshServer.publicKeyLine(rsaHostKey)).run(List.of("echo", "rsa")).out());
    assertEquals(
        "ec\n",
        host(server, TestSshServer.publicKeyLine(hostKey)).run(List.of("echo", "ec")).out());
  }

  @Test
  void connectionRefusedIsUnreachable() throws Exception {
    TestSshServer server = server(hostKey);
    SshHost h = host(server);
    server.close();
    HostUnreachableException e =
        assertThrows(HostUnreachableException.class, () -> h.run(List.of("true")));
    assertTrue(e.getMessage().contains("cannot connect to"), e.getMessage());
  }

  @Test
  void unsupportedPinnedKeyTypeIsAClearConfigurationError() throws Exception {
    TestSshServer server = server(hostKey);
    // DSA host keys: dropped by OpenSSH 7.0 and not offered by this client.
    assertFalse(transport.client().getSignatureFactoriesNames().contains("ssh-dss"));
    String dss = "ssh-dss " + Base64.getEncoder().encodeToString(wireBlob("ssh-dss")) + " old@vm";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> host(server, dss));
    assertTrue(
        e.getMessage().startsWith("node alpha: pinned host key type ssh-dss is not supported"),
        e.getMessage());
    assertTrue(e.getMessage().contains("ssh-keyscan -t ed25519 127.0.0.1"), e.getMessage());
  }

  @Test
  void ed25519PinsAreAcceptedWithoutAConfigurationError() throws Exception {
    TestSshServer server = server(hostKey);
    SshHost h = host(server, ED25519_LINE); // an ed25519 pin no longer asks for ECDSA
    HostUnreachableException e =
        assertThrows(HostUnreachableException.class, () -> h.run(List.of("true")));
    // The server has only an ECDSA key, so no host key algorithm is common: still never trusted.
    assertFalse(e.getMessage().contains("ECDSA"), e.getMessage());
  }

  /** An SSH wire-format key blob of {@code type} with a dummy body. */
  private static byte[] wireBlob(String type) {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(4 + name.length + 8)
        .putInt(name.length)
        .put(name)
        .putInt(4)
        .putInt(0x01020304)
        .array();
  }

  @Test
  void commandThatIgnoresItsStdinStillReportsItsExitCode() throws Exception {
    SshHost h = host(server(hostKey));
    Result r = h.run(List.of("sh", "-c", "exit 3"), new byte[4 * 1024 * 1024], T);
    assertEquals(3, r.exitCode());
  }

  @Test
  void outputCapClosesTheChannelWithAClearError() throws Exception {
    TestSshServer server = server(hostKey);
    SshHostConfig cfg =
        new SshHostConfig(
            "alpha",
            "127.0.0.1",
            server.port(),
            System.getProperty("user.name"),
            TestSshServer.publicKeyLine(hostKey),
            clientKeyFile(),
            false,
            Duration.ofSeconds(5),
            Duration.ofSeconds(5));
    try (SshHost h = new SshHost(cfg, transport, List.of(clientKey), 1000)) {
      Result r = h.run(List.of("yes"), new byte[0], T);
      assertEquals(LocalHost.EXIT_OUTPUT_CAP, r.exitCode());
      assertEquals(1000, r.stdout().length);
      assertTrue(r.err().contains("stdout exceeded the output cap of 1000 bytes"), r.err());
      assertEquals("still\n", h.run(List.of("echo", "still")).out());
    }
  }

  @Test
  void malformedPinsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> HostKeyPin.parse("a", "ssh-rsa"));
    assertThrows(IllegalArgumentException.class, () -> HostKeyPin.parse("a", "ssh-rsa !!!"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> HostKeyPin.parse("a", ED25519_LINE.replace("ssh-ed25519 ", "ssh-rsa ")));
    assertTrue(e.getMessage().contains("hostKey says ssh-rsa but its key data is ssh-ed25519"));
    assertEquals(
        "SHA256:bZFr0DFsf4DTR+Oo3VaqIXBbYFMTQTyUoKfe7IohpuE",
        HostKeyPin.parse("a", ED25519_LINE).fingerprint(),
        "fingerprint differs from ssh-keygen -lf");
  }
}
