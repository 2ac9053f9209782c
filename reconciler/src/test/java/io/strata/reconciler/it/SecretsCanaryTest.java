package io.strata.reconciler.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.executors.host.Result;
import io.strata.reconciler.alert.RecordingHttpSink;
import io.strata.reconciler.cli.Main;
import io.strata.reconciler.engine.Engine;
import io.strata.reconciler.http.WebhookAuth;
import io.strata.simulator.CommandRecord;
import io.strata.simulator.SimulatedCluster;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, secrets canary: a LUKS passphrase, the cluster key and the webhook secret, each a
 * unique value, go through a real daemon JVM that applies them (a LUKS volume opened, DRBD secrets
 * derived, signed webhooks checked, a drift alerted). None of the three may then appear in the argv
 * of any command the simulated nodes ran, the daemon's log, plans in every format, any commit of
 * the status branch, the alerts sent, or the command line of any process on this machine (sampled
 * from {@code /proc/PID/cmdline} while the daemon worked). The simulated nodes' own state is
 * checked for the cluster key and the webhook secret (a node holds only derived DRBD secrets).
 */
class SecretsCanaryTest {
  private static final Duration CONVERGE = Duration.ofSeconds(60);
  private static final Pattern HTTP_PORT = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)");

  @TempDir Path tmp;

  @Test
  void noSecretLeavesTheReconciler() throws Exception {
    String tag = UUID.randomUUID().toString().replace("-", "");
    Map<String, String> canaries = new LinkedHashMap<>();
    canaries.put("LUKS passphrase", "canary-luks-" + tag);
    canaries.put("cluster key", "canary-clusterkey-" + tag);
    canaries.put("webhook secret", "canary-hook-" + tag);

    try (RecordingHttpSink sink = new RecordingHttpSink()) {
      SimRepo repo =
          new SimRepo(
              tmp,
              "",
              "secrets: {clusterKeyRef: file:cluster.key}\n"
                  + "alerts:\n  - {type: log}\n  - {type: webhook, url: '"
                  + sink.uri()
                  + "'}\n",
              "0s");
      Files.writeString(repo.root.resolve("luks.key"), canaries.get("LUKS passphrase"));
      Files.writeString(repo.root.resolve("cluster.key"), canaries.get("cluster key"));
      Files.writeString(repo.root.resolve("hook.secret"), canaries.get("webhook secret"));
      Files.writeString(
          repo.config,
          Files.readString(repo.config)
              .replace(
                  "  pollInterval: 1h\n",
                  "  pollInterval: 1h\n  webhookSecret: file:hook.secret\n"));
      String commit =
          repo.git.commitAndPush(
              "a sealed and a mirrored volume",
              "manifests/cluster.yaml",
              repo.cluster(),
              "manifests/volumes/vault.yaml",
              SimRepo.volume("vault", "sealed", "2 GiB"),
              "manifests/volumes/web.yaml",
              SimRepo.volume("web", "mirrored", "1 GiB"));

      Map<String, String> outputs = new LinkedHashMap<>();
      // Plans in every format, before anything exists (every create, with its commands).
      for (String format : List.of("text", "markdown", "json")) {
        outputs.put(
            "plan --format " + format,
            cli("plan", "--config", repo.config.toString(), "--format", format));
      }

      List<String> cmdlines = new ArrayList<>();
      Path log = tmp.resolve("daemon.log");
      try (DaemonProcess d = DaemonProcess.start(repo.config, repo.root, log)) {
        d.awaitListening("canary");
        int port = port(d.tail());
        SimRepo.await(
            () -> {
              cmdlines.addAll(processCommandLines());
              return repo.ready(commit, List.of("vault", "web"));
            },
            CONVERGE,
            () -> "vault and web Ready\n" + repo.status("status/reconciler.yaml") + d.tail());
        assertTrue(
            cmdlines.stream().anyMatch(c -> c.contains("io.strata.reconciler.cli.Main")),
            "the /proc scan sees the daemon's own command line");

        // Webhooks: a good one, a replay, a wrong one — none may echo the secret anywhere.
        byte[] body = ("{\"ref\":\"refs/heads/main\",\"after\":\"" + commit + "\"}").getBytes();
        assertEquals(202, post(port, body, WebhookAuth.sign(canaries.get("webhook secret"), body)));
        assertEquals(409, post(port, body, WebhookAuth.sign(canaries.get("webhook secret"), body)));
        assertEquals(401, post(port, body, WebhookAuth.sign("guess", body)));

        // Drift on the sealed volume's node: alerted (firing) by the next cycle.
        SimulatedCluster sim = repo.sim();
        String node = nodeOf(repo.status("status/volumes/vault.yaml"));
        Result down =
            sim.host(node)
                .run(List.of("drbdadm", "down", "vault"), new byte[0], Duration.ofSeconds(10));
        assertEquals(0, down.exitCode(), down.err());
        byte[] again = ("{\"ref\":\"refs/heads/main\",\"n\":2}").getBytes();
        assertEquals(
            202, post(port, again, WebhookAuth.sign(canaries.get("webhook secret"), again)));
        List<String> alerts = sink.await(1, 60_000);
        assertFalse(alerts.isEmpty(), "the drift was alerted");
        cmdlines.addAll(processCommandLines());
        outputs.put("alerts", String.join("\n", sink.bodies()));
      }
      outputs.put("daemon output", Files.readString(log.resolveSibling("daemon.log.out")));
      if (Files.exists(log)) {
        outputs.put("daemon log", Files.readString(log));
      }
      outputs.put("status branch, every commit", repo.git.inBare("log", "-p", "strata/status"));
      outputs.put("process command lines", String.join("\n", cmdlines));
      // The simulated nodes' command log lives in the process that drives them: a second sealed
      // volume (a LUKS format and open, DRBD resources with derived secrets) is applied here.
      repo.git.commitAndPush(
          "another sealed volume",
          "manifests/volumes/vault2.yaml",
          SimRepo.volume("vault2", "sealed", "1 GiB"));
      StringBuilder argv = new StringBuilder();
      try (Engine e = Engine.open(repo.load())) {
        Engine.Desired desired = e.desired(null, null);
        Engine.Applied applied = e.apply(e.planFor(desired, false, false).plan(), desired);
        assertEquals(List.of(), applied.failures());
        for (CommandRecord r : e.simulation().cluster().commandLog()) {
          argv.append(r.node()).append(' ').append(String.join(" ", r.argv())).append('\n');
        }
      }
      assertTrue(argv.toString().contains("cryptsetup"), "the LUKS layer ran: " + argv);
      outputs.put("simulated nodes' command argv", argv.toString());
      outputs.put("drift", cli("drift", "--config", repo.config.toString()));
      outputs.put("status", cli("status", "--config", repo.config.toString(), "--format", "json"));

      for (var out : outputs.entrySet()) {
        for (var c : canaries.entrySet()) {
          assertFalse(
              out.getValue().contains(c.getValue()),
              "the " + c.getKey() + " appears in " + out.getKey());
        }
      }
      assertTrue(
          readTree(repo.root).contains(canaries.get("LUKS passphrase")),
          "control: the byte scan finds a canary where it is (luks.key)");
      String simState = readTree(repo.simDir);
      assertFalse(simState.contains(canaries.get("cluster key")), "cluster key on a node");
      assertFalse(simState.contains(canaries.get("webhook secret")), "webhook secret on a node");
    }
  }

  private static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return out + "\n" + err;
  }

  private static int post(int port, byte[] body, String signature) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/git"))
                .header("X-GitHub-Event", "push")
                .header("X-Hub-Signature-256", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static int port(String daemonOutput) {
    Matcher m = HTTP_PORT.matcher(daemonOutput);
    assertTrue(m.find(), "the daemon prints its address: " + daemonOutput);
    return Integer.parseInt(m.group(1));
  }

  /** Every process's command line, from {@code /proc/PID/cmdline} (NUL-separated argv). */
  private static List<String> processCommandLines() {
    List<String> out = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          out.add(new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8));
        } catch (IOException gone) {
          // exited between the listing and the read
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }

  private static String readTree(Path dir) throws IOException {
    StringBuilder b = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        b.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    return b.toString();
  }

  private static String nodeOf(String volumeStatus) {
    for (String line : volumeStatus.split("\n")) {
      String l = line.strip();
      if (l.startsWith("- node: ") || l.startsWith("node: ")) {
        return l.substring(l.indexOf("node: ") + 6).strip();
      }
    }
    throw new AssertionError("no node in\n" + volumeStatus);
  }
}
